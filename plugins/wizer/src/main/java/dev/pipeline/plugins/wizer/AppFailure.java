package dev.pipeline.plugins.wizer;

import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.stage.AppSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what the runtime printed when {@code pipeline_init} failed into one build error: the app does not match its
 * world (at the app's file:line), the app called {@code sys.exit()} while imported, or importing it raised.
 */
final class AppFailure {
    private static final String PREFIX = "pipeline runtime: ";
    /** A line of the runtime's that says how to fix what it printed above (e.g. a standard-library module left out). */
    private static final Pattern HINT = Pattern.compile("^pipeline runtime: hint: (.*)$", Pattern.MULTILINE);
    private static final Pattern MISMATCH = Pattern.compile("^pipeline runtime: the app does not match its world: (/app/\\S+?|\\S+?):(\\d+): (.*)$",
            Pattern.MULTILINE);
    private static final Pattern EXIT = Pattern.compile("^pipeline runtime: the app exited with status (-?\\d+) while its module was imported$",
            Pattern.MULTILINE);

    private AppFailure() {}

    static PipelineException from(String stderr, AppSpec app) {
        Matcher m = MISMATCH.matcher(stderr);
        if (m.find()) {
            Path file = realFile(m.group(1), app);
            int line = Integer.parseInt(m.group(2));
            SourcePosition at = SourcePosition.of(file.toString(), line, 1).withLineText(lineOf(file, line));
            return new PipelineException(at, "the app does not match its world: " + m.group(3),
                    "the component calls this when the export is called; make the class match the WIT function "
                            + "(`pipeline bindings` writes typed stubs of what the world expects)");
        }
        Matcher exit = EXIT.matcher(stderr);
        if (exit.find()) {
            return new PipelineException(Diagnostic.error("the app exited with status " + exit.group(1)
                    + " at build time, while its module was imported:\n" + withoutRuntimeLines(stderr))
                    .withHint(ChicoryInitStrategy.EXIT_HINT));
        }
        String err = withoutRuntimeLines(stderr);
        Matcher hint = HINT.matcher(stderr);
        return new PipelineException(Diagnostic.error("pre-initialisation failed: importing the app raised an exception"
                + (err.isEmpty() ? "" : ":\n" + err)).withHint(hint.find() ? hint.group(1)
                : "fix the error above; it happens when the app module is imported"));
    }

    private static String withoutRuntimeLines(String stderr) {
        return stderr.lines().filter(l -> !l.startsWith(PREFIX)).collect(Collectors.joining("\n")).strip();
    }

    /** A path as the component sees it ({@code /app/<path under the python-path>}) as the file on disk. */
    static Path realFile(String name, AppSpec app) {
        if (name.startsWith("/app/")) {
            String rel = name.substring(5);
            for (Path root : app.pythonPath()) {
                Path p = root.resolve(rel);
                if (Files.isRegularFile(p)) return p;
            }
        }
        return Path.of(name);
    }

    private static String lineOf(Path file, int line) {
        try {
            List<String> lines = Files.readAllLines(file);
            return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
