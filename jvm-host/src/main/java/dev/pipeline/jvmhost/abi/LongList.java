package dev.pipeline.jvmhost.abi;

import java.util.Arrays;

/** A growable list of flat core values (raw {@code long}s), without boxing. */
public final class LongList {
    private long[] values = new long[16];
    private int size;

    public void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
