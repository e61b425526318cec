package dev.pipeline.api.wasm;

import dev.pipeline.api.diag.Diagnostic;
import dev.pipeline.api.diag.PipelineException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A cursor over WebAssembly binary bytes that decodes LEB128 numbers and names, and reports every malformation as a
 * {@link PipelineException} naming the absolute byte offset.
 */
public final class WasmInput {
    /** The largest WebAssembly input any reader accepts: 512 MiB (a component built by pipeline is about 30 MB). */
    public static final int MAX_BYTES = 512 << 20;

    private final byte[] bytes;
    private final int end;
    private final String what;
    private final int reportBase;
    private int pos;

    /** Reads {@code bytes} from start to end; {@code what} names the input in error messages (e.g. a file name). */
    public WasmInput(byte[] bytes, String what) {
        this(bytes, 0, bytes.length, what);
    }

    /** Reads {@code bytes[start, end)}; offsets in errors stay relative to the whole array. */
    public WasmInput(byte[] bytes, int start, int end, String what) {
        this(bytes, start, end, what, 0);
    }

    /**
     * Reads {@code bytes[start, end)} of a copy taken from a larger file: {@code reportBase} is added to every offset
     * in error messages, so they name the position in that file.
     */
    public WasmInput(byte[] bytes, int start, int end, String what, int reportBase) {
        if (start < 0 || end > bytes.length || start > end) {
            throw new PipelineException(what + ": bad range " + start + ".." + end);
        }
        if (end - start > MAX_BYTES) throw tooLarge(what, end - start);
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
        this.what = what;
        this.reportBase = reportBase;
    }

    /**
     * Reads a WebAssembly file whole. Refuses, with one clear message, what is not a regular file (a folder, a FIFO,
     * a device: reading those could block forever) and files larger than {@link #MAX_BYTES}; at most
     * {@code MAX_BYTES + 1} bytes are ever read, even when the file grows meanwhile.
     */
    public static byte[] readFile(Path file) {
        try {
            if (!Files.exists(file)) throw new PipelineException(Diagnostic.error(file + ": no such file"));
            if (!Files.isRegularFile(file)) {
                throw new PipelineException(Diagnostic.error(file + ": not a regular file")
                        .withHint("give the path of a .wasm file"));
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) throw tooLarge(file.toString(), size);
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) throw tooLarge(file.toString(), bytes.length);
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new PipelineException(Diagnostic.error(file + ": no such file"));
        } catch (IOException e) {
            throw new PipelineException(Diagnostic.error("cannot read " + file + ": " + e.getMessage()));
        }
    }

    private static PipelineException tooLarge(String what, long size) {
        return new PipelineException(Diagnostic.error(String.format("%s is %s; WebAssembly inputs larger than %d MiB are "
                + "not read", what, humanSize(size), MAX_BYTES >> 20)).withHint("a component built by pipeline is tens of "
                + "megabytes; check that this is the file you meant"));
    }

    private static String humanSize(long bytes) {
        if (bytes >= 1L << 30) return String.format("%.1f GiB", bytes / (double) (1L << 30));
        return String.format("%.1f MiB", bytes / (double) (1L << 20));
    }

    public byte[] array() { return bytes; }

    public int position() { return pos; }

    public int end() { return end; }

    public boolean atEnd() { return pos >= end; }

    public int remaining() { return end - pos; }

    public String what() { return what; }

    public void seek(int newPos) {
        if (newPos < 0 || newPos > end) throw error(pos, "seek outside the input to " + newPos);
        pos = newPos;
    }

    /** An input over the next {@code length} bytes; this cursor skips past them. */
    public WasmInput slice(int length) {
        need(length);
        WasmInput sub = new WasmInput(bytes, pos, pos + length, what, reportBase);
        pos += length;
        return sub;
    }

    /** The error to throw for a malformation at {@code offset}. */
    public PipelineException error(int offset, String message) {
        long at = (long) offset + reportBase;
        return new PipelineException(what + ": at byte offset " + at + " (0x" + Long.toHexString(at) + "): " + message);
    }

    public PipelineException error(String message) {
        return error(pos, message);
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw error(pos, "unexpected end of input (needed " + n + " more byte(s), " + (end - pos) + " left)");
        }
    }

    public int u8() {
        need(1);
        return bytes[pos++] & 0xff;
    }

    public int peekU8() {
        need(1);
        return bytes[pos] & 0xff;
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** Unsigned LEB128 of at most 32 bits. */
    public int u32() {
        int start = pos;
        long result = 0;
        int shift = 0;
        while (true) {
            if (pos >= end) throw error(start, "unexpected end of input inside a LEB128 number");
            int b = bytes[pos++] & 0xff;
            if (shift == 28 && (b & 0x70) != 0) throw error(start, "LEB128 number does not fit in 32 bits");
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
            if (shift > 28) throw error(start, "LEB128 number longer than 5 bytes");
        }
        return (int) result;
    }

    /** Unsigned LEB128 of at most 32 bits that must also fit in a non-negative int (counts, sizes, indices). */
    public int count() {
        int start = pos;
        int v = u32();
        if (v < 0) throw error(start, "number " + Integer.toUnsignedString(v) + " is too large");
        return v;
    }

    /** Unsigned LEB128 of at most 64 bits. */
    public long u64() {
        int start = pos;
        long result = 0;
        int shift = 0;
        while (true) {
            if (pos >= end) throw error(start, "unexpected end of input inside a LEB128 number");
            int b = bytes[pos++] & 0xff;
            if (shift == 63 && (b & 0x7e) != 0) throw error(start, "LEB128 number does not fit in 64 bits");
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
            if (shift > 63) throw error(start, "LEB128 number longer than 10 bytes");
        }
        return result;
    }

    /** Signed LEB128 of at most {@code bits} bits (32, 33 or 64). */
    public long signed(int bits) {
        int start = pos;
        long result = 0;
        int shift = 0;
        int b;
        int maxBytes = (bits + 6) / 7;
        int count = 0;
        do {
            if (pos >= end) throw error(start, "unexpected end of input inside a LEB128 number");
            b = bytes[pos++] & 0xff;
            count++;
            if (count > maxBytes) throw error(start, "signed LEB128 number longer than " + maxBytes + " bytes");
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (count == maxBytes) {
            // the unused bits of the last byte must be a sign extension of the value's top bit
            int used = bits - 7 * (maxBytes - 1);
            int rest = (b & 0x7f) >> (used - 1);
            int allOnes = (0x7f >> (used - 1));
            if (rest != 0 && rest != allOnes) throw error(start, "signed LEB128 number does not fit in " + bits + " bits");
        }
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    public int s32() { return (int) signed(32); }

    public long s64() { return signed(64); }

    /** A length-prefixed UTF-8 name. */
    public String name() {
        int len = count();
        int start = pos;
        need(len);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw error(start, "name is not valid UTF-8");
        }
    }

    /** Fails unless the cursor has consumed its range exactly. */
    public void expectEnd(String context) {
        if (pos != end) throw error(pos, context + " has " + (end - pos) + " unexpected trailing byte(s)");
    }
}
