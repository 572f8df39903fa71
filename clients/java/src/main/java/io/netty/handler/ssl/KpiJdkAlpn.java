package io.netty.handler.ssl;

import javax.net.ssl.SSLContext;

/**
 * ALPN ("h2") over the JDK's own TLS, which gRPC needs, for Debian 12's Netty 4.1.48: Debian
 * strips Netty's JdkAlpnApplicationProtocolNegotiator (it refers to Jetty ALPN and Conscrypt,
 * which Debian does not ship), so SslContextBuilder refuses ALPN with "JDK provider does not
 * support ALPN protocol", while the JDK 9+ engine wrapper it would have used (Java9SslEngine)
 * is still in the jar. This class, in Netty's package to reach that package-private wrapper,
 * builds the negotiator the same way. With an upstream Netty (grpc-netty-shaded from Maven),
 * TlsChannelCredentials works as is and this class is not needed.
 */
public final class KpiJdkAlpn {
    private KpiJdkAlpn() {
    }

    /** A client SslContext on jdkContext that offers only HTTP/2 ("h2") by ALPN. */
    @SuppressWarnings("deprecation") // JdkApplicationProtocolNegotiator: Netty's own, deprecated for outside use
    public static SslContext forClient(SSLContext jdkContext) {
        JdkApplicationProtocolNegotiator negotiator = new JdkBaseApplicationProtocolNegotiator(
                (engine, applicationNegotiator, isServer) -> new Java9SslEngine(engine, applicationNegotiator, isServer),
                JdkBaseApplicationProtocolNegotiator.NO_FAIL_SELECTOR_FACTORY,
                JdkBaseApplicationProtocolNegotiator.NO_FAIL_SELECTION_LISTENER_FACTORY,
                "h2");
        return new JdkSslContext(jdkContext, true, null, IdentityCipherSuiteFilter.INSTANCE, negotiator,
                ClientAuth.NONE, null, false);
    }
}
