package dev.rosenblatt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/** The {@code rosenblatt} command: {@code info} here, and whatever commands the modules on the classpath bring. */
@Command(name = "rosenblatt", mixinStandardHelpOptions = true, versionProvider = RosenblattCli.Version.class,
        description = "Off-heap SIMD kernels and a perceptron / MLP trainer for the JVM.",
        subcommands = {InfoCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                CommandLine.HelpCommand.class})
public final class RosenblattCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The root command with every contributed subcommand added. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RosenblattCli());
        for (RosenblattCommand command : ServiceLoader.load(RosenblattCommand.class)) {
            cli.addSubcommand(command);
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A bad argument deep inside (a shape, a file) is the user's to fix: say what, not where in our code.
            commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + e.getMessage()));
            if (Boolean.getBoolean("rosenblatt.debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RosenblattCli.class.getPackage().getImplementationVersion();
            return new String[] {"rosenblatt " + (version == null ? "(development build)" : version)
                    + " on Java " + Runtime.version()};
        }
    }
}
