package org.optline.delivery.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** A fresh 2048-bit RSA key pair for tests and benchmarks, and the DNS TXT record that publishes it. */
public record TestDkimKeys(KeyPair keys, String txtRecord) {

    public static TestDkimKeys generate() {
        CryptoProviders.install();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            return new TestDkimKeys(keys, "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
