package dev.openaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core's packages depend on one another without a cycle, read from the sources' imports and qualified names. */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.openaccess\\.core((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughAnother() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = "dev.openaccess.core" + packageSuffix(SOURCES.relativize(file.getParent()));
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String to = "dev.openaccess.core" + matcher.group(1);
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(from, key -> new TreeSet<>()).add(to);
                    }
                }
            }
        }
        assertTrue(uses.size() > 5, "the sources were read: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            reach(start, start, new ArrayList<>(List.of(start)), uses, cycles);
        }
        assertEquals(List.of(), cycles);
    }

    private static void reach(String start, String at, List<String> path, Map<String, Set<String>> uses,
                              List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) { // each cycle once, from its least package
                path.add(next);
                reach(start, next, path, uses, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String packageSuffix(Path folder) {
        String name = folder.toString().replace('/', '.').replace('\\', '.');
        return name.substring("dev.openaccess.core".length());
    }
}
