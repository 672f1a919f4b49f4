package dev.rosenblatt.bench.cli;

import dev.rosenblatt.cli.RosenblattCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/**
 * {@code ./rosenblatt bench <kernel family> ...}: quick benchmarks that warm up, time repeated runs and print
 * medians. Its subcommands are {@link BenchSubcommand}s found with {@link ServiceLoader}, one file per family.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Quick benchmarks of the kernels (medians of repeated timed runs after a warm-up).")
public final class BenchCommand implements RosenblattCommand, Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Marker for a {@code bench} subcommand: a picocli {@code @Command} listed in META-INF/services. */
    public interface BenchSubcommand {
    }

    public BenchCommand() {
    }

    @CommandLine.Spec(CommandLine.Spec.Target.SELF)
    void addSubcommands(CommandLine.Model.CommandSpec self) {
        for (BenchSubcommand sub : ServiceLoader.load(BenchSubcommand.class)) {
            self.addSubcommand(null, new CommandLine(sub));
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
