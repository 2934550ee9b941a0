package org.optline.site.policy;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changed between two versions of the policy's Markdown, line by line, as a unified diff:
 * the changed lines with three unchanged ones around them, in hunks that say where they start.
 * Lines are plain text for the page to escape; the page marks additions and removals with
 * {@code <ins>} and {@code <del>} and words, not colour alone.
 */
final class PolicyDiff {

    /** Unchanged lines shown before and after a change. */
    static final int CONTEXT = 3;

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

    private PolicyDiff() {}

    /** How a line of the diff stands. */
    enum Kind { HUNK, SAME, ADDED, REMOVED }

    /** One line of the diff; a hunk's line holds where it starts in the older and the newer version. */
    record Line(Kind kind, String text, int oldLine, int newLine) {

        boolean hunk() {
            return kind == Kind.HUNK;
        }
    }

    /** The diff and its counts; {@code lines} is empty when the texts are the same line for line. */
    record Result(List<Line> lines, int added, int removed) {}

    static Result between(String older, String newer) {
        List<String> before = lines(older);
        List<String> after = lines(newer);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("older", "newer", before, DiffUtils.diff(before, after), CONTEXT);
        List<Line> out = new ArrayList<>();
        int added = 0;
        int removed = 0;
        // The first two lines name the files ("--- older", "+++ newer"); every later line is a
        // hunk's header or starts with its mark, so text that looks like a header is never taken for one.
        for (String line : unified.subList(Math.min(2, unified.size()), unified.size())) {
            Matcher hunk = HUNK.matcher(line);
            if (hunk.find()) {
                out.add(new Line(Kind.HUNK, "", Integer.parseInt(hunk.group(1)), Integer.parseInt(hunk.group(2))));
                continue;
            }
            String text = line.isEmpty() ? "" : line.substring(1);
            switch (line.isEmpty() ? ' ' : line.charAt(0)) {
                case '+' -> {
                    out.add(new Line(Kind.ADDED, text, 0, 0));
                    added++;
                }
                case '-' -> {
                    out.add(new Line(Kind.REMOVED, text, 0, 0));
                    removed++;
                }
                default -> out.add(new Line(Kind.SAME, text, 0, 0));
            }
        }
        return new Result(List.copyOf(out), added, removed);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
