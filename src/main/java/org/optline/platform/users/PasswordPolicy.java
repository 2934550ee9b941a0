package org.optline.platform.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rules (ASVS 6.2): at least 12 characters, long pass-phrases welcome (up to 1024),
 * not one of the commonly used passwords, and not the account's own email address.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    /** What is wrong with {@code password}, or empty when it is acceptable. */
    public static Optional<String> problem(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || isOneRepeatedCharacter(password)) {
            return Optional.of("is too common; choose a less predictable password");
        }
        if (email != null && lower.contains(email.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the email address");
        }
        return Optional.empty();
    }

    private static boolean isOneRepeatedCharacter(String password) {
        return password.chars().distinct().count() == 1;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.trim();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read common-passwords.txt", e);
        }
        return Set.copyOf(words);
    }
}
