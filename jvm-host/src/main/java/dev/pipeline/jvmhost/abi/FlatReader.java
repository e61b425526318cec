package dev.pipeline.jvmhost.abi;

/** A cursor over flat core values (raw {@code long}s) being lifted. */
public final class FlatReader {
    private final long[] values;
    private int pos;

    public FlatReader(long[] values) {
        this.values = values;
    }

    long next() {
        return pos < values.length ? values[pos++] : 0;
    }

    int position() {
        return pos;
    }

    void seek(int p) {
        pos = p;
    }
}
