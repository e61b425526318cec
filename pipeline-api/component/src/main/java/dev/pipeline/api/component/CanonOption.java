package dev.pipeline.api.component;

/** A canonical ABI option of a lift or lower. */
public sealed interface CanonOption {

    /** String encoding: 0 utf8, 1 utf16, 2 latin1+utf16. */
    record StringEncoding(int code) implements CanonOption {}

    /** The core memory that lists and strings live in. */
    record Memory(int coreMemory) implements CanonOption {}

    /** The core allocator {@code (realloc f)}. */
    record Realloc(int coreFunc) implements CanonOption {}

    /** The core function called after a lifted call returns, to free its results. */
    record PostReturn(int coreFunc) implements CanonOption {}

    /** The async ABI. */
    record Async() implements CanonOption {}

    /** The async callback function. */
    record Callback(int coreFunc) implements CanonOption {}

    CanonOption UTF8 = new StringEncoding(0);
}
