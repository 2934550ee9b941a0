package org.optline.site.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optline.site.policy.PolicyDiff.Kind;
import org.optline.site.policy.PolicyDiff.Line;

/** The diff between two versions: changed lines with three unchanged ones around them, in hunks that say where. */
class PolicyDiffTest {

    @Test
    void aChangedLineShowsAsRemovedAndAddedWithItsContext() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            lines.add("line " + i);
        }
        String older = String.join("\n", lines);
        lines.set(9, "line ten, rewritten");
        lines.add("line 21");
        PolicyDiff.Result diff = PolicyDiff.between(older, String.join("\n", lines));
        assertThat(diff.added()).isEqualTo(2);
        assertThat(diff.removed()).isEqualTo(1);
        List<Line> out = diff.lines();
        assertThat(out.get(0)).isEqualTo(new Line(Kind.HUNK, "", 7, 7));
        assertThat(out.subList(1, 8)).extracting(Line::kind, Line::text).containsExactly(
                tuple(Kind.SAME, "line 7"), tuple(Kind.SAME, "line 8"),
                tuple(Kind.SAME, "line 9"), tuple(Kind.REMOVED, "line 10"),
                tuple(Kind.ADDED, "line ten, rewritten"),
                tuple(Kind.SAME, "line 11"), tuple(Kind.SAME, "line 12"));
        // The addition at the end is far from the first change: a hunk of its own.
        assertThat(out).filteredOn(Line::hunk).extracting(Line::newLine).containsExactly(7, 18);
        assertThat(out.get(out.size() - 1)).isEqualTo(new Line(Kind.ADDED, "line 21", 0, 0));
    }

    @Test
    void linesThatLookLikeDiffHeadersAreText() {
        PolicyDiff.Result diff = PolicyDiff.between("a\n@@ -1 +1 @@\n--- x", "a\n@@ -1 +1 @@\n+++ y");
        assertThat(diff.lines()).filteredOn(Line::hunk).hasSize(1);
        assertThat(diff.lines()).extracting(Line::text).contains("@@ -1 +1 @@", "--- x", "+++ y");
    }

    @Test
    void theSameTextHasNoLines() {
        assertThat(PolicyDiff.between("a\nb", "a\nb").lines()).isEmpty();
        assertThat(PolicyDiff.between("", "new").lines()).extracting(Line::kind).containsExactly(Kind.HUNK, Kind.ADDED);
    }
}
