package dev.pipeline.api.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * A function body kept as its raw bytes (local declarations followed by the expression), so that reading and writing
 * an unmodified module is byte-identical. Instructions are decoded only on demand.
 */
public record FunctionBody(byte[] bytes) {

    /** One run of locals of the same type, as declared in the body. */
    public record Locals(int count, ValType type) {}

    /** The local declarations. */
    public List<Locals> locals(String what) {
        return locals(what, 0);
    }

    /** The local declarations; errors name offsets as if the body started at {@code fileOffset}. */
    public List<Locals> locals(String what, int fileOffset) {
        return readLocals(new WasmInput(bytes, 0, bytes.length, what, fileOffset));
    }

    private static List<Locals> readLocals(WasmInput in) {
        int n = in.count();
        if (n > in.remaining()) throw in.error("local declaration count " + n + " exceeds the body");
        List<Locals> out = new ArrayList<>(n);
        long total = 0;
        for (int i = 0; i < n; i++) {
            int at = in.position();
            int c = in.u32();
            total += c & 0xffffffffL;
            if (total > 50_000) throw in.error(at, "too many locals (" + total + ")");
            out.add(new Locals(c, ValType.read(in)));
        }
        return out;
    }

    /** Offset of the first instruction (just past the local declarations). */
    public int codeStart() {
        WasmInput in = new WasmInput(bytes, "function body");
        readLocals(in);
        return in.position();
    }

    /** Decodes every instruction and checks that the body ends exactly with its final {@code end}. */
    public void check(String what) {
        WasmInput in = new WasmInput(bytes, what);
        readLocals(in);
        InstructionReader r = new InstructionReader(in);
        while (true) {
            if (in.atEnd()) throw in.error("function body ends without a final `end`");
            int op = r.next();
            if (op == Opcodes.END && r.depth() < 0) break;
        }
        in.expectEnd("function body");
    }

    /** A cursor over the instructions (positioned after the locals). */
    public InstructionReader instructions(String what) {
        WasmInput in = new WasmInput(bytes, what);
        readLocals(in);
        return new InstructionReader(in);
    }

    /** A copy of this body with {@code prefix} (instruction bytes) inserted before its first instruction. */
    public FunctionBody prepend(byte[] prefix) {
        int at = codeStart();
        byte[] out = new byte[bytes.length + prefix.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(prefix, 0, out, at, prefix.length);
        System.arraycopy(bytes, at, out, at + prefix.length, bytes.length - at);
        return new FunctionBody(out);
    }
}
