package dev.pipeline.api.wit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs wasm-tools (via jco in node) on WIT sources: whether it accepts each one, how it prints the world, its core module. */
public final class WitOracle {
    /** One WIT source to judge; world may be null for the only world; {@code wat} asks for the dummy core module. */
    public record Case(String name, String world, String source, boolean wat) {
        public Case(String name, String world, String source) {
            this(name, world, source, false);
        }
    }

    /** The verdict: accepted with the printed component WIT, or rejected with wasm-tools' message. */
    public record Verdict(boolean accepted, String text) {}

    private WitOracle() {}

    public static Map<String, Verdict> judge(Iterable<Case> cases) throws IOException, InterruptedException {
        List<Case> remaining = new ArrayList<>();
        cases.forEach(remaining::add);
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        while (!remaining.isEmpty()) {
            int judged = verdicts.size();
            runNode(remaining, verdicts);
            remaining.removeIf(c -> verdicts.containsKey(c.name()));
            if (verdicts.size() == judged) throw new IOException("the jco oracle judged nothing");
        }
        return verdicts;
    }

    /** One node process over the cases; it stops early (exit code 3) when wasm-tools traps. */
    private static void runNode(List<Case> cases, Map<String, Verdict> verdicts) throws IOException, InterruptedException {
        Path nodeModules = WasiFixtures.nodeModules();
        Path script = nodeModules.getParent().resolve("pipeline-wit-oracle-" + ProcessHandle.current().pid() + ".mjs");
        Path input = Files.createTempFile("wit-oracle", ".tsv");
        try (InputStream in = WitOracle.class.getResourceAsStream("/oracle/wit-oracle.mjs")) {
            Files.write(script, in.readAllBytes());
            StringBuilder sb = new StringBuilder();
            Base64.Encoder b64 = Base64.getEncoder();
            for (Case c : cases) {
                sb.append(c.name()).append('\t').append(c.wat() ? "wat" : "wit").append('\t')
                        .append(c.world() == null ? "" : c.world()).append('\t')
                        .append(b64.encodeToString(c.source().getBytes(StandardCharsets.UTF_8))).append('\n');
            }
            Files.writeString(input, sb);
            Process p = new ProcessBuilder("node", script.toString(), input.toString())
                    .directory(nodeModules.getParent().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || (p.exitValue() != 0 && p.exitValue() != 3)) {
                throw new IOException("the jco oracle failed");
            }
            for (String line : out.split("\n")) {
                if (line.isBlank()) continue;
                String[] parts = line.split("\t", 3);
                String text = parts.length > 2 ? new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8) : "";
                verdicts.put(parts[0], new Verdict(parts[1].equals("OK"), text));
            }
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(input);
        }
    }
}
