package dev.pipeline.plugins.bindgen;

import dev.pipeline.api.wit.PackageName;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitInterface;
import dev.pipeline.api.world.WorldView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code poll_loop} helper module (an asyncio loop on {@code wasi:io/poll}, wasi:http body and request helpers),
 * shipped for worlds that import {@code wasi:io/poll}. It is a fixed resource; only its import lines are bound to the
 * world's module names, each line to the module of the WASI interface named in its comment, or to {@code None} when
 * the world does not import that interface.
 */
final class PollLoopModule {
    static final String FILE = "poll_loop.py";
    private static final Pattern BINDING = Pattern.compile("(?m)^import (\\S+) as (\\w+)  # (wasi:[a-z0-9-]+/[a-z0-9-]+)$");

    private PollLoopModule() {}

    /** The module's source bound to the world, or empty when the world does not import wasi:io/poll. */
    static Optional<String> forWorld(WorldView view, PythonLayout layout) {
        if (importedInterface(view, "wasi:io/poll").isEmpty()) return Optional.empty();
        Matcher m = BINDING.matcher(resource());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<Integer> id = importedInterface(view, m.group(3));
            String line = id.map(i -> "import " + layout.moduleOf(i) + " as " + m.group(2) + "  # " + m.group(3))
                    .orElse(m.group(2) + " = None  # " + m.group(3) + " is not imported by this world");
            m.appendReplacement(out, Matcher.quoteReplacement(line));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /** The first imported interface named {@code ns:pkg/name}, whatever its package version. */
    static Optional<Integer> importedInterface(WorldView view, String unversioned) {
        Resolve resolve = view.resolve();
        for (int id : view.importedInterfaces().keySet()) {
            WitInterface i = resolve.iface(id);
            if (i.name() == null) continue;
            PackageName p = resolve.pkg(i.packageId()).name();
            if (unversioned.equals(p.namespace() + ":" + p.name() + "/" + i.name())) return Optional.of(id);
        }
        return Optional.empty();
    }

    private static String resource() {
        try (InputStream in = PollLoopModule.class.getResourceAsStream(FILE)) {
            if (in == null) throw new IllegalStateException(FILE + " is missing from the bindgen-static plugin");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
