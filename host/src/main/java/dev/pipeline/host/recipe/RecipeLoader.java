package dev.pipeline.host.recipe;

import dev.pipeline.api.config.ConfigValue;
import dev.pipeline.api.config.RawTable;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.diag.Suggestions;
import dev.pipeline.api.stage.AppSpec;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.host.files.Sizes;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads recipe.toml: TOML syntax, the {@code [app]}, {@code [pipeline]} and {@code [stages.*]} tables. */
public final class RecipeLoader {

    private static final List<String> TOP_LEVEL = List.of("app", "pipeline", "stages");
    private static final List<String> APP_KEYS = List.of("module", "python-path", "wit", "world", "output", "world-module",
            "stub-wasi", "exclude", "max-file-size", "target");
    private static final List<String> REQUIRED_APP_KEYS = List.of("module", "wit");

    private final Path file;
    private final String displayName;
    private List<String> lines = List.of();
    private boolean bindingsOnly;
    private TomlText stripped;
    private Recipe.AppFiles appFiles = Recipe.AppFiles.DEFAULT;

    /** The largest recipe accepted: real ones are a few hundred bytes. */
    static final long MAX_RECIPE_BYTES = 1 << 20;

    private RecipeLoader(Path file) {
        this(file, file.toString());
    }

    private RecipeLoader(Path file, String displayName) {
        this.file = file;
        this.displayName = displayName;
    }

    /**
     * Loads a recipe given as text, as if it were the file {@code virtualFile} (relative paths are resolved against its
     * folder); errors are shown against {@code displayName}. Used by commands that take componentize-py's options.
     */
    public static Recipe loadText(Path virtualFile, String displayName, String text) {
        return new RecipeLoader(virtualFile.toAbsolutePath().normalize(), displayName).parse(text);
    }

    /**
     * Like {@link #loadText} for a build that stops after the bindings stage: the app module need not exist and the
     * python-path is left empty (nothing of the app is read).
     */
    public static Recipe loadTextForBindings(Path virtualFile, String displayName, String text) {
        RecipeLoader loader = new RecipeLoader(virtualFile.toAbsolutePath().normalize(), displayName);
        loader.bindingsOnly = true;
        return loader.parse(text);
    }

    /** Loads and checks a recipe; every problem is a {@link PipelineException} naming file:line:col. */
    public static Recipe load(Path recipeFile) {
        return new RecipeLoader(recipeFile.toAbsolutePath().normalize()).load();
    }

    private Recipe load() {
        if (!Files.exists(file)) {
            throw new PipelineException(SourcePosition.file(displayName), "recipe not found",
                    "create one with `pipeline new NAME`, or pass the path of an existing recipe.toml");
        }
        if (Files.isDirectory(file)) {
            throw new PipelineException(SourcePosition.file(displayName), "this is a folder, not a recipe file",
                    Files.exists(file.resolve("recipe.toml")) ? "did you mean " + file.resolve("recipe.toml") + "?" : null);
        }
        if (!Files.isRegularFile(file)) {
            // a FIFO, a device or a socket: reading it may never end
            throw new PipelineException(SourcePosition.file(displayName), "not a regular file (a pipe, device or socket)",
                    "a recipe is a file on disk; write it to a file and pass that");
        }
        String text = readBounded();
        return parse(text);
    }

    private Recipe parse(String text) {
        lines = List.of(text.split("\n", -1));
        stripped = TomlText.of(text);
        TomlParseResult toml = Toml.parse(stripped.text);
        if (toml.hasErrors()) {
            TomlParseError err = toml.errors().get(0);
            String msg = err.getMessage();
            // tomlj appends " (line:col)" to some messages; the position is shown separately
            msg = msg.replaceAll("\\s*\\(\\d+:\\d+\\)$", "");
            throw new PipelineException(pos(err.position()), "TOML syntax error: " + msg, null);
        }
        for (String key : toml.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new PipelineException(pos(at(toml, key)), "unknown table or key `" + key + "`",
                        hintFor(key, TOP_LEVEL, "a recipe has [app], [pipeline] and [stages.<stage>]"));
            }
        }
        AppSpec app = loadApp(toml);
        Map<Stage, Recipe.Choice> strategies = loadPipeline(toml);
        Map<String, RawTable> stageTables = loadStageTables(toml, strategies);
        return new Recipe(app, strategies, stageTables, appFiles);
    }

    /** Reads the recipe, refusing one above {@link #MAX_RECIPE_BYTES} without reading it all. */
    private String readBounded() {
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_RECIPE_BYTES + 1);
        } catch (IOException e) {
            throw new PipelineException(SourcePosition.file(displayName), "cannot read recipe: " + e.getMessage(), null);
        }
        if (bytes.length > MAX_RECIPE_BYTES) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                size = bytes.length;
            }
            throw new PipelineException(SourcePosition.file(displayName), "the recipe is " + Sizes.human(size)
                    + ", above the limit of " + Sizes.human(MAX_RECIPE_BYTES) + " for a recipe",
                    "a recipe names the app, the world and the strategies; keep data and long comments in other files");
        }
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PipelineException(SourcePosition.file(displayName), "the recipe is not UTF-8 text",
                    "TOML files are UTF-8; save the recipe as UTF-8");
        }
    }

    private AppSpec loadApp(TomlParseResult toml) {
        TomlTable app = table(toml, "app");
        if (app == null) {
            throw new PipelineException(SourcePosition.of(displayName, 1, 1).withLineText(line(1)),
                    "the recipe has no [app] table", "add [app] with at least `module`, `wit` and `world`");
        }
        checkKeys(app, "app", APP_KEYS);
        List<String> missing = REQUIRED_APP_KEYS.stream().filter(k -> !has(app, k)).toList();
        if (!missing.isEmpty()) {
            throw new PipelineException(pos(at(toml, "app")), "[app] is missing " + String.join(" and ",
                    missing.stream().map(k -> "`" + k + "`").toList()), String.join("; ", missing.stream()
                    .map(k -> k + " = " + (k.equals("module") ? "the Python module holding the export classes, e.g. \"app\""
                            : "a .wit file or a folder of them, e.g. \"wit\"")).toList()));
        }
        appFiles = loadAppFiles(app);
        Path dir = file.getParent();
        String module = requiredString(app, "app", "module", "the Python module holding the export classes, e.g. \"app\"");
        if (!module.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            throw new PipelineException(pos(at(app, "module")), "`module` must be a Python module name, not \""
                    + module + "\"", "write the module's import name, e.g. \"app\" for app.py");
        }
        List<Path> pythonPath = new ArrayList<>();
        if (has(app, "python-path")) {
            Object v = get(app, "python-path");
            if (v instanceof String s) v = List.of(s);
            if (!(v instanceof TomlArray) && !(v instanceof List<?>)) {
                throw typeError(app, "app", "python-path", "an array of strings");
            }
            List<?> items = v instanceof TomlArray a ? a.toList() : (List<?>) v;
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof String s)) throw typeError(app, "app", "python-path", "an array of strings");
                Path p = dir.resolve(s).normalize();
                if (!Files.isDirectory(p)) {
                    throw new PipelineException(pos(at(app, "python-path")),
                            "python-path entry \"" + s + "\" is not a folder (looked for " + p + ")",
                            "paths in a recipe are relative to the recipe's folder");
                }
                pythonPath.add(p);
            }
        } else {
            pythonPath.add(dir);
        }
        String witRel = requiredString(app, "app", "wit", "a .wit file or a folder of them (with deps/), e.g. \"wit\"");
        Path wit = dir.resolve(witRel).normalize();
        if (!Files.exists(wit)) {
            throw new PipelineException(pos(at(app, "wit")), "WIT path \"" + witRel + "\" does not exist (looked for "
                    + wit + ")", "paths in a recipe are relative to the recipe's folder");
        }
        String world = optionalString(app, "app", "world");
        String outRel = optionalString(app, "app", "output");
        if (outRel == null) outRel = "build/" + (world != null ? shortWorldName(world) : module) + ".wasm";
        Path output = dir.resolve(outRel).normalize();
        if (Files.isDirectory(output)) {
            throw new PipelineException(pos(at(app, "output")), "output \"" + outRel + "\" is a folder",
                    "name the component file, e.g. \"build/app.wasm\"");
        }
        boolean found = bindingsOnly;
        if (bindingsOnly) pythonPath.clear();
        String modPath = module.replace('.', '/');
        for (Path p : pythonPath) {
            if (Files.isRegularFile(p.resolve(modPath + ".py")) || Files.isRegularFile(p.resolve(modPath).resolve("__init__.py"))) {
                found = true;
                break;
            }
        }
        if (!found) {
            throw new PipelineException(pos(at(app, "module")), "module `" + module + "` not found in python-path "
                    + pythonPath.stream().map(p -> dir.relativize(p).toString().isEmpty() ? "." : dir.relativize(p).toString()).toList(),
                    "expected " + modPath + ".py or " + modPath + "/__init__.py in one of those folders");
        }
        String worldModule = optionalString(app, "app", "world-module");
        if (worldModule == null) {
            worldModule = AppSpec.DEFAULT_WORLD_MODULE;
        } else if (!worldModule.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new PipelineException(pos(at(app, "world-module")), "`world-module` must be a Python identifier, not \""
                    + worldModule + "\"", "the generated bindings package is imported under this name, e.g. \"wit_world\"");
        } else if (worldModule.equals(module.split("\\.")[0])) {
            throw new PipelineException(pos(at(app, "world-module")), "`world-module` \"" + worldModule
                    + "\" is the app's own module name", "choose another name for the generated bindings package");
        }
        boolean stubWasi = false;
        if (has(app, "stub-wasi")) {
            if (!(get(app, "stub-wasi") instanceof Boolean b)) throw typeError(app, "app", "stub-wasi", "true or false");
            stubWasi = b;
        }
        String target = optionalString(app, "app", "target");
        if (target == null) {
            // $PIPELINE_TARGET chooses the target of recipes that name none (wasip1 when unset)
            String fromEnv = System.getenv("PIPELINE_TARGET");
            target = fromEnv == null || fromEnv.isBlank() ? AppSpec.WASIP1 : fromEnv.strip();
            if (!target.equals(AppSpec.WASIP1) && !target.equals(AppSpec.WASIP2)) {
                throw new PipelineException(null, "PIPELINE_TARGET=" + target + " is not a target",
                        "use wasip1 (the default) or wasip2");
            }
            if (stubWasi && target.equals(AppSpec.WASIP2)) target = AppSpec.WASIP1; // stub-wasi builds need wasip1
        } else if (!target.equals(AppSpec.WASIP1) && !target.equals(AppSpec.WASIP2)) {
            throw new PipelineException(pos(at(app, "target")), "unknown target \"" + target + "\"",
                    "use \"wasip1\" (the default) or \"wasip2\" (sockets and asyncio through wasi:sockets)");
        }
        if (target.equals(AppSpec.WASIP2) && stubWasi) {
            throw new PipelineException(pos(at(app, "stub-wasi")), "stub-wasi cannot be used with target = \"wasip2\"",
                    "the wasip2 runtime imports wasi:sockets directly; leave stub-wasi out or use target = \"wasip1\"");
        }
        return new AppSpec(file, module, List.copyOf(pythonPath), wit, world, output, worldModule, stubWasi, target);
    }

    /** A world's own name without package and version: {@code command} for {@code wasi:cli/command@0.2.0}. */
    static String shortWorldName(String world) {
        String name = world.contains("/") ? world.substring(world.lastIndexOf('/') + 1) : world;
        return name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
    }

    /** {@code exclude} (patterns) and {@code max-file-size} ("64 MiB" or a number of bytes) of [app]. */
    private Recipe.AppFiles loadAppFiles(TomlTable app) {
        List<String> exclude = new ArrayList<>();
        SourcePosition excludeAt = null;
        if (has(app, "exclude")) {
            Object v = get(app, "exclude");
            if (!(v instanceof TomlArray a)) throw typeError(app, "app", "exclude", "an array of patterns, e.g. [\"data\", \"*.csv\"]");
            excludeAt = pos(at(app, "exclude"));
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof String s) || s.isBlank()) {
                    throw new PipelineException(excludeAt, "`exclude` in [app] must hold non-empty strings (glob patterns)",
                            "e.g. exclude = [\"data\", \"*.csv\", \"assets/big/**\"]");
                }
                try {
                    java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + s);
                } catch (RuntimeException e) {
                    throw new PipelineException(excludeAt, "`exclude` in [app]: \"" + s + "\" is not a valid pattern: "
                            + e.getMessage().lines().findFirst().orElse(""), "patterns use *, ** and ? like shell globs");
                }
                exclude.add(s);
            }
        }
        long max = Recipe.DEFAULT_MAX_FILE_SIZE;
        SourcePosition maxAt = null;
        if (has(app, "max-file-size")) {
            Object v = get(app, "max-file-size");
            maxAt = pos(at(app, "max-file-size"));
            max = v instanceof Long l ? l : v instanceof String s ? Sizes.parse(s) : -1;
            if (max <= 0) {
                throw new PipelineException(maxAt, "`max-file-size` in [app] must be a size such as \"64 MiB\" or \"2 GiB\"",
                        "the largest file under the python-path that a build reads (default " + Sizes.human(Recipe.DEFAULT_MAX_FILE_SIZE) + ")");
            }
        }
        return new Recipe.AppFiles(List.copyOf(exclude), max, excludeAt, maxAt);
    }

    private Map<Stage, Recipe.Choice> loadPipeline(TomlParseResult toml) {
        Map<Stage, Recipe.Choice> out = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) out.put(s, new Recipe.Choice(s.defaultStrategy(), null));
        TomlTable p = table(toml, "pipeline");
        if (p == null) return out;
        checkKeys(p, "pipeline", Stage.keys());
        for (String key : p.keySet()) {
            Stage s = Stage.byKey(key);
            Object v = get(p, key);
            if (!(v instanceof String name)) throw typeError(p, "pipeline", key, "a string naming a strategy");
            out.put(s, new Recipe.Choice(name, pos(at(p, key))));
        }
        return out;
    }

    /** Tables under [stages], by name: a stage name or the name of the strategy chosen for a stage. */
    private Map<String, RawTable> loadStageTables(TomlParseResult toml, Map<Stage, Recipe.Choice> strategies) {
        Map<String, RawTable> out = new LinkedHashMap<>();
        TomlTable stages = table(toml, "stages");
        if (stages == null) return out;
        List<String> valid = new ArrayList<>(Stage.keys());
        for (Recipe.Choice c : strategies.values()) if (!valid.contains(c.name())) valid.add(c.name());
        for (String key : stages.keySet()) {
            Object v = get(stages, key);
            if (!valid.contains(key)) {
                throw new PipelineException(pos(at(stages, key)), "unknown key `" + key + "` in [stages]",
                        hintFor(key, valid, "[stages.X] configures a stage: X is a stage (" + String.join(", ", Stage.keys())
                                + ") or the strategy chosen for it"));
            }
            if (!(v instanceof TomlTable t)) throw typeError(stages, "stages", key, "a table ([stages." + key + "])");
            out.put(key, rawTable("stages." + key, t, pos(at(stages, key))));
        }
        return out;
    }

    private RawTable rawTable(String name, TomlTable t, SourcePosition at) {
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        for (String key : t.keySet()) {
            entries.put(key, rawValue(get(t, key), pos(at(t, key))));
        }
        return new RawTable(name, at, entries);
    }

    private ConfigValue rawValue(Object v, SourcePosition at) {
        if (v instanceof TomlArray a) {
            List<ConfigValue> items = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                TomlPosition ip = a.inputPositionOf(i);
                items.add(rawValue(a.get(i), ip == null ? at : pos(ip)));
            }
            return new ConfigValue(items, at);
        }
        if (v instanceof TomlTable t) return new ConfigValue(rawTable("", t, at), at);
        return new ConfigValue(v, at);
    }

    private TomlTable table(TomlParseResult toml, String key) {
        if (!has(toml, key)) return null;
        Object v = get(toml, key);
        if (!(v instanceof TomlTable t)) {
            throw new PipelineException(pos(at(toml, key)), "`" + key + "` must be a table ([" + key + "])", null);
        }
        return t;
    }

    private void checkKeys(TomlTable t, String tableName, List<String> allowed) {
        for (String key : t.keySet()) {
            if (!allowed.contains(key)) {
                throw new PipelineException(pos(at(t, key)), "unknown key `" + key + "` in [" + tableName + "]",
                        hintFor(key, allowed, "accepted keys: " + String.join(", ", allowed)));
            }
        }
    }

    private static String hintFor(String key, List<String> allowed, String fallback) {
        String hint = Suggestions.didYouMean(key, Set.copyOf(allowed));
        return hint != null ? hint : fallback;
    }

    private String requiredString(TomlTable t, String table, String key, String what) {
        if (!has(t, key)) {
            throw new PipelineException(SourcePosition.file(displayName), "[" + table + "] needs `" + key + "`", key + " = " + what);
        }
        String s = optionalString(t, table, key);
        if (s.isBlank()) throw new PipelineException(pos(at(t, key)), "`" + key + "` in [" + table + "] is empty", what);
        return s;
    }

    private String optionalString(TomlTable t, String table, String key) {
        if (!has(t, key)) return null;
        Object v = get(t, key);
        if (!(v instanceof String s)) throw typeError(t, table, key, "a string");
        return s;
    }

    private PipelineException typeError(TomlTable t, String table, String key, String expected) {
        Object v = get(t, key);
        String actual = v instanceof String ? "a string" : v instanceof Long ? "an integer" : v instanceof Double ? "a float"
                : v instanceof Boolean ? "a boolean" : v instanceof TomlArray ? "an array" : v instanceof TomlTable ? "a table"
                : "a " + (v == null ? "missing value" : v.getClass().getSimpleName());
        return new PipelineException(pos(at(t, key)), "`" + key + "` in [" + table + "] must be " + expected
                + ", not " + actual, null);
    }

    private SourcePosition pos(TomlPosition p) {
        if (p == null) return SourcePosition.file(displayName);
        int line = stripped == null ? p.line() : stripped.originalLine(p.line());
        return SourcePosition.of(displayName, line, p.column()).withLineText(line(line));
    }

    /** A key of one table, never parsed as a dotted path (a key may hold dots, spaces or quotes). */
    private static Object get(TomlTable t, String key) {
        return t.get(List.of(key));
    }

    private static boolean has(TomlTable t, String key) {
        return t.contains(List.of(key));
    }

    private static TomlPosition at(TomlTable t, String key) {
        return t.inputPositionOf(List.of(key));
    }

    private String line(int n) {
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : null;
    }
}
