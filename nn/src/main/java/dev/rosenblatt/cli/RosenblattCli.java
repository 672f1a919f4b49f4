package dev.rosenblatt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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
            commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + describe(e)));
            if (Boolean.getBoolean("rosenblatt.debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
    }

    /**
     * What went wrong, in a line. The file exceptions of java.nio carry only the path when they have no reason
     * ("error: model.safetensors" said nothing of what was wrong with it), so those get one.
     */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof FileSystemException f && f.getReason() == null) {
            String what = f instanceof NoSuchFileException ? "no such file or directory"
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f.getClass().getSimpleName();
            return (f.getOtherFile() == null ? f.getFile() : f.getFile() + " -> " + f.getOtherFile()) + ": " + what;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
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
