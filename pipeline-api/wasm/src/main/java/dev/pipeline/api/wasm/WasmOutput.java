package dev.pipeline.api.wasm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the WebAssembly binary encodings (LEB128, names, size-prefixed sections). */
public final class WasmOutput {
    private byte[] buf;
    private int size;

    public WasmOutput() { this(256); }

    public WasmOutput(int capacity) { buf = new byte[Math.max(16, capacity)]; }

    public int size() { return size; }

    private void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    public WasmOutput u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public WasmOutput bytes(byte[] b) { return bytes(b, 0, b.length); }

    public WasmOutput bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public WasmOutput u32(int v) { return u64(v & 0xffffffffL); }

    public WasmOutput u64(long v) {
        ensure(10);
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            if (v != 0) b |= 0x80;
            buf[size++] = (byte) b;
        } while (v != 0);
        return this;
    }

    /** A u32 padded to exactly five bytes, so it can be patched in place later. */
    public WasmOutput u32Padded(int v) {
        ensure(5);
        long x = v & 0xffffffffL;
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) ((x & 0x7f) | 0x80);
            x >>>= 7;
        }
        buf[size++] = (byte) (x & 0x7f);
        return this;
    }

    public WasmOutput s64(long v) {
        ensure(10);
        boolean more = true;
        while (more) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) more = false;
            else b |= 0x80;
            buf[size++] = (byte) b;
        }
        return this;
    }

    public WasmOutput s32(int v) { return s64(v); }

    public WasmOutput name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        return bytes(b);
    }

    /** Writes {@code id}, the LEB128 size of {@code body}, then the body. */
    public WasmOutput section(int id, WasmOutput body) {
        u8(id);
        u32(body.size);
        return bytes(body.buf, 0, body.size);
    }

    /** Appends another buffer's bytes. */
    public WasmOutput append(WasmOutput other) { return bytes(other.buf, 0, other.size); }

    /** Appends another buffer's bytes prefixed by their LEB128 length. */
    public WasmOutput sized(WasmOutput other) {
        u32(other.size);
        return bytes(other.buf, 0, other.size);
    }

    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }
}
