package org.optline.site.forms;

import java.security.SecureRandom;

/**
 * Reference numbers a visitor quotes back ({@code L-7KQ2M9XD}): a letter for the form and eight
 * characters from an alphabet without look-alikes (no 0/O, 1/I/L), random so that one reference
 * says nothing about how many others there are.
 */
public final class References {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private References() {}

    public static String next(char kind) {
        StringBuilder out = new StringBuilder(10).append(kind).append('-');
        for (int i = 0; i < 8; i++) {
            out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }
}
