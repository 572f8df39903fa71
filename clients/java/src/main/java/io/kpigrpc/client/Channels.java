package io.kpigrpc.client;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.KpiJdkAlpn;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Opens the channel that {@link KpiClientOptions} describe. */
final class Channels {
    private Channels() {
    }

    static ManagedChannel open(String host, int port, KpiClientOptions options) {
        ManagedChannelBuilder<?> builder = options.usesTls()
                ? NettyChannelBuilder.forAddress(host, port).sslContext(sslContext(options))
                : ManagedChannelBuilder.forAddress(host, port).usePlaintext();
        options.apiKey().ifPresent(key -> builder.intercept(new ApiKeyInterceptor(key)));
        return builder.build();
    }

    /**
     * The JDK's TLS with the options' CA and client certificate (PEM; the key unencrypted
     * PKCS#8), offering HTTP/2 by ALPN through {@link KpiJdkAlpn}.
     */
    private static SslContext sslContext(KpiClientOptions options) {
        var builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED);
        try {
            if (options.certificateAuthority().isPresent()) {
                try (var ca = open(options.certificateAuthority().get())) {
                    builder.trustManager(ca);
                }
            }
            if (options.clientCertificate().isPresent()) {
                try (var certificate = open(options.clientCertificate().get());
                        var key = open(options.clientKey().orElseThrow())) {
                    builder.keyManager(certificate, key);
                }
            }
            var certificates = (JdkSslContext) builder.build();
            return KpiJdkAlpn.forClient(certificates.context());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the TLS certificates: " + e.getMessage(), e);
        }
    }

    private static InputStream open(KpiClientOptions.Pem pem) throws IOException {
        return pem.file() != null ? Files.newInputStream(pem.file()) : new ByteArrayInputStream(pem.bytes());
    }
}
