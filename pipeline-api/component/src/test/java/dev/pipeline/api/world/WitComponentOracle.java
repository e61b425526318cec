package dev.pipeline.api.world;

import dev.pipeline.api.testing.JcoOracle;
import dev.pipeline.api.testing.TestTools;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What wasm-tools (inside jco) says about a WIT world: the {@code component-type} custom section wit-component
 * embeds for it in a dummy core module and the WIT it prints for the component made from that module; and, for a
 * section of ours put in place of that one, whether wit-component accepts it (decodes, validates, builds a
 * component) and which WIT the result prints. jco's {@code componentWit} cannot print a bare world-type component
 * (it panics "Unexpected wit package" even for wit-component's own section), hence the round trip through
 * {@code componentNew}.
 */
final class WitComponentOracle {
    /** wit-component's own answer for a world: the dummy core module, its world section and the printed WIT. */
    record Reference(byte[] dummyCore, byte[] section, String wit) {}

    private static final String EMBED = """
            import { componentEmbed, componentNew, componentWit } from '@bytecodealliance/jco';
            import { readFileSync, writeFileSync } from 'fs';
            const [witFile, world, outDir] = process.argv.slice(2);
            try {
              const core = await componentEmbed({ dummy: true, witSource: readFileSync(witFile, 'utf8'), world });
              writeFileSync(outDir + '/core.wasm', core);
              writeFileSync(outDir + '/reference.wit', await componentWit(await componentNew(core)));
            } catch (e) { console.error(String(e && e.stack || e)); process.exit(3); }
            """;

    private static final String NEW = """
            import { componentNew, componentWit } from '@bytecodealliance/jco';
            import { readFileSync } from 'fs';
            try { process.stdout.write(await componentWit(await componentNew(readFileSync(process.argv[2])))); }
            catch (e) { console.error(String(e && e.stack || e)); process.exit(3); }
            """;

    private final JcoOracle jco;
    /** Answers already obtained, by world and WIT text: each test class asks several questions of the same world. */
    private final Map<List<String>, Reference> references = new HashMap<>();

    WitComponentOracle(JcoOracle jco) {
        this.jco = jco;
    }

    /** wit-component's encoding of {@code world} of {@code witSource} (one file; other packages nested in it). */
    synchronized Reference reference(String witSource, String world) {
        return references.computeIfAbsent(List.of(witSource, world), k -> embed(witSource, world));
    }

    private Reference embed(String witSource, String world) {
        try {
            Path dir = Files.createTempDirectory(jco.scratch(), "world-");
            Path wit = dir.resolve("world.wit");
            Files.writeString(wit, witSource);
            node(dir, EMBED, wit.toString(), world, dir.toString());
            byte[] core = Files.readAllBytes(dir.resolve("core.wasm"));
            return new Reference(core, worldSection(ModuleReader.read(core, "dummy core module")).data(),
                    Files.readString(dir.resolve("reference.wit")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the world section of the reference's dummy core module with {@code section} and has wit-component
     * make a component of it; returns that component's WIT, or throws with wit-component's complaint.
     */
    String componentWitWithSection(Reference reference, byte[] section) {
        Module core = ModuleReader.read(reference.dummyCore(), "dummy core module");
        CustomSection original = worldSection(core);
        List<CustomSection> sections = new ArrayList<>(core.customSections);
        sections.set(sections.indexOf(original), new CustomSection(original.name(), section, original.after()));
        core.customSections.clear();
        core.customSections.addAll(sections);
        try {
            Path dir = Files.createTempDirectory(jco.scratch(), "ours-");
            Path wasm = dir.resolve("core.wasm");
            Files.write(wasm, ModuleWriter.write(core));
            return node(dir, NEW, wasm.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CustomSection worldSection(Module core) {
        return core.customSections.stream().filter(c -> c.name().startsWith("component-type")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the core module has no component-type section"));
    }

    private String node(Path dir, String source, String... args) throws IOException {
        Path script = dir.resolve("run.mjs");
        Files.writeString(script, source);
        List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
        cmd.addAll(List.of(args));
        return TestTools.run(cmd, dir, 300);
    }
}
