package dev.pipeline.plugins.extensions;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runtime kit's C toolchain for wasm32-wasip1: compiling extension sources and listing their symbols. */
final class Toolchain {
    private static final Pattern DIAGNOSTIC = Pattern.compile("^(.+?):(\\d+):(\\d+): (?:fatal )?error: (.*)$");
    private final Path cc;
    private final Path pythonInclude;
    private final String nm;

    /** @param runtime the runtime folder (bin/cc, glue/); @param kit the kit's root (include/python3.13) */
    Toolchain(Path runtime, Path kit) {
        this.cc = runtime.resolve("bin/cc");
        this.pythonInclude = kit.resolve("include/python3.13");
        this.nm = "llvm-nm-19";
        if (!Files.isExecutable(cc)) {
            throw new PipelineException("the runtime folder " + runtime + " has no bin/cc: rebuild it with link-runtime.sh");
        }
    }

    /** The flags every extension source is compiled with (before its own -I and -D). */
    List<String> baseFlags() {
        return List.of("-O2", "-fwrapv", "-w", "-I" + pythonInclude);
    }

    /**
     * Compiles one C file to a wasm32-wasip1 object. A compiler error becomes a diagnostic at the compiler's
     * file:line:col with its message.
     */
    void compile(Path source, Path object, List<String> flags, String module) {
        List<String> cmd = new ArrayList<>();
        cmd.add(cc.toString());
        cmd.addAll(flags);
        cmd.addAll(List.of("-c", source.toString(), "-o", object.toString()));
        Result r = run(cmd);
        if (r.rc == 0) return;
        for (String line : r.output.lines().toList()) {
            Matcher m = DIAGNOSTIC.matcher(line);
            if (m.matches()) {
                Path file = Path.of(m.group(1));
                int row = Integer.parseInt(m.group(2));
                throw new PipelineException(SourcePosition.of(file.toString(), row, Integer.parseInt(m.group(3)))
                        .withLineText(lineOf(file, row)), "C compile error: " + m.group(4),
                        "compiling extension module `" + module + "` for wasm32-wasip1");
            }
        }
        throw new PipelineException("compiling " + source + " for `" + module + "` failed (exit " + r.rc + "):\n" + r.output.strip());
    }

    /**
     * Links objects into a core module without entry point (a library: its exports are the functions marked
     * {@code export_name}, plus memory), as a dependency component's main module.
     */
    void linkLibrary(List<Path> objects, Path out, String what) {
        List<String> cmd = new ArrayList<>(List.of(cc.toString(), "-O2", "-nostartfiles", "-Wl,--no-entry", "-Wl,--strip-debug"));
        for (Path o : objects) cmd.add(o.toString());
        cmd.addAll(List.of("-o", out.toString()));
        Result r = run(cmd);
        if (r.rc != 0) {
            throw new PipelineException("linking the dependency component `" + what + "` failed (exit " + r.rc + "):\n" + r.output.strip());
        }
    }

    /** The global symbols {@code file} (an object or archive) defines, each with the member that defines it first. */
    Map<String, String> definedSymbols(Path file) {
        Result r = run(List.of(nm, "--defined-only", "--extern-only", "--print-file-name", "--no-sort", file.toString()), null, false);
        if (r.rc != 0) throw new PipelineException("cannot list the symbols of " + file + ": " + r.output.strip());
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.output.lines().toList()) {
            // "/path/lib.a:member.o: 00000000 T name" or "/path/file.o: 00000000 T name"
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 3 || !parts[parts.length - 2].matches("[A-Za-z]")) continue;
            String sym = parts[parts.length - 1];
            String where = parts[0].endsWith(":") ? parts[0].substring(0, parts[0].length() - 1) : parts[0];
            String origin = Path.of(where.contains(".a:") ? where.substring(0, where.indexOf(".a:") + 2) : where).getFileName()
                    + (where.contains(".a:") ? "(" + where.substring(where.indexOf(".a:") + 3) + ")" : "");
            out.putIfAbsent(sym, origin);
        }
        return out;
    }

    /**
     * Runs Cython (on the build host, under the kit's native python) on a .pyx file; an error becomes a diagnostic
     * at Cython's file:line:col.
     */
    void cythonize(Path python, Path cython, Path pyx, Path out, String module) {
        List<String> cmd = List.of("env", "PYTHONPATH=" + cython.resolve("usr/lib/python3/dist-packages"), python.toString(), "-I", "-c",
                "import sys; sys.path.insert(0, sys.argv.pop(1)); from Cython.Compiler.Main import main; main(command_line=1)",
                cython.resolve("usr/lib/python3/dist-packages").toString(),
                "-3", "--module-name", module, "-o", out.toString(), pyx.toString());
        Path cwd = pyx.toAbsolutePath().getParent();
        Result r = run(cmd, cwd);
        if (r.rc == 0 && Files.isRegularFile(out)) return;
        Pattern err = Pattern.compile("^(.+?\\.(?:pyx|pxd|pxi)):(\\d+):(\\d+): (.*)$");
        for (String line : r.output.lines().toList()) {
            Matcher m = err.matcher(line);
            if (m.matches() && !m.group(4).startsWith("Warning")) {
                Path file = cwd.resolve(m.group(1)).normalize();
                int row = Integer.parseInt(m.group(2));
                throw new PipelineException(SourcePosition.of(file.toString(), row, Integer.parseInt(m.group(3)))
                        .withLineText(lineOf(file, row)), "Cython error: " + m.group(4), "translating `" + module + "` to C");
            }
        }
        throw new PipelineException("Cython failed on " + pyx + " (exit " + r.rc + "):\n" + r.output.strip());
    }

    /** The symbols one archive member leaves undefined. */
    List<String> undefinedSymbols(Path archive, String member) {
        Result r = run(List.of(nm, "--undefined-only", "--no-sort", archive.toString() + "(" + member + ")"), null, false);
        if (r.rc != 0) {
            // older llvm-nm spells members differently: list the whole archive and keep the member's block
            r = run(List.of(nm, "--undefined-only", "--no-sort", "--print-file-name", archive.toString()));
            if (r.rc != 0) throw new PipelineException("cannot list the symbols of " + archive + ": " + r.output.strip());
            List<String> out = new ArrayList<>();
            for (String line : r.output.lines().toList()) {
                if (line.contains(":" + member + ":")) {
                    String[] parts = line.trim().split("\\s+");
                    out.add(parts[parts.length - 1]);
                }
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        for (String line : r.output.lines().toList()) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 2 && parts[parts.length - 2].equals("U")) out.add(parts[parts.length - 1]);
        }
        return out;
    }

    private static String lineOf(Path file, int row) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return row >= 1 && row <= lines.size() ? lines.get(row - 1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private record Result(int rc, String output) {}

    private static Result run(List<String> cmd) {
        return run(cmd, null, true);
    }

    private static Result run(List<String> cmd, Path cwd) {
        return run(cmd, cwd, true);
    }

    /** Runs a command; with {@code withStderr} its output includes stderr, else stderr is dropped. */
    private static Result run(List<String> cmd, Path cwd, boolean withStderr) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (cwd != null) pb.directory(cwd.toFile());
            if (withStderr) pb.redirectErrorStream(true);
            else pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new PipelineException("cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while running " + cmd.get(0));
        }
    }
}
