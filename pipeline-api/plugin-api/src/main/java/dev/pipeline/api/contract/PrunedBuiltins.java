package dev.pipeline.api.contract;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pruned.json}, written by the extensions stage with {@code builtins = "prune"}: the built-in C modules to cut
 * from the finished component, and where they are in its runtime module. The runtime keeps them all while it runs at
 * build time (so every app shares one runtime and its JVM translation); the init stage then writes {@link #modules}
 * into the runtime's list at {@link #listAddress} before CPython starts (their import raises a ModuleNotFoundError
 * that says why), replaces the bodies of the functions in {@link #functions} by {@code unreachable} and clears the
 * memory in {@link #data}: the code and data only those modules reach, as a link without them would have left out.
 */
public record PrunedBuiltins(List<String> modules, long listAddress, int listCapacity, List<Range> functions, List<Range> data) {
    /** The file's name in the extensions stage's folder. */
    public static final String FILE = "pruned.json";

    /** {@code count} consecutive items from {@code start}: function indices, or bytes of memory. */
    public record Range(long start, long count) {
        /** The first item after the range. */
        public long end() {
            return start + count;
        }
    }

    public PrunedBuiltins {
        modules = List.copyOf(modules);
        functions = List.copyOf(functions);
        data = List.copyOf(data);
        if (String.join(",", modules).getBytes(StandardCharsets.UTF_8).length >= listCapacity) {
            throw new PipelineException("the names of the " + modules.size() + " pruned built-in modules do not fit the "
                    + "runtime's list (" + listCapacity + " bytes)");
        }
    }

    /** Whether the extensions stage in {@code dir} asked for pruning. */
    public static boolean presentIn(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** The bytes of the runtime's list: the names, comma-separated, zero-padded to its capacity. */
    public byte[] listBytes() {
        byte[] names = String.join(",", modules).getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(names, listCapacity);
    }

    /** Writes the list into {@code memory} (a copy of the runtime's linear memory from address 0). */
    public void writeList(byte[] memory) {
        byte[] list = listBytes();
        if (listAddress < 0 || listAddress + list.length > memory.length) {
            throw new PipelineException("the pruned built-ins' list lies outside the runtime's memory (address " + listAddress + ")");
        }
        System.arraycopy(list, 0, memory, (int) listAddress, list.length);
    }

    /** Clears the pruned data in {@code memory} (a copy of the runtime's linear memory from address 0). */
    public void clearData(byte[] memory) {
        for (Range r : data) {
            if (r.start() < 0 || r.end() > memory.length) {
                throw new PipelineException("pruned data [" + r.start() + ", " + r.end() + ") lies outside the runtime's memory");
            }
            Arrays.fill(memory, (int) r.start(), (int) r.end(), (byte) 0);
        }
    }

    /** The number of functions whose bodies go. */
    public long functionCount() {
        return functions.stream().mapToLong(Range::count).sum();
    }

    /** The number of data bytes cleared. */
    public long dataBytes() {
        return data.stream().mapToLong(Range::count).sum();
    }

    /** Writes {@link #FILE} into {@code dir}. */
    public void write(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modules", modules);
        m.put("list_address", listAddress);
        m.put("list_capacity", listCapacity);
        m.put("functions", ranges(functions));
        m.put("data", ranges(data));
        JsonObject.write(dir, FILE, m);
    }

    /** Reads {@link #FILE} from the extensions stage's folder {@code dir}. */
    public static PrunedBuiltins read(Path dir) {
        JsonObject o = JsonObject.of(JsonObject.parse(dir, FILE, "extensions"), FILE);
        return new PrunedBuiltins(o.strings("modules"), o.number("list_address", -1), (int) o.number("list_capacity", 0),
                ranges(o.raw("functions"), "functions"), ranges(o.raw("data"), "data"));
    }

    private static List<Object> ranges(List<Range> ranges) {
        List<Object> out = new ArrayList<>();
        for (Range r : ranges) out.add(List.of(r.start(), r.count()));
        return out;
    }

    private static List<Range> ranges(Object value, String key) {
        List<Range> out = new ArrayList<>();
        if (!(value instanceof List<?> list)) throw new PipelineException(FILE + ": field \"" + key + "\" should be an array");
        for (Object o : list) {
            if (!(o instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number a)
                    || !(pair.get(1) instanceof Number b) || a.longValue() < 0 || b.longValue() < 0) {
                throw new PipelineException(FILE + ": field \"" + key + "\" should hold [start, count] pairs of numbers");
            }
            out.add(new Range(a.longValue(), b.longValue()));
        }
        return out;
    }
}
