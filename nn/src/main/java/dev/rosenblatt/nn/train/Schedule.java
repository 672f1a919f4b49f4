package dev.rosenblatt.nn.train;

import java.util.Locale;

/** The learning rate of each epoch, from the base rate: constant, step decay or cosine annealing. */
public sealed interface Schedule permits Schedule.Constant, Schedule.StepDecay, Schedule.Cosine {

    /** The rate for {@code epoch} (from 0) of {@code epochs}. */
    float rate(float base, int epoch, int epochs);

    record Constant() implements Schedule {
        @Override
        public float rate(float base, int epoch, int epochs) {
            return base;
        }
    }

    /** base * gamma^(epoch / every). */
    record StepDecay(int every, float gamma) implements Schedule {
        public StepDecay {
            if (every < 1) {
                throw new IllegalArgumentException("step schedule: every must be at least 1 epoch, got " + every);
            }
        }

        @Override
        public float rate(float base, int epoch, int epochs) {
            return (float) (base * Math.pow(gamma, epoch / every));
        }
    }

    /** base * (1 + cos(pi * epoch / epochs)) / 2: from base down towards 0. */
    record Cosine() implements Schedule {
        @Override
        public float rate(float base, int epoch, int epochs) {
            return (float) (base * 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs))));
        }
    }

    /** "constant", "cosine", "step" (every 10 epochs, gamma 0.1) or "step:EVERY:GAMMA". */
    static Schedule parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("constant")) {
            return new Constant();
        }
        if (s.equals("cosine")) {
            return new Cosine();
        }
        if (s.startsWith("step")) {
            String[] p = s.split(":");
            try {
                return new StepDecay(p.length > 1 ? Integer.parseInt(p[1]) : 10, p.length > 2 ? Float.parseFloat(p[2]) : 0.1f);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("schedule '" + text + "': expected step:EVERY:GAMMA, e.g. step:5:0.5");
            }
        }
        throw new IllegalArgumentException("unknown schedule '" + text + "': expected constant, cosine or step:EVERY:GAMMA");
    }
}
