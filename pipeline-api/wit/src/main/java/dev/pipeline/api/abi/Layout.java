package dev.pipeline.api.abi;

import java.util.List;

/**
 * Where the parts of a record-like or variant-like value sit in linear memory. For records, {@code offsets} are the
 * field offsets; for variants, the discriminant is at 0 with {@code discriminantSize} bytes and every payload starts
 * at {@code payloadOffset}.
 */
public record Layout(int size, int align, List<Integer> offsets, int discriminantSize, int payloadOffset) {
    public Layout {
        offsets = List.copyOf(offsets);
    }
}
