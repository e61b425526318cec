package dev.pipeline.host.cli;

import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.host.plan.StageFailure;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of the {@code pipeline} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code: 0 ok, 1 failed, 2 bad usage. */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    /** The configured command tree, also used by tests to capture output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PipelineCommand());
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setAllowSubcommandsAsOptionParameters(true); // `-d wit`: a folder named like the `wit` command
        // `pipeline call f.wasm neg -5`: a negative number is an argument, not an option
        cli.getSubcommands().get("call").setUnmatchedOptionsArePositionalParams(true);
        return cli;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose") || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.asCommandLineList().stream().anyMatch(c -> c.getParseResult() != null && c.getParseResult().hasMatchedOption("--verbose"));
        if (e instanceof PipelineException pe) {
            for (Diagnostic d : pe.diagnostics()) {
                // with --verbose on, a hint asking for it is noise
                if (verbose && d.hint() != null && d.hint().contains("--verbose")) d = d.withHint(null);
                err.println(d.render());
            }
        } else {
            err.println("error: internal error: " + e);
            if (!verbose) err.println("  hint: this is a bug in pipeline; rerun with --verbose and report the stack trace");
            else err.println("  hint: this is a bug in pipeline; please report the stack trace below");
        }
        if (verbose) {
            if (e instanceof StageFailure sf && !sf.pluginFrames().isEmpty()) {
                err.println("in plugin " + sf.pluginId() + ":");
                for (StackTraceElement f : sf.pluginFrames()) err.println("\tat " + f);
                err.println("full trace:");
            }
            Throwable shown = e instanceof StageFailure && e.getCause() != null ? e.getCause() : e;
            shown.printStackTrace(err);
        }
        err.flush();
        return 1;
    }
}
