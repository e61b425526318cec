package dev.pipeline.jvmhost.wave;

/** Text that is not a WAVE value of the expected type; {@link #column()} is 1-based. */
public final class WaveException extends IllegalArgumentException {
    private final int column;

    public WaveException(String message, int column) {
        super(message);
        this.column = column;
    }

    /** 1-based column in the parsed text. */
    public int column() {
        return column;
    }
}
