package org.optline.audience.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optline.audience.CustomField;

/**
 * How a CSV file is laid out: its separator, its header row, and which column feeds what
 * (email, name, a custom field, or nothing). Headers are matched to targets automatically,
 * case-, space- and punctuation-insensitively, by field key or label.
 */
public record CsvLayout(char separator, List<String> headers, List<String> targets) {

    public static final String EMAIL = "email";
    public static final String NAME = "name";

    private static final List<String> EMAIL_HEADERS = List.of("email", "emailaddress", "mail", "emailadresse", "correo");
    private static final List<String> NAME_HEADERS = List.of("name", "fullname", "firstname", "displayname", "nom", "nombre");

    /**
     * The separator of a file whose first line is {@code firstLine}: whichever of comma, semicolon
     * and tab occurs most often outside quotes (comma when none does).
     */
    public static char detectSeparator(String firstLine) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> comma++;
                    case ';' -> semicolon++;
                    case '\t' -> tab++;
                    default -> { }
                }
            }
        }
        if (tab > comma && tab >= semicolon) {
            return '\t';
        }
        return semicolon > comma ? ';' : ',';
    }

    /** Maps each header to a target; each target is used at most once (the first matching column wins). */
    public static List<String> match(List<String> headers, List<CustomField> fields) {
        Map<String, String> byNormalised = new HashMap<>();
        for (CustomField f : fields) {
            byNormalised.putIfAbsent(normalise(f.key()), f.key());
            byNormalised.putIfAbsent(normalise(f.label()), f.key());
        }
        List<String> targets = new ArrayList<>();
        for (String header : headers) {
            String h = normalise(header);
            String target = EMAIL_HEADERS.contains(h) ? EMAIL
                    : NAME_HEADERS.contains(h) ? NAME
                    : byNormalised.get(h);
            targets.add(target != null && !targets.contains(target) ? target : null);
        }
        return targets;
    }

    /** Lower-case letters and digits only, accents removed: "E-Mail Address" → "emailaddress". */
    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        String plain = Normalizer.normalize(header.replace("\uFEFF", ""), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The column map as stored: the target of each column, empty for ignored ones, joined by tabs. */
    public String encodeTargets() {
        return String.join("\t", targets.stream().map(t -> t == null ? "" : t).toList());
    }

    public static List<String> decodeTargets(String encoded, int columns) {
        List<String> targets = new ArrayList<>();
        String[] parts = encoded.split("\t", -1);
        for (int i = 0; i < columns; i++) {
            targets.add(i < parts.length && !parts[i].isEmpty() ? parts[i] : null);
        }
        return targets;
    }

    public int emailColumn() {
        return targets.indexOf(EMAIL);
    }
}
