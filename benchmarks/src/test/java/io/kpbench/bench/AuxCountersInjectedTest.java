package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Every {@code @AuxCounters} state of this package is a parameter of some {@code @Benchmark} method: JMH makes a
 * state only for the methods that take it, so a counter state no method takes reports nothing, silently (the
 * established packet's chain nodes went missing from a quick run that way).
 */
class AuxCountersInjectedTest {
    @Test
    void everyAuxCountersStateIsTakenByABenchmarkMethod() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path root = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = root.resolve("io/kpbench/bench");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = pkg.relativize(f).toString().replace(".class", "");
                classes.add(Class.forName("io.kpbench.bench." + name, false, getClass().getClassLoader()));
            }
        }
        Set<Class<?>> taken = new HashSet<>();
        List<Class<?>> counters = new ArrayList<>();
        for (Class<?> c : classes) {
            if (c.isAnnotationPresent(AuxCounters.class)) {
                counters.add(c);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    taken.addAll(Arrays.asList(m.getParameterTypes()));
                }
            }
        }
        assertTrue(counters.size() >= 4, "found the counter states: " + counters);
        assertEquals(List.of(), counters.stream().filter(c -> !taken.contains(c)).toList(),
                "@AuxCounters states that no @Benchmark method takes");
    }
}
