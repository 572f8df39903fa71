package io.kpigrpc.client;

import io.grpc.ManagedChannel;
import io.kpigrpc.kpi.v1.QueryKpisRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real KpiGrpc server as a separate process on a free loopback port with a fresh data
 * directory, started once for the whole test run and stopped (its data deleted) at the end.
 * Tests ask for it as a parameter: {@code @ExtendWith(KpiServer.Extension.class)}.
 */
final class KpiServer implements ExtensionContext.Store.CloseableResource {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path tempDir;
    private final int port;

    private KpiServer(Process process, Path tempDir, int port) {
        this.process = process;
        this.tempDir = tempDir;
        this.port = port;
    }

    /** A client of this server; the test closes it. */
    KpiClient connect() {
        return KpiClient.connectPlaintext("127.0.0.1", port);
    }

    /** A client of this server with these options; the test closes it. */
    KpiClient connect(KpiClientOptions options) {
        return KpiClient.connect("127.0.0.1", port, options);
    }

    static KpiServer start() throws IOException, InterruptedException {
        return start("http", List.of(), KpiClientOptions.builder().build());
    }

    /**
     * A server listening on scheme ("http" or "https") with extra args (--keys-file,
     * --tls-cert...), ready once a client with the probe options can query it. Close it.
     */
    static KpiServer start(String scheme, List<String> args, KpiClientOptions probe) throws IOException, InterruptedException {
        Path dll = serverDll();
        Path tempDir = Files.createTempDirectory("kpigrpc-java-");
        int port = freePort();
        var command = new ArrayList<>(List.of("dotnet", dll.toString(), "--urls", scheme + "://127.0.0.1:" + port,
                "--data-dir", tempDir.resolve("data").toString()));
        command.addAll(args);
        // From the dll's folder, so that its appsettings.json applies.
        Process process = new ProcessBuilder(command)
                .directory(dll.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(tempDir.resolve("server.log").toFile())
                .start();
        var server = new KpiServer(process, tempDir, port);
        try {
            server.awaitReady(probe);
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /** Retries a cheap QueryKpis until the server answers it. */
    private void awaitReady(KpiClientOptions options) throws IOException, InterruptedException {
        Instant hour = ProtoTime.floorToQueryStep(Instant.now());
        var probe = QueryKpisRequest.newBuilder().setFrom(ProtoTime.timestamp(hour))
                .setTo(ProtoTime.timestamp(hour.plus(ProtoTime.QUERY_STEP))).build();
        ManagedChannel channel = Channels.open("127.0.0.1", port, options);
        try {
            var client = new KpiClient(channel, Duration.ofSeconds(2));
            Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
            RuntimeException last = null;
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IOException("the server exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    client.queryKpis(probe);
                    return;
                } catch (RuntimeException e) {
                    last = e;
                    Thread.sleep(250);
                }
            }
            throw new IOException("the server did not answer within " + STARTUP_TIMEOUT + ": " + last + "\n" + log(), last);
        } finally {
            channel.shutdownNow();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(tempDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private String log() throws IOException {
        return Files.readString(tempDir.resolve("server.log"));
    }

    /** $KPIGRPC_SERVER_DLL, or the Release build of the repository holding the working directory. */
    private static Path serverDll() throws IOException {
        String configured = System.getenv("KPIGRPC_SERVER_DLL");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path relative = Path.of("src/KpiGrpc.Server/bin/Release/net10.0/KpiGrpc.Server.dll");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("protos")) && Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IOException("no " + relative + " above " + Path.of("").toAbsolutePath()
                + ": build the server in Release or set KPIGRPC_SERVER_DLL");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Resolves a {@link KpiServer} parameter with the run's shared server. */
    static final class Extension implements ParameterResolver {
        private static final Namespace NAMESPACE = Namespace.create(KpiServer.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == KpiServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KpiServer.class, key -> {
                try {
                    return start();
                } catch (IOException e) {
                    throw new IllegalStateException("starting the KpiGrpc server: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting the KpiGrpc server", e);
                }
            }, KpiServer.class);
        }
    }
}
