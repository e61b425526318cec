package dev.pipeline.jvmhost.abi;

/** A Java value that does not fit its WIT type (lowering), or an invalid value coming out of the component (lifting). */
public final class ValueException extends IllegalArgumentException {
    public ValueException(String message) {
        super(message);
    }
}
