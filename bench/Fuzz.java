// Fuzzes the readers of untrusted input with mutated inputs and prints one line of counts per reader: the WIT
// parser and resolver, the core-module reader, the component decoder and the recipe loader. Run by bench/fuzz.sh.
//
// Each input ends in one of: accepted (and, for the first three, re-encoded and read again to the same result),
// a clean error (the project's PipelineException, the one-line message a user sees), a foreign exception (anything
// else: an internal error), a hang (no answer within HANG_MS), or a wrong result (the round trip differs).
//
// Usage: java -cp CLASSPATH bench/Fuzz.java COUNT SEED SEED_DIR...

import dev.pipeline.api.component.Component;
import dev.pipeline.api.component.ComponentDecoder;
import dev.pipeline.api.component.ComponentEncoder;
import dev.pipeline.api.component.ComponentSummary;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.Module;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.ModuleSummary;
import dev.pipeline.api.wasm.ModuleWriter;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.WitLoader;
import dev.pipeline.api.wit.WitWorld;
import dev.pipeline.api.wit.text.WitPrinter;
import dev.pipeline.host.recipe.RecipeLoader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import dev.pipeline.api.component.TypeScopeBuilder;
import dev.pipeline.api.component.WorldEncoding;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.ModuleBuilder;
import dev.pipeline.api.wasm.SectionId;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.world.WorldTypeEncoder;
import dev.pipeline.api.component.ComponentNew;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.component.DefType;
import dev.pipeline.api.component.PrimitiveType;

public class Fuzz {
    static final long HANG_MS = 10_000;

    /** What one input did. */
    enum Outcome { ACCEPTED, CLEAN_ERROR, FOREIGN_EXCEPTION, HANG, WRONG_RESULT }

    /** A reader under test: accepted (true), or wrong (throws WrongResult), or throws its error. */
    interface Target {
        void run(byte[] input) throws Exception;
    }

    static final class WrongResult extends RuntimeException {
        WrongResult(String m) { super(m); }
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        List<Path> seedDirs = Arrays.stream(args).skip(2).map(Path::of).toList();
        Path work = Files.createTempDirectory("pipeline-fuzz");
        Map<String, List<byte[]>> seeds = collectSeeds(seedDirs, work);

        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put("WIT parser", Fuzz::wit);
        targets.put("core-module reader", Fuzz::coreModule);
        targets.put("component decoder", Fuzz::component);
        Path recipe = work.resolve("app/recipe.toml");
        targets.put("recipe loader", input -> {
            Files.write(recipe, input);
            RecipeLoader.load(recipe);
        });
        Map<String, Function<Random, byte[]>> mutate = Map.of(
                "WIT parser", r -> text(pick(seeds.get("wit"), r), r, WIT_SNIPPETS),
                "core-module reader", r -> binary(pick(seeds.get("module"), r), r),
                "component decoder", r -> binary(pick(seeds.get("component"), r), r),
                "recipe loader", r -> text(pick(seeds.get("recipe"), r), r, TOML_SNIPPETS));

        System.out.printf("%-20s %9s %9s %12s %18s %6s %13s %8s%n", "reader", "inputs", "accepted", "clean errors",
                "foreign exceptions", "hangs", "wrong results", "seconds");
        boolean clean = true;
        for (var e : targets.entrySet()) {
            System.err.printf("fuzzing the %s (%d seeds)...%n", e.getKey(), seeds.get(seedKey(e.getKey())).size());
            Random random = new Random(seed ^ e.getKey().hashCode());
            Map<Outcome, Integer> counts = new LinkedHashMap<>();
            for (Outcome o : Outcome.values()) counts.put(o, 0);
            Map<String, String> examples = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newSingleThreadExecutor(daemon());
            for (int i = 0; i < count; i++) {
                byte[] input = mutate.get(e.getKey()).apply(random);
                Outcome o;
                String detail = null;
                Future<?> f = pool.submit(() -> {
                    e.getValue().run(input);
                    return null;
                });
                try {
                    f.get(HANG_MS, TimeUnit.MILLISECONDS);
                    o = Outcome.ACCEPTED;
                } catch (TimeoutException t) {
                    f.cancel(true);
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor(daemon());
                    o = Outcome.HANG;
                } catch (java.util.concurrent.ExecutionException x) {
                    Throwable c = x.getCause();
                    if (c instanceof PipelineException) o = Outcome.CLEAN_ERROR;
                    else if (c instanceof WrongResult) o = Outcome.WRONG_RESULT;
                    else o = Outcome.FOREIGN_EXCEPTION;
                    detail = c.toString() + (c.getStackTrace().length > 0 ? " at " + c.getStackTrace()[0] : "");
                }
                counts.merge(o, 1, Integer::sum);
                if (o.ordinal() >= Outcome.FOREIGN_EXCEPTION.ordinal() && examples.size() < 5) {
                    Path dump = work.resolve("finding-" + e.getKey().replace(' ', '-') + "-" + i);
                    Files.write(dump, input);
                    examples.put(dump.toString(), o + ": " + detail);
                }
            }
            pool.shutdownNow();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-20s %9d %9d %12d %18d %6d %13d %8.1f%n", e.getKey(), count, counts.get(Outcome.ACCEPTED),
                    counts.get(Outcome.CLEAN_ERROR), counts.get(Outcome.FOREIGN_EXCEPTION), counts.get(Outcome.HANG),
                    counts.get(Outcome.WRONG_RESULT), secs);
            for (var x : examples.entrySet()) System.out.println("    " + x.getKey() + ": " + x.getValue());
            clean &= examples.isEmpty();
        }
        System.exit(clean ? 0 : 1);
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(null, r, "fuzz", 64L << 20);
            t.setDaemon(true);
            return t;
        };
    }

    static String seedKey(String target) {
        return switch (target) {
            case "WIT parser" -> "wit";
            case "core-module reader" -> "module";
            case "component decoder" -> "component";
            default -> "recipe";
        };
    }

    // ---- targets: read, and where the input was accepted, write it back and read that again

    static void wit(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Resolve r = WitLoader.parse("fuzz.wit", text);
        for (int id : r.rootPackage().worlds().values()) {
            WitWorld w = r.world(id);
            String printed = WitPrinter.printWorld(r, id);
            Resolve again;
            try {
                again = WitLoader.parse("printed.wit", printed);
            } catch (PipelineException e) {
                throw new WrongResult("the printed world does not parse: " + e.getMessage() + "\n" + printed);
            }
            String world = w.name();
            String reprinted = WitPrinter.printWorld(again, again.rootPackage().worlds().get(world));
            if (!reprinted.equals(printed)) throw new WrongResult("printing the printed world changes it");
        }
    }

    static void coreModule(byte[] input) {
        Module m = ModuleReader.read(input, "fuzz.wasm");
        byte[] written = ModuleWriter.write(m);
        byte[] again = ModuleWriter.write(ModuleReader.read(written, "rewritten.wasm"));
        if (!Arrays.equals(written, again)) throw new WrongResult("read/write is not stable");
        ModuleSummary.describe(input, "fuzz.wasm");
    }

    static void component(byte[] input) {
        Component c = ComponentDecoder.decode(input, "fuzz.wasm");
        byte[] written = ComponentEncoder.encode(c);
        byte[] again = ComponentEncoder.encode(ComponentDecoder.decode(written, "rewritten.wasm"));
        if (!Arrays.equals(written, again)) throw new WrongResult("decode/encode is not stable");
        ComponentSummary.describe(input, "fuzz.wasm");
    }

    // ---- seeds

    static Map<String, List<byte[]>> collectSeeds(List<Path> dirs, Path work) throws Exception {
        Map<String, List<byte[]>> seeds = new LinkedHashMap<>();
        for (String k : List.of("wit", "module", "component", "recipe")) seeds.put(k, new ArrayList<>());
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    long size = Files.size(f);
                    if (name.endsWith(".wit") && size < 200_000) {
                        // seeds that parse on their own (a file of several cases is split at its ===== lines)
                        for (String text : Files.readString(f).split("=====\n")) {
                            try {
                                WitLoader.parse("seed.wit", text);
                                seeds.get("wit").add(text.getBytes(StandardCharsets.UTF_8));
                            } catch (PipelineException e) {
                                // invalid on its own: not a seed
                            }
                        }
                    }
                    else if (name.endsWith(".toml") && size < 100_000) seeds.get("recipe").add(Files.readAllBytes(f));
                    else if (name.endsWith(".wasm") && size < 2_000_000) {
                        byte[] b = Files.readAllBytes(f);
                        seeds.get(ModuleReader.isComponent(b) ? "component" : "module").add(b);
                    }
                }
            }
        }
        // components: the type encoding of every world of the WIT seeds (a component binary of its own), and a small
        // component around a core module
        for (byte[] w : seeds.get("wit")) {
            try {
                Resolve r = WitLoader.parse("seed.wit", new String(w, StandardCharsets.UTF_8));
                for (int id : r.rootPackage().worlds().values()) {
                    seeds.get("component").add(WorldEncoding.customSection(
                            WorldTypeEncoder.encode(r, r.world(id))));
                }
            } catch (PipelineException e) {
                // a seed with dependencies in other files: its worlds are left out
            }
        }
        seeds.get("component").add(ComponentNew.encode(smallModule(), null));
        seeds.get("module").add(smallModule());
        // an app beside the recipe, so that mutated recipes can also be valid ones
        Path app = Files.createDirectories(work.resolve("app/wit"));
        Files.writeString(app.resolve("hello.wit"), "package test:hello;\nworld hello { export greet: func(name: string) -> string; }\n");
        Files.writeString(work.resolve("app/app.py"), "class WitWorld:\n    def greet(self, name):\n        return name\n");
        for (var e : seeds.entrySet()) {
            if (e.getValue().isEmpty()) throw new IllegalStateException("no seed inputs of kind " + e.getKey() + " in " + dirs);
        }
        return seeds;
    }

    static byte[] smallModule() {
        var b = new ModuleBuilder();
        var i32 = ValType.I32;
        b.export("memory", b.memory(Limits.of(1, null)));
        b.export("twice", b.function(FuncType.of(List.of(i32), List.of(i32)),
                c -> c.localGet(0).localGet(0).op(0x6a)));
        var w = new TypeScopeBuilder();
        w.exportFunc("twice", new DefType.Func(List.of(new DefType.Field(
                "n", PrimitiveType.S32)), PrimitiveType.S32));
        var world = new WorldEncoding.World("test:twice/twice@1.0.0", w.componentType());
        Module m = b.build();
        m.customSections.add(new CustomSection(WorldEncoding.sectionName(world),
                WorldEncoding.customSection(world), SectionId.DATA));
        return ModuleWriter.write(m);
    }

    static byte[] pick(List<byte[]> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    // ---- mutations

    static final String[] WIT_SNIPPETS = {
            "{", "}", "(", ")", "<", ">", ",", ";", ":", ".", "/", "@", "=", "->", "_", "%", "interface", "world",
            "package", "use", "import", "export", "include", "with", "as", "func", "static", "constructor", "resource",
            "record", "variant", "enum", "flags", "type", "list", "option", "result", "tuple", "borrow", "own", "string",
            "u8", "u32", "s64", "f32", "char", "bool", "x", "a-b", "4294967296", "1.0.0", "@since(version = 0.2.0)",
            "@unstable(feature = f)", "/*", "*/", "//", "\n", " ", "é", "\u0000", "list<", "result<_, ", "tuple<>",
            "borrow<r>", "record r { x: borrow<r> }", "import f: func();", "export f: func();", "resource r;",
    };

    static final String[] TOML_SNIPPETS = {
            "[", "]", "[[", "]]", "=", "\"", "'", "\"\"\"", ",", ".", "#", "\n", " ", "{", "}", "[app]", "[pipeline]",
            "[stages.init]", "[stages.packaging]", "module", "wit", "world", "output", "python-path", "init",
            "\"chicory\"", "\"none\"", "timeout-seconds = 0", "timeout-seconds = -1", "1e400", "99999999999999999999",
            "true", "\"../..\"", "\"/dev/zero\"", "include = [\"x\"]", "é", "\u0000", "\uFEFF", "[app]\n[app]",
    };

    static byte[] text(byte[] seed, Random r, String[] snippets) {
        StringBuilder sb = new StringBuilder(new String(seed, StandardCharsets.UTF_8));
        int edits = r.nextInt(3) == 0 ? 1 + r.nextInt(6) : 1;
        for (int e = 0; e < edits; e++) {
            int len = sb.length();
            int at = len == 0 ? 0 : r.nextInt(len);
            switch (r.nextInt(7)) {
                case 0 -> sb.delete(at, Math.min(len, at + 1 + r.nextInt(16)));
                case 1 -> sb.insert(at, snippets[r.nextInt(snippets.length)]);
                case 2 -> sb.insert(r.nextInt(len + 1), sb.substring(at, Math.min(len, at + 1 + r.nextInt(60))));
                case 3 -> { if (len > 0) sb.setCharAt(at, (char) (32 + r.nextInt(95))); }
                case 4 -> sb.replace(at, Math.min(len, at + 1 + r.nextInt(20)), snippets[r.nextInt(snippets.length)]);
                case 5 -> { // duplicate a whole line: the same name twice
                    int s = at == 0 ? 0 : sb.lastIndexOf("\n", at - 1) + 1;
                    int end = sb.indexOf("\n", at);
                    if (end < 0) end = len;
                    sb.insert(end, "\n" + sb.substring(s, end));
                }
                default -> { if (len > 0) sb.setCharAt(at, (char) r.nextInt(0x3000)); }
            }
        }
        byte[] out = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(20) == 0 && out.length > 0) out[r.nextInt(out.length)] = (byte) r.nextInt(256); // invalid UTF-8
        return out;
    }

    static byte[] binary(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(r.nextInt(4) == 0 ? 16 : 3);
        for (int e = 0; e < edits; e++) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> { if (b.length > 0) b[at] = (byte) r.nextInt(256); }
                case 1 -> { if (b.length > 0) b[at] ^= (byte) (1 << r.nextInt(8)); }
                case 2 -> b = Arrays.copyOf(b, at); // truncate
                case 3 -> { // a large LEB128 length where a byte was
                    byte[] leb = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) r.nextInt(16)};
                    byte[] n = new byte[Math.max(b.length + 4, at + 5)];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(leb, 0, n, at, 5);
                    if (at + 1 < b.length) System.arraycopy(b, at + 1, n, at + 5, b.length - at - 1);
                    b = n;
                }
                case 4 -> { // duplicate a slice
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] n = new byte[b.length + len];
                    System.arraycopy(b, 0, n, 0, at + len);
                    System.arraycopy(b, at, n, at + len, b.length - at);
                    b = n;
                }
                default -> { // delete a slice
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
            }
        }
        return b;
    }
}
