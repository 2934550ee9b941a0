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
 * it; the run after such a change passes. Relations are sorted, so a rerun changes nothing.
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
