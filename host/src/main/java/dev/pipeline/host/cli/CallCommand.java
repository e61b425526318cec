package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.diag.SourcePosition;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.host.plan.ComponentWriter;
import dev.pipeline.host.plan.Plan;
import dev.pipeline.host.plan.PlanRunner;
import dev.pipeline.host.plan.Planner;
import dev.pipeline.host.recipe.RecipeLoader;
import dev.pipeline.jvmhost.ComponentTrapException;
import dev.pipeline.jvmhost.ExportedFunction;
import dev.pipeline.jvmhost.FunctionInfo;
import dev.pipeline.jvmhost.ImportFallback;
import dev.pipeline.jvmhost.ImportProvider;
import dev.pipeline.jvmhost.Imports;
import dev.pipeline.jvmhost.InstanceOptions;
import dev.pipeline.jvmhost.PythonComponent;
import dev.pipeline.jvmhost.PythonInstance;
import dev.pipeline.jvmhost.wave.Wave;
import dev.pipeline.jvmhost.wave.WaveException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** {@code pipeline call}: runs one export of a component on the JVM, with arguments and result in WAVE. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Call an export of a component on the JVM (Chicory), with values in WAVE.",
                "",
                "COMPONENT is a .wasm file pipeline built, or a recipe (.toml), built first",
                "(stages come from the cache when nothing changed).",
                "",
                "Arguments and the result are WAVE values (wasmtime's text format):",
                "  \"text\"  'c'  42  -1.5  nan  [1, 2]  (1, \"x\")  {x: 1, y: 2} (record)",
                "  {read, write} (flags)  red (enum)  circle(2.5) (variant)",
                "  some(3)  none  ok(\"x\")  err(e)      keywords as names: %%none",
                "The result is printed on stdout, one line.",
                "",
                "EXPORT: a world-level function (greet), a function of an exported",
                "interface as INTERFACE.FUNCTION (api.echo-shape), or its full name",
                "(test:kitchen/api@0.1.0#echo-shape; the version may be left out).",
                "--list shows the exports and imports with their WIT signatures.",
                "",
                "World imports other than WASI: --imports gives Java implementations.",
                "Without one, an import that returns nothing prints its call on stderr",
                "(log(\"greeting world\")) and returns; one that returns a value traps,",
                "naming the import. The component's stdout and stderr pass through; a",
                "trap prints the Python traceback and exits with 1.", ""})
public final class CallCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "COMPONENT", description = "A component (.wasm) or a recipe (.toml) to build first.")
    Path target;

    @Parameters(index = "1", paramLabel = "EXPORT", arity = "0..1", description = "The export to call (see above).")
    String export;

    @Parameters(index = "2..*", paramLabel = "ARGS", description = "The arguments, one WAVE value each.")
    List<String> args = new ArrayList<>();

    @Option(names = "--list", description = "List the component's exports and imports with their WIT signatures.")
    boolean list;

    @Option(names = "--imports", paramLabel = "JAR[:CLASS]", description = "Java implementations of the world's imports: "
            + "a jar and a class implementing dev.pipeline.jvmhost.ImportProvider (without :CLASS, the one the jar "
            + "lists in META-INF/services).")
    String imports;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable for the component; may be repeated.")
    List<String> env = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]", description = "Let the component open files in folder HOST "
            + "(as GUEST, default the same path); may be repeated. No folder is open otherwise.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--interpreter", description = "Run with Chicory's interpreter instead of its compiler.")
    boolean interpreter;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path wasm = target.toString().endsWith(".toml") ? build(err) : target;
        if (!Files.isRegularFile(wasm)) {
            throw new PipelineException(SourcePosition.file(wasm.toString()), "no such file",
                    "pass a component pipeline built (build/NAME.wasm) or its recipe.toml");
        }
        PythonComponent component = PythonComponent.loader()
                .engine(interpreter ? PythonComponent.Engine.INTERPRETER : PythonComponent.Engine.COMPILER)
                .load(wasm);
        if (list || export == null) {
            out.println("exports:");
            for (FunctionInfo f : component.exports()) out.println("  " + f.signature());
            if (!component.imports().isEmpty()) {
                out.println("imports:");
                for (FunctionInfo f : component.imports()) out.println("  " + f.signature());
            }
            out.flush();
            if (export == null && !list) {
                throw new PipelineException(null, "name the export to call", "pipeline call " + target + " EXPORT [ARGS...]");
            }
            return 0;
        }
        Wave wave = new Wave(component.world().resolve());
        WitFunction fn;
        InstanceOptions.Builder options = InstanceOptions.builder()
                .imports(loadImports(component))
                .fallback(fallback(component, wave, err));
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) throw new PipelineException(null, "--env " + e + ": expected NAME=VALUE", null);
            options.env(e.substring(0, eq), e.substring(eq + 1));
        }
        for (String d : dirs) {
            int sep = d.indexOf("::");
            String host = sep < 0 ? d : d.substring(0, sep);
            String guest = sep < 0 ? d : d.substring(sep + 2);
            if (!Files.isDirectory(Path.of(host))) throw new PipelineException(SourcePosition.file(host), "--dir: not a folder", null);
            options.preopen(guest, Path.of(host));
        }
        PythonInstance created;
        try {
            created = component.instantiate(options.build());
        } catch (IllegalArgumentException bad) {
            throw new PipelineException(null, "--imports: " + bad.getMessage(), null);
        }
        try (PythonInstance instance = created) {
            ExportedFunction f;
            try {
                f = instance.function(export);
            } catch (IllegalArgumentException unknown) {
                throw new PipelineException(null, unknown.getMessage(), "pipeline call " + target + " --list shows the exports");
            }
            fn = component.witFunction(export);
            if (args.size() != fn.params().size()) {
                throw new PipelineException(null, "`" + f.info().name() + "` takes " + fn.params().size() + " argument"
                        + (fn.params().size() == 1 ? "" : "s") + ", got " + args.size(), f.info().signature());
            }
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                WitFunction.Param p = fn.params().get(i);
                try {
                    values[i] = wave.parse(args.get(i), p.type());
                } catch (WaveException e) {
                    throw new PipelineException(null, "argument " + (i + 1) + " (" + p.name() + ": " + f.info().params().get(i).type()
                            + "), column " + e.column() + ": " + e.getMessage(), pointAt(args.get(i), e.column()));
                }
            }
            Object result;
            try {
                result = f.call(values);
            } catch (ComponentTrapException trap) {
                err.println("error: " + trap.getMessage());
                err.flush();
                return 1;
            } catch (IllegalArgumentException bad) {
                throw new PipelineException(null, bad.getMessage(), null);
            }
            System.out.flush();
            if (fn.result() != null) out.println(wave.print(result, fn.result()));
            out.flush();
            return 0;
        }
    }

    /** The argument with a caret under the column, for the error's hint line. */
    private static String pointAt(String text, int column) {
        return "in `" + text + "`\n        " + " ".repeat(Math.max(0, column)) + "^";
    }

    private Path build(PrintWriter err) {
        var loaded = RecipeLoader.load(target);
        try (Session session = new Session(common, err)) {
            Plan plan = new Planner(session.plugins).plan(loaded);
            PlanRunner runner = new PlanRunner(session.cache, session.progress, true, new ComponentWriter(), false,
                    session.kit.fingerprint());
            return runner.run(plan).output();
        }
    }

    private ImportFallback fallback(PythonComponent component, Wave wave, PrintWriter err) {
        return (f, values) -> {
            WitFunction fn = component.witImport(f.name());
            if (fn.result() != null) {
                throw new IllegalStateException("the component called the import `" + f.name() + "`, which returns "
                        + f.result() + " and has no implementation; supply one with --imports JAR[:CLASS]");
            }
            StringBuilder sb = new StringBuilder(f.name()).append('(');
            for (int i = 0; i < values.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(wave.print(values[i], fn.params().get(i).type()));
            }
            err.println(sb.append(')'));
            err.flush();
            return null;
        };
    }

    private Imports loadImports(PythonComponent component) {
        if (imports == null) return Imports.none();
        int colon = imports.lastIndexOf(':');
        String jar = colon > 1 ? imports.substring(0, colon) : imports;
        String cls = colon > 1 ? imports.substring(colon + 1) : null;
        Path jarPath = Path.of(jar);
        if (!Files.isRegularFile(jarPath)) {
            throw new PipelineException(SourcePosition.file(jar), "--imports: no such jar", "pass JAR or JAR:CLASS");
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {jarPath.toUri().toURL()}, getClass().getClassLoader());
            ImportProvider provider;
            if (cls != null) {
                Class<?> c = Class.forName(cls, true, loader);
                if (!ImportProvider.class.isAssignableFrom(c)) {
                    throw new PipelineException(null, "--imports: " + cls + " does not implement " + ImportProvider.class.getName(), null);
                }
                provider = (ImportProvider) c.getDeclaredConstructor().newInstance();
            } else {
                Iterator<ImportProvider> it = ServiceLoader.load(ImportProvider.class, loader).iterator();
                if (!it.hasNext()) {
                    throw new PipelineException(SourcePosition.file(jar), "--imports: the jar lists no "
                            + ImportProvider.class.getName() + " in META-INF/services", "name the class: --imports " + jar + ":CLASS");
                }
                provider = it.next();
            }
            return provider.imports(component);
        } catch (PipelineException e) {
            throw e;
        } catch (ClassNotFoundException e) {
            throw new PipelineException(SourcePosition.file(jar), "--imports: no class " + cls + " in the jar", null);
        } catch (Exception | LinkageError e) {
            throw new PipelineException(SourcePosition.file(jar), "--imports: cannot load the implementations: " + e, null);
        }
    }
}
