package io.cairn.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for one registry host, as Docker builds it: the system's trusted CAs plus every
 * {@code *.crt} in {@code certs.d/HOST[:PORT]/}. Client certificates ({@code *.cert}/{@code *.key})
 * are not supported: a directory holding them is refused rather than silently ignored.
 */
final class TrustStores {

    private TrustStores() {
    }

    static SSLContext forHost(Path certsDir, String host) throws IOException {
        Path dir = certsDir.resolve(host.replace('/', '_'));
        List<X509Certificate> extra = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".crt")) {
                        extra.addAll(read(f));
                    } else if (name.endsWith(".cert") || name.endsWith(".key")) {
                        throw new IOException("client certificates (" + f + ") are not supported by Cairn");
                    }
                }
            }
        }
        try {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            X509TrustManager base = (X509TrustManager) system.getTrustManagers()[0];
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : base.getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + i++, c);
            }
            for (X509Certificate c : extra) {
                store.setCertificateEntry("certs.d-" + i++, c);
            }
            TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            combined.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, combined.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS trust for " + host + ": " + e.getMessage(), e);
        }
    }

    /** Trusts any certificate: Docker's behaviour for an insecure registry that speaks TLS. */
    static SSLContext trustingAll() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static List<X509Certificate> read(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException("cannot read the CA certificate " + pem + ": " + e.getMessage(), e);
        }
    }
}
