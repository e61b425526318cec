package dev.pipeline.host.cli;

import dev.pipeline.api.component.ComponentSummary;
import dev.pipeline.api.wasm.ModuleReader;
import dev.pipeline.api.wasm.WasmInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pipeline inspect}: a component's world as WIT, or a core module's sections, imports and exports. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a WebAssembly file contains.",
                "",
                "For a component: its world (imports and exports) as WIT, with the interfaces it uses.",
                "For a core module: its sections with sizes, its imports and its exports, and the world",
                "of its component-type custom section if it has one.", ""})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A .wasm file (component or core module).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] bytes = WasmInput.readFile(file);
        String name = file.getFileName().toString();
        PrintWriter out = spec.commandLine().getOut();
        if (ModuleReader.isComponent(bytes)) {
            out.print(ComponentSummary.describe(bytes, name));
        } else {
            out.print(ComponentSummary.describeCoreModule(bytes, name));
        }
        out.flush();
        return 0;
    }
}
