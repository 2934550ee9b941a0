package org.optline.test;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.function.Predicate;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for the texts the property classes feed in. Strings are built from
 * UTF-16 chars, not code points, so that a range up to U+FFFF reaches lone surrogates and a
 * length counts what {@link String#length()} counts; they shrink to fewer and lower chars.
 */
public final class Texts {

    /**
     * The BMP less noncharacters, private-use chars and surrogates: any char of text a person or a
     * file can bring. (A lone surrogate is no text; {@link #inRange} reaches it where a property needs it.)
     */
    private static final char[] ANY_CHAR = anyChars();

    private Texts() {
    }

    /** Any text of up to {@code maxLength} chars: controls, blanks and every script of the BMP included. */
    public static Gen<String> any(int maxLength) {
        return of(Generate.range(0, ANY_CHAR.length - 1).map(i -> ANY_CHAR[i]), 0, maxLength);
    }

    /** Any text of up to 255 chars: long enough for a line, short enough for thousands of examples. */
    public static Gen<String> any() {
        return any(255);
    }

    /** Text made only of the given chars, each equally likely. */
    public static Gen<String> ofChars(String chars, int minLength, int maxLength) {
        List<Character> choices = chars.chars().mapToObj(c -> (char) c).toList();
        return of(Generate.pick(choices), minLength, maxLength);
    }

    /** Text made of the chars from {@code first} to {@code last}, both included. */
    public static Gen<String> inRange(char first, char last, int minLength, int maxLength) {
        return of(Generate.range(first, last).map(i -> (char) i.intValue()), minLength, maxLength);
    }

    /** One of the given values, each equally likely. */
    public static Gen<String> oneOf(String... values) {
        return Generate.pick(List.of(values));
    }

    /** From {@code minParts} to {@code maxParts} pieces, one after another. */
    public static Gen<String> joined(Gen<String> pieces, int minParts, int maxParts) {
        return lists().of(pieces).ofSizeBetween(minParts, maxParts).map(parts -> String.join("", parts));
    }

    /**
     * Only the texts that fit, drawn again until one does. QuickTheories' own {@code assuming} gives
     * up after ten misses, and its boundary examples can miss the same way each time, so a property
     * filtered with it gives up at random ("Gave up after finding only 0 example(s)").
     */
    public static Gen<String> fitting(Gen<String> texts, Predicate<String> fits) {
        return in -> {
            for (int drawn = 1; ; drawn++) {
                String text = texts.generate(in);
                if (fits.test(text)) {
                    return text;
                }
                if (drawn == 1000) {
                    throw new IllegalStateException("no text in 1000 fits, the last was: " + text);
                }
            }
        };
    }

    private static Gen<String> of(Gen<Character> chars, int minLength, int maxLength) {
        return lists().of(chars).ofSizeBetween(minLength, maxLength).map(Texts::text);
    }

    private static String text(List<Character> chars) {
        StringBuilder text = new StringBuilder(chars.size());
        chars.forEach(text::append);
        return text.toString();
    }

    private static char[] anyChars() {
        StringBuilder chars = new StringBuilder();
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            boolean noncharacter = (c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFFFE || c == 0xFFFF;
            boolean privateUse = c >= 0xE000 && c <= 0xF8FF;
            if (!noncharacter && !privateUse && !Character.isSurrogate((char) c)) {
                chars.append((char) c);
            }
        }
        return chars.toString().toCharArray();
    }
}
