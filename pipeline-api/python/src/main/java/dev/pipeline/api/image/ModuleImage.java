package dev.pipeline.api.image;

import dev.pipeline.api.diag.PipelineException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The module image the runtime loads before Python starts (format v1, little-endian, see docs/runtime-abi.md):
 * magic "PLIM", u32 version, u32 module count, per module (u32 name length, name, u8 flags, u32 data length, data),
 * then u32 descriptor length, descriptor, then u32 app module name length, app module name.
 */
public record ModuleImage(List<Module> modules, byte[] descriptor, String appModule) {

    public static final int VERSION = 1;
    /** Flag bit: the module is a package. */
    public static final int PACKAGE = 1;
    /** Flag bit: data is UTF-8 source text, not a marshalled code object. */
    public static final int SOURCE = 2;

    /** One module: dotted name, flags and its marshalled code (or source). */
    public record Module(String name, int flags, byte[] data) {
        public Module {
            Objects.requireNonNull(name);
            Objects.requireNonNull(data);
        }

        public boolean isPackage() { return (flags & PACKAGE) != 0; }

        public boolean isSource() { return (flags & SOURCE) != 0; }
    }

    /** The image's bytes; modules are written in the given order (callers sort them for reproducibility). */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PLIM".getBytes(StandardCharsets.US_ASCII));
        u32(out, VERSION);
        u32(out, modules.size());
        for (Module m : modules) {
            bytes(out, m.name().getBytes(StandardCharsets.UTF_8));
            out.write(m.flags());
            bytes(out, m.data());
        }
        bytes(out, descriptor);
        bytes(out, appModule.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Reads an image; malformed input is a {@link PipelineException} naming the byte offset. */
    public static ModuleImage decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!"PLIM".equals(new String(magic, StandardCharsets.US_ASCII))) throw bad(0, "not a module image (bad magic)");
            int version = b.getInt();
            if (version != VERSION) throw bad(4, "unsupported module image version " + version);
            int count = b.getInt();
            if (count < 0) throw bad(8, "negative module count");
            List<Module> modules = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = new String(chunk(b), StandardCharsets.UTF_8);
                int flags = b.get() & 0xff;
                modules.add(new Module(name, flags, chunk(b)));
            }
            byte[] descriptor = chunk(b);
            String app = new String(chunk(b), StandardCharsets.UTF_8);
            if (b.hasRemaining()) throw bad(b.position(), "trailing bytes after the module image");
            return new ModuleImage(List.copyOf(modules), descriptor, app);
        } catch (java.nio.BufferUnderflowException e) {
            throw bad(b.position(), "truncated module image");
        }
    }

    private static byte[] chunk(ByteBuffer b) {
        int at = b.position();
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) throw bad(at, "length " + Integer.toUnsignedString(n) + " exceeds the image");
        byte[] data = new byte[n];
        b.get(data);
        return data;
    }

    private static PipelineException bad(int offset, String message) {
        return new PipelineException("module image, byte " + offset + ": " + message);
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static void bytes(ByteArrayOutputStream out, byte[] data) {
        u32(out, data.length);
        out.writeBytes(data);
    }
}
