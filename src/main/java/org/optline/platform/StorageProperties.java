package org.optline.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where this node keeps its files: {@code dataDir} ({@code OPTLINE_DATA_DIR}) holds uploaded imports
 * and, unless {@code secrets.key} ({@code OPTLINE_SECRETS_KEY}) gives the secrets key, the file
 * {@code secrets.key} that holds it.
 */
@ConfigurationProperties("optline")
public record StorageProperties(@DefaultValue("./data") String dataDir, @DefaultValue Secrets secrets) {

    /** The key that seals secrets in the database, base64 of 32 bytes; empty: the data directory's file. */
    public record Secrets(String key) {

        public boolean configured() {
            return key != null && !key.isBlank();
        }

        /** Never prints the key (records would). */
        @Override
        public String toString() {
            return "Secrets[" + (configured() ? "configured" : "from the data directory") + "]";
        }
    }
}
