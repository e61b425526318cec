package dev.pipeline.api.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Asks jco (wasm-tools compiled to JS) and node about wasm binaries: validate a component and print its WIT,
 * print WAT, validate and run core modules, transpile a component and call its exports. Scripts run from a scratch
 * folder next to node_modules so that ES module imports resolve.
 */
public final class JcoOracle implements AutoCloseable {
    private final Path scratch;

    public JcoOracle() {
        try {
            scratch = Files.createTempDirectory(TestTools.nodeModules().getParent(), ".jco-oracle-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scratch folder (inside the node_modules' parent); tests may write helper JS files here. */
    public Path scratch() { return scratch; }

    /** Validates a component (jco decodes and validates it) and returns the WIT of its world. */
    public String componentWit(byte[] component) {
        return node("""
                import { componentWit } from '@bytecodealliance/jco';
                import { readFileSync } from 'fs';
                try { process.stdout.write(await componentWit(readFileSync(process.argv[2]))); }
                catch (e) { console.error(String(e && e.stack || e)); process.exit(3); }
                """, component);
    }

    /**
     * A component that wasm-tools itself makes for {@code world} of {@code witSource} (a dummy core module embedded
     * and wrapped by {@code componentNew}): a reference for what valid components of that world look like.
     */
    public byte[] dummyComponent(String witSource, String world) {
        return embed(witSource, world, true);
    }

    /**
     * The dummy core module wasm-tools generates for {@code world}: every import and export with the right core
     * signature (bodies trap), carrying the world in its {@code component-type} custom section.
     */
    public byte[] dummyModule(String witSource, String world) {
        return embed(witSource, world, false);
    }

    private byte[] embed(String witSource, String world, boolean wrap) {
        Path out = scratch.resolve("dummy-" + System.nanoTime() + ".wasm");
        node("""
                import { componentEmbed, componentNew } from '@bytecodealliance/jco';
                import { readFileSync, writeFileSync } from 'fs';
                try {
                  const core = await componentEmbed({ dummy: true, witSource: readFileSync(process.argv[2], 'utf8'), world: process.argv[3] });
                  writeFileSync(process.argv[4], process.argv[5] === 'wrap' ? await componentNew(core) : core);
                } catch (e) { console.error(String(e && e.stack || e)); process.exit(3); }
                """, witSource.getBytes(StandardCharsets.UTF_8), world, out.toString(), wrap ? "wrap" : "raw");
        try {
            byte[] b = Files.readAllBytes(out);
            Files.delete(out);
            return b;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What wasm-tools' own {@code component new} makes of a core module that carries a {@code component-type}
     * custom section (no adapter): proves that wasm-tools reads the section the way it was meant.
     */
    public byte[] componentNew(byte[] coreModule) {
        Path out = scratch.resolve("new-" + System.nanoTime() + ".wasm");
        node("""
                import { componentNew } from '@bytecodealliance/jco';
                import { readFileSync, writeFileSync } from 'fs';
                try { writeFileSync(process.argv[3], await componentNew(readFileSync(process.argv[2]))); }
                catch (e) { console.error(String(e && e.stack || e)); process.exit(3); }
                """, coreModule, out.toString());
        try {
            byte[] b = Files.readAllBytes(out);
            Files.delete(out);
            return b;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@link #componentWit(byte[])} for several components in one node process (cheaper); fails on the first
     * component that does not validate, naming its position.
     */
    public List<String> componentWits(byte[]... components) {
        List<String> paths = new ArrayList<>();
        try {
            for (byte[] c : components) {
                Path f = Files.createTempFile(scratch, "wit", ".wasm");
                Files.write(f, c);
                paths.add(f.toString());
            }
            String out = node("""
                    import { componentWit } from '@bytecodealliance/jco';
                    import { readFileSync } from 'fs';
                    const files = process.argv.slice(3);
                    const wits = [];
                    for (let i = 0; i < files.length; i++) {
                      try { wits.push(await componentWit(readFileSync(files[i]))); }
                      catch (e) { console.error('component ' + i + ': ' + String(e && e.stack || e)); process.exit(3); }
                    }
                    process.stdout.write(wits.join('\\u0000'));
                    """, new byte[0], paths.toArray(String[]::new));
            return List.of(out.split("\u0000", -1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (String p : paths) {
                try {
                    Files.deleteIfExists(Path.of(p));
                } catch (IOException ignored) {
                    // the scratch folder is removed on close anyway
                }
            }
        }
    }

    /** The WAT text of a module or component. */
    public String print(byte[] wasm) {
        return node("""
                import { print } from '@bytecodealliance/jco';
                import { readFileSync } from 'fs';
                process.stdout.write(await print(readFileSync(process.argv[2])));
                """, wasm);
    }

    /** Validates a core module with node's WebAssembly engine; returns "ok" or throws with the engine's message. */
    public String validateCore(byte[] module) {
        return node("""
                import { readFileSync } from 'fs';
                try { new WebAssembly.Module(readFileSync(process.argv[2])); process.stdout.write('ok'); }
                catch (e) { console.error(String(e)); process.exit(3); }
                """, module);
    }

    /** Instantiates a core module without imports, calls {@code export} with integer arguments, returns the result. */
    public String callCore(byte[] module, String export, long... args) {
        StringBuilder a = new StringBuilder();
        for (long x : args) a.append(a.length() == 0 ? "" : ", ").append(x);
        return node("""
                import { readFileSync } from 'fs';
                const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), {});
                process.stdout.write(String(instance.exports['%s'](%s)));
                """.formatted(export, a), module);
    }

    /**
     * Transpiles a component with jco (WASI imports map to preview2-shim), then runs {@code script} as an ES module
     * in which {@code component} is the imported generated module; returns what the script prints (stdout, then
     * stderr, where the component's own diagnostics go).
     */
    public String transpileAndRun(byte[] component, String name, String script) {
        return transpileAndRun(component, name, Map.of(), Map.of(), script);
    }

    /**
     * Like {@link #transpileAndRun(byte[], String, String)}, with jco's import {@code map} (interface pattern →
     * JS module path, e.g. {@code "test:hello/host*" → "./host.js"}) and extra {@code files} written next to the output.
     */
    public String transpileAndRun(byte[] component, String name, Map<String, String> map, Map<String, String> files,
                                  String script) {
        return transpileAndRun(component, name, map, files, script, false);
    }

    /** Like the other form; with {@code withStderr} the result is what the script printed to stdout, then stderr. */
    public String transpileAndRun(byte[] component, String name, Map<String, String> map, Map<String, String> files,
                                  String script, boolean withStderr) {
        Path dir = transpile(component, name, map, files);
        Path runner = dir.resolve("run.mjs");
        try {
            Files.writeString(runner, "import * as component from './" + name + ".js';\n" + script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return TestTools.run(List.of("node", runner.toString()), dir, 300, withStderr);
    }

    /**
     * Transpiles a component with jco into a folder of the scratch area ({@code name.js} and its core modules, with
     * {@code files} beside them) and returns the folder; a script there can import {@code ./name.js}.
     */
    public Path transpile(byte[] component, String name, Map<String, String> map, Map<String, String> files) {
        Path dir = scratch.resolve("t-" + name);
        StringBuilder mapJs = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            mapJs.append('\'').append(e.getKey()).append("': '").append(e.getValue()).append("', ");
        }
        mapJs.append('}');
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".wasm"), component);
            for (Map.Entry<String, String> f : files.entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        node("""
                import { transpile } from '@bytecodealliance/jco';
                import { readFileSync, writeFileSync, mkdirSync } from 'fs';
                import { dirname, join } from 'path';
                const out = process.argv[3];
                try {
                  const { files } = await transpile(readFileSync(process.argv[2]), { name: '%s', map: %s });
                  for (const [file, bytes] of Object.entries(files)) {
                    const p = join(out, file); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, bytes);
                  }
                } catch (e) { console.error(String(e && e.stack || e)); process.exit(3); }
                """.formatted(name, mapJs), component, dir.toString());
        return dir;
    }

    private String node(String source, byte[] input, String... extra) {
        try {
            Path script = Files.createTempFile(scratch, "s", ".mjs");
            Path data = Files.createTempFile(scratch, "in", ".wasm");
            Files.writeString(script, source);
            Files.write(data, input);
            List<String> cmd = new ArrayList<>(List.of("node", script.toString(), data.toString()));
            cmd.addAll(List.of(extra));
            try {
                return TestTools.run(cmd, scratch, 300);
            } finally {
                Files.deleteIfExists(script);
                Files.deleteIfExists(data);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(scratch)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover scratch folder does no harm
        }
    }

}
