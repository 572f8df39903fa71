package io.kpigrpc.client;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link KpiClient#connect} reaches a server: an API key, TLS with a private CA, and a client
 * certificate for mutual TLS. Plaintext without a key when nothing is set.
 *
 * <pre>{@code
 * var options = KpiClientOptions.builder()
 *         .apiKey(System.getenv(KpiClientOptions.API_KEY_ENV))
 *         .certificateAuthority(Path.of("ca.pem"))
 *         .clientCertificate(Path.of("dialer.pem"), Path.of("dialer.key"))
 *         .build();
 * }</pre>
 */
public final class KpiClientOptions {
    /** The environment variable that holds the API key, as for the kpi CLI. */
    public static final String API_KEY_ENV = "KPI_API_KEY";

    private final String apiKey;
    private final boolean tls;
    private final Pem certificateAuthority;
    private final Pem clientCertificate;
    private final Pem clientKey;

    private KpiClientOptions(Builder builder) {
        this.apiKey = builder.apiKey;
        this.certificateAuthority = builder.certificateAuthority;
        this.clientCertificate = builder.clientCertificate;
        this.clientKey = builder.clientKey;
        this.tls = builder.tls || certificateAuthority != null || clientCertificate != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sent as {@code authorization: Bearer <key>} on every call, unary and streaming. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** Whether the connection uses TLS: set by {@link Builder#useTls()}, a CA or a client certificate. */
    public boolean usesTls() {
        return tls;
    }

    /** The CAs trusted instead of the system's; empty: the system's. */
    public Optional<Pem> certificateAuthority() {
        return Optional.ofNullable(certificateAuthority);
    }

    /** The certificate (chain) presented to a server that asks for one (mutual TLS). */
    public Optional<Pem> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    /** The unencrypted PKCS#8 private key of {@link #clientCertificate()}. */
    public Optional<Pem> clientKey() {
        return Optional.ofNullable(clientKey);
    }

    /** PEM content, from a file or bytes. */
    public record Pem(Path file, byte[] bytes) {
        public Pem {
            if ((file == null) == (bytes == null)) {
                throw new IllegalArgumentException("a PEM is a file or bytes");
            }
        }
    }

    /** Builds {@link KpiClientOptions}. */
    public static final class Builder {
        private String apiKey;
        private boolean tls;
        private Pem certificateAuthority;
        private Pem clientCertificate;
        private Pem clientKey;

        private Builder() {
        }

        /**
         * The API key (see the server's keys file); null or empty sends none, so that
         * {@code apiKey(System.getenv("KPI_API_KEY"))} works with the variable unset. Printable
         * ASCII without spaces.
         */
        public Builder apiKey(String key) {
            if (key == null || key.isEmpty()) {
                this.apiKey = null;
                return this;
            }
            if (!key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
                throw new IllegalArgumentException("apiKey must be printable ASCII without spaces or line breaks");
            }
            this.apiKey = key;
            return this;
        }

        /** TLS trusting the system's CAs (implied by a CA or a client certificate). */
        public Builder useTls() {
            this.tls = true;
            return this;
        }

        /** TLS trusting only the CAs of this PEM file. */
        public Builder certificateAuthority(Path pemFile) {
            this.certificateAuthority = new Pem(Objects.requireNonNull(pemFile), null);
            return this;
        }

        /** TLS trusting only these PEM CAs. */
        public Builder certificateAuthority(byte[] pem) {
            this.certificateAuthority = new Pem(null, Objects.requireNonNull(pem).clone());
            return this;
        }

        /** A client certificate (PEM chain) and its unencrypted PKCS#8 key, for mutual TLS. */
        public Builder clientCertificate(Path certificatePem, Path keyPem) {
            this.clientCertificate = new Pem(Objects.requireNonNull(certificatePem), null);
            this.clientKey = new Pem(Objects.requireNonNull(keyPem), null);
            return this;
        }

        /** The same as PEM bytes. */
        public Builder clientCertificate(byte[] certificatePem, byte[] keyPem) {
            this.clientCertificate = new Pem(null, Objects.requireNonNull(certificatePem).clone());
            this.clientKey = new Pem(null, Objects.requireNonNull(keyPem).clone());
            return this;
        }

        public KpiClientOptions build() {
            return new KpiClientOptions(this);
        }
    }
}
