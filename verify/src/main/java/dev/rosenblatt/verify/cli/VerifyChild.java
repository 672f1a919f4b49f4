package dev.rosenblatt.verify.cli;

import picocli.CommandLine;

/** The entry point of the child JVMs that {@link VerifyCommand} starts, one per SIMD width. */
public final class VerifyChild {

    private VerifyChild() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new VerifyCommand()).execute(args));
    }
}
