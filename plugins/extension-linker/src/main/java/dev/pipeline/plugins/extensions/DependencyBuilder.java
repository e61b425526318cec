package dev.pipeline.plugins.extensions;

import dev.pipeline.api.component.ComponentDecoder;
import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.world.WorldTypeEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes one dependency component: a prebuilt one is checked to be a component; C sources are compiled with the
 * kit's clang together with the generated bindings of their WIT world, linked into a core module without entry
 * point and wrapped with the world (and the WASI adapter, if the library uses WASI) into a component.
 */
final class DependencyBuilder {
    private final Toolchain tc;
    private final RuntimeKit kit;
    private final Progress progress;

    DependencyBuilder(Toolchain tc, RuntimeKit kit, Progress progress) {
        this.tc = tc;
        this.kit = kit;
        this.progress = progress;
    }

    byte[] build(DependencySpec spec, Path work) throws IOException {
        if (spec.path() != null) {
            byte[] b = Files.readAllBytes(spec.path());
            ComponentDecoder.decode(b, spec.path().toString());
            return b;
        }
        Resolve resolve = WitLoader.load(spec.wit());
        WitWorld world = resolve.selectWorld(spec.world());
        CBindings.Output gen = CBindings.generate(resolve, world);
        Files.createDirectories(work);
        Files.writeString(work.resolve(gen.headerName()), gen.header());
        Path glue = work.resolve(gen.headerName().replace(".h", ".c"));
        Files.writeString(glue, gen.source());
        List<String> flags = new ArrayList<>(List.of("-O2", "-fwrapv", "-I" + work));
        for (Path d : spec.includeDirs()) flags.add("-I" + d);
        for (String d : spec.defines()) flags.add("-D" + d);
        List<Path> objects = new ArrayList<>();
        List<Path> sources = new ArrayList<>(spec.sources());
        sources.add(glue);
        int i = 0;
        for (Path s : sources) {
            Path o = work.resolve(String.format("%02d-%s.o", i++, s.getFileName().toString().replace(".c", "")));
            tc.compile(s, o, flags, spec.label());
            objects.add(o);
        }
        Path core = work.resolve(spec.label() + ".core.wasm");
        tc.linkLibrary(objects, core, spec.label());
        Module m = ModuleReader.read(Files.readAllBytes(core), core.getFileName().toString());
        boolean wasi = m.imports.stream().anyMatch(im -> im.module().equals(ComponentNew.ADAPTER_NAME));
        Module adapter = wasi ? ModuleReader.read(Files.readAllBytes(kit.adapter()), "wasi_snapshot_preview1.reactor.wasm") : null;
        if (wasi) progress.status(spec.label() + " uses WASI: wrapped with the preview1 adapter");
        return ComponentEncoder.encode(ComponentNew.build(m, WorldTypeEncoder.encode(resolve, world), adapter));
    }
}
