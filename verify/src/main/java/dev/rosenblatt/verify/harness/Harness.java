package dev.rosenblatt.verify.harness;

import dev.rosenblatt.kernels.Kernels;
import dev.rosenblatt.verify.checks.Checks;
import dev.rosenblatt.verify.checks.KernelCheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Runs the checks whose names match in this JVM, on one provider, and hands back a row for each. */
public final class Harness {

    private Harness() {
    }

    /** The checks selected by names: all when empty; a name selects the check of that name, "prefix*" a family. */
    public static List<KernelCheck> select(Collection<String> names) {
        List<KernelCheck> out = new ArrayList<>();
        for (KernelCheck c : Checks.all()) {
            if (names.isEmpty() || names.stream().anyMatch(n -> matches(c.name(), n))) {
                out.add(c);
            }
        }
        return out;
    }

    public static boolean matches(String check, String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
        return n.endsWith("*") ? check.startsWith(n.substring(0, n.length() - 1)) : check.equals(n);
    }

    public static List<Row> run(Kernels kernels, String provider, int width, Collection<String> names,
                                Consumer<Row> onRow) {
        List<Row> rows = new ArrayList<>();
        for (KernelCheck check : select(names)) {
            Row row = check.run(kernels, provider, width);
            rows.add(row);
            onRow.accept(row);
        }
        return rows;
    }
}
