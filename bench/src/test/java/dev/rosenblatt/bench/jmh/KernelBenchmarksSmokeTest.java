package dev.rosenblatt.bench.jmh;

import dev.rosenblatt.kernels.memory.F32Matrix;
import dev.rosenblatt.kernels.memory.F32Vector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every kernel benchmark runs once, outside JMH, for every value of its operation and provider parameters at its
 * smallest size: a benchmark whose setup or call throws, returns a non-finite number or counts no bytes fails here,
 * not an hour into a sweep. Timing is JMH's business; this only checks that each benchmarked call is a valid one.
 */
class KernelBenchmarksSmokeTest {

    /** Parameters that set a size: the smallest value is taken (the first, for shapes). */
    private static final List<String> SIZE_PARAMETERS = List.of("size", "parameters", "shape", "batch", "matrix");

    @ParameterizedTest
    @ValueSource(classes = {ActivationsBenchmark.class, LossesBenchmark.class, OptimizerBenchmark.class,
            ReductionsBenchmark.class, RowsBenchmark.class})
    void everyOperationRunsOnEveryProvider(Class<?> benchmark) throws Exception {
        List<Field> varying = new ArrayList<>();
        List<Field> sizes = new ArrayList<>();
        for (Field f : benchmark.getDeclaredFields()) {
            if (f.isAnnotationPresent(Param.class)) {
                f.setAccessible(true);
                (SIZE_PARAMETERS.contains(f.getName()) ? sizes : varying).add(f);
            }
        }
        assertTrue(!varying.isEmpty(), benchmark.getSimpleName() + " has no operation parameter");
        int runs = 0;
        for (List<String> combination : crossProduct(varying)) {
            Object bench = benchmark.getDeclaredConstructor().newInstance();
            for (Field f : sizes) {
                set(f, bench, smallest(f));
            }
            for (int i = 0; i < varying.size(); i++) {
                set(varying.get(i), bench, combination.get(i));
            }
            String what = benchmark.getSimpleName() + " " + combination;
            invokeAll(bench, Setup.class, what);
            try {
                for (Method m : benchmark.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Benchmark.class)) {
                        checkCall(bench, m, what);
                        runs++;
                    }
                }
            } finally {
                invokeAll(bench, TearDown.class, what);
            }
        }
        assertTrue(runs >= 2 * varying.stream().mapToInt(f -> f.getAnnotation(Param.class).value().length).max()
                .orElse(0), benchmark.getSimpleName() + ": " + runs + " calls");
    }

    private static void checkCall(Object bench, Method m, String what) throws Exception {
        Object[] args = new Object[m.getParameterCount()];
        Parameter[] params = m.getParameters();
        for (int i = 0; i < args.length; i++) {
            args[i] = params[i].getType().getDeclaredConstructor().newInstance();
        }
        Object result;
        try {
            result = m.invoke(bench, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError(what + " " + m.getName() + " threw " + e.getCause(), e.getCause());
        }
        String where = what + " " + m.getName();
        switch (result) {
            case Float f -> assertTrue(Float.isFinite(f), where + " returned " + f);
            case Double d -> assertTrue(Double.isFinite(d), where + " returned " + d);
            case F32Matrix x -> {
                for (int i = 0; i < x.rows(); i++) {
                    for (int j = 0; j < x.cols(); j++) {
                        assertTrue(Float.isFinite(x.get(i, j)), where + ": element " + i + "," + j + " " + x.get(i, j));
                    }
                }
            }
            case F32Vector v -> {
                for (int i = 0; i < v.length(); i++) {
                    assertTrue(Float.isFinite(v.get(i)), where + ": element " + i + " " + v.get(i));
                }
            }
            case int[] a -> assertTrue(Arrays.stream(a).allMatch(k -> k >= 0), where + " " + Arrays.toString(a));
            case null, default -> fail(where + " returned " + result + ": nothing the JIT must keep");
        }
        for (Object arg : args) {
            Field bytes = arg.getClass().getDeclaredField("bytes");
            assertTrue(bytes.getLong(arg) > 0, where + " counted no bytes");
        }
    }

    private static void invokeAll(Object bench, Class<? extends java.lang.annotation.Annotation> marker, String what)
            throws Exception {
        for (Method m : bench.getClass().getDeclaredMethods()) {
            if (m.isAnnotationPresent(marker)) {
                try {
                    m.invoke(bench);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw new AssertionError(what + " " + m.getName() + " threw " + e.getCause(), e.getCause());
                }
            }
        }
    }

    private static String smallest(Field f) {
        String[] values = f.getAnnotation(Param.class).value();
        if (f.getType() == int.class) {
            return Arrays.stream(values).min(Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        }
        return values[0];
    }

    private static void set(Field f, Object bench, String value) throws IllegalAccessException {
        if (f.getType() == int.class) {
            f.setInt(bench, Integer.parseInt(value));
        } else {
            f.set(bench, value);
        }
    }

    private static List<List<String>> crossProduct(List<Field> fields) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (Field f : fields) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : f.getAnnotation(Param.class).value()) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            out = next;
        }
        assertEquals(fields.stream().mapToInt(f -> f.getAnnotation(Param.class).value().length)
                .reduce(1, (a, b) -> a * b), out.size());
        return out;
    }
}
