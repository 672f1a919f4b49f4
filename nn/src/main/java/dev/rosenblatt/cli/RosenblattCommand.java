package dev.rosenblatt.cli;

/**
 * A top-level command that a module contributes to {@code ./rosenblatt}. Implementations carry picocli's
 * {@code @Command} annotation and are listed in {@code META-INF/services/dev.rosenblatt.cli.RosenblattCommand};
 * {@link RosenblattCli} finds them with {@link java.util.ServiceLoader}, so nn needs no compile-time link to the
 * modules (verify, bench) that sit above it.
 */
public interface RosenblattCommand {
}
