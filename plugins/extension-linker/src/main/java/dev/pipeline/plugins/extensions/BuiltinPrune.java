package dev.pipeline.plugins.extensions;

import dev.pipeline.api.contract.PrunedBuiltins;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.ExternalKind;
import dev.pipeline.api.wasm.FunctionBody;
import dev.pipeline.api.wasm.Module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * builtins = "prune": what a link without the left-out built-in modules would not have kept, found by comparing
 * wasm-ld's link maps of the full runtime and of that trimmed link (the linker's own reachability, so nothing
 * reachable from a kept module is ever cut). An input function or data object of the full link that the trimmed
 * link did not keep is pruned; the one exception is libpython's own inittab ({@code config.o}), which the trimmed
 * link replaced rather than dropped.
 */
final class BuiltinPrune {
    /** The runtime's buffer the init stage writes the pruned modules' names into (glue/init.c). */
    static final String LIST_SYMBOL = "pl_pruned_builtins";
    /** libpython's inittab object: replaced by a trimmed link, never dropped from the full runtime. */
    private static final String INITTAB_OBJECT = "(config.o)";

    private BuiltinPrune() {}

    /** One input section of a link map: a function (in CODE) or a data object (with its memory address). */
    record Input(String section, String key, long address, long size) {}

    /**
     * The plan for {@code runtime} (the full link, whose map is {@code fullMap}), given the map of the same link
     * without the {@code leftOut} modules.
     */
    static PrunedBuiltins plan(Module runtime, Path fullMap, Path trimmedMap, List<String> leftOut) throws IOException {
        List<Input> full = read(fullMap);
        Set<String> kept = new HashSet<>();
        for (Input in : read(trimmedMap)) kept.add(in.key());

        List<Input> code = full.stream().filter(in -> in.section().equals("CODE")).toList();
        List<FunctionBody> bodies = runtime.code;
        if (code.size() != bodies.size()) {
            throw new PipelineException("the runtime's link map lists " + code.size() + " functions, its module has "
                    + bodies.size() + ": the map is not this module's (relink the runtime)");
        }
        int imported = runtime.importCount(ExternalKind.FUNC);
        List<PrunedBuiltins.Range> functions = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            Input in = code.get(i);
            int length = bodies.get(i).bytes().length;
            if (in.size() != length + lebLength(length)) {
                throw new PipelineException("the runtime's link map does not match its module at function " + (imported + i)
                        + " (" + in.key() + "): relink the runtime");
            }
            if (!retained(in, kept)) add(functions, imported + i, 1);
        }

        long listAddress = -1;
        int listCapacity = 0;
        List<Input> data = new ArrayList<>();
        for (Input in : full) {
            if (in.section().equals("CODE") || in.address() < 0) continue;
            if (in.key().endsWith(":(.data." + LIST_SYMBOL + ")")) {
                listAddress = in.address();
                listCapacity = (int) in.size();
            }
            if (!retained(in, kept) && in.size() > 0) data.add(in);
        }
        if (listAddress < 0) {
            throw new PipelineException("the runtime has no " + LIST_SYMBOL + " (its glue predates builtins = \"prune\"): relink it");
        }
        data.sort(Comparator.comparingLong(Input::address));
        List<PrunedBuiltins.Range> ranges = new ArrayList<>();
        for (Input in : data) add(ranges, in.address(), in.size());
        return new PrunedBuiltins(leftOut, listAddress, listCapacity, functions, ranges);
    }

    private static boolean retained(Input in, Set<String> kept) {
        return in.key().startsWith("<internal>") || in.key().contains(INITTAB_OBJECT + ":(") || kept.contains(in.key());
    }

    /** Appends [start, start+count) to {@code ranges}, joining it to the last one when they touch. */
    private static void add(List<PrunedBuiltins.Range> ranges, long start, long count) {
        if (!ranges.isEmpty()) {
            PrunedBuiltins.Range last = ranges.get(ranges.size() - 1);
            if (start <= last.end()) {
                ranges.set(ranges.size() - 1, new PrunedBuiltins.Range(last.start(), Math.max(last.end(), start + count) - last.start()));
                return;
            }
        }
        ranges.add(new PrunedBuiltins.Range(start, count));
    }

    private static int lebLength(int value) {
        int n = 1;
        while ((value >>>= 7) != 0) n++;
        return n;
    }

    /**
     * The input sections of a wasm-ld link map, in order. Each line holds three fixed-width columns (address or
     * "-", file offset, size, in hex) and then the name, indented one space for an output section or segment, nine
     * for an input section ({@code file:(section)}) and seventeen for a symbol. An input's key is its file's name
     * (an archive with its member) and section, so that maps of links made in different folders compare.
     */
    static List<Input> read(Path map) throws IOException {
        if (!Files.isRegularFile(map)) {
            throw new PipelineException("the runtime has no link map " + map.getFileName() + " beside it: relink it with "
                    + "distro/runtime/link-runtime.sh");
        }
        List<Input> out = new ArrayList<>();
        String section = null;
        for (String line : Files.readAllLines(map)) {
            if (line.length() < 28 || line.startsWith("    Addr")) continue;
            String name = line.substring(26);
            int indent = 0;
            while (indent < name.length() && name.charAt(indent) == ' ') indent++;
            if (indent == 1) {
                section = name.substring(1);
                continue;
            }
            if (indent != 9 || section == null) continue;
            String[] cols = line.substring(0, 26).trim().split("\\s+");
            if (cols.length != 3) throw new PipelineException("cannot read the link map " + map + ": " + line);
            String text = name.substring(9);
            int paren = text.lastIndexOf(":(");
            String file = paren < 0 ? text : text.substring(0, paren);
            String key = file.substring(file.lastIndexOf('/', file.indexOf('(') < 0 ? file.length() : file.indexOf('(')) + 1)
                    + (paren < 0 ? "" : text.substring(paren));
            long address = cols[0].equals("-") ? -1 : Long.parseLong(cols[0], 16);
            out.add(new Input(section, key, address, Long.parseLong(cols[2], 16)));
        }
        return out;
    }
}
