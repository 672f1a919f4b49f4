package dev.rosenblatt.kernels;

/** The default number of threads parallel kernels use: {@value #PROPERTY}, else the machine's cores. */
public final class Threads {

    /** Overrides the default thread count (a positive integer). */
    public static final String PROPERTY = "rosenblatt.threads";

    private Threads() {
    }

    public static int defaultCount() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected a positive number of threads");
    }
}
