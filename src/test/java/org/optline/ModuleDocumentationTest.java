package org.optline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Writes Spring Modulith's documentation of the modules into {@code docs/modules}: a PlantUML
 * component diagram of all modules, one per module with its neighbours, and a canvas per module
 * (its public types, Spring beans, events and properties, in Asciidoc).
 *
 * <p>The files are committed. The test writes them fresh on every run and fails when they differ
 * from what was there, so a change to a module's shape shows in the review of the commit that made
 * it; the run after such a change passes. Relations and the canvases' lists are sorted, so a
 * rerun changes nothing.
 */
class ModuleDocumentationTest {

    private static final Path DOCS = Path.of("docs/modules");

    @Test
    void theModuleDocumentationIsUpToDate() throws IOException {
        List<String> before = snapshot();
        new Documenter(ApplicationModules.of(OptlineApplication.class),
                Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeDocumentation();
        sortRelations();
        sortCanvasLists();
        List<String> after = snapshot();
        assertThat(after).as("files written").anyMatch(f -> f.startsWith("components.puml"));
        assertThat(after).as("docs/modules was out of date; it is rewritten now: review and commit it")
                .isEqualTo(before);
    }

    /**
     * Orders each diagram's relations: the Documenter writes them in an order that changes from run
     * to run, and a diagram that did not change must not show in a diff.
     */
    private static void sortRelations() throws IOException {
        try (Stream<Path> paths = Files.list(DOCS)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".puml")).toList()) {
                List<String> lines = new ArrayList<>(Files.readAllLines(file));
                List<String> relations = lines.stream().filter(l -> l.startsWith("Rel(")).sorted().toList();
                int next = 0;
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("Rel(")) {
                        lines.set(i, relations.get(next++));
                    }
                }
                Files.write(file, lines);
            }
        }
    }

    /**
     * Orders each list in the canvases (events listened to, beans, properties): the Documenter
     * writes some of them in an order that changes from run to run. A list's first item may stand
     * in a table cell ({@code |* …}); it keeps that place.
     */
    private static void sortCanvasLists() throws IOException {
        try (Stream<Path> paths = Files.list(DOCS)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                List<String> lines = new ArrayList<>(Files.readAllLines(file));
                int i = 0;
                while (i < lines.size()) {
                    String first = lines.get(i);
                    String prefix = first.startsWith("|* ") ? "|* " : first.startsWith("* ") ? "* " : null;
                    if (prefix == null) {
                        i++;
                        continue;
                    }
                    int end = i + 1;
                    while (end < lines.size() && lines.get(end).startsWith("* ")) {
                        end++;
                    }
                    List<String> items = new ArrayList<>();
                    items.add(first.substring(prefix.length()));
                    lines.subList(i + 1, end).forEach(l -> items.add(l.substring(2)));
                    items.sort(null);
                    for (int k = 0; k < items.size(); k++) {
                        lines.set(i + k, (k == 0 ? prefix : "* ") + items.get(k));
                    }
                    i = end;
                }
                Files.write(file, lines);
            }
        }
    }

    /** Each file's name and content, in name order. */
    private static List<String> snapshot() throws IOException {
        List<String> files = new ArrayList<>();
        if (!Files.isDirectory(DOCS)) {
            return files;
        }
        try (Stream<Path> paths = Files.list(DOCS)) {
            for (Path file : paths.sorted().toList()) {
                files.add(file.getFileName() + "\n" + Files.readString(file));
            }
        }
        return files;
    }
}
