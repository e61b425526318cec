package dev.pipeline.api.component;

/** A canonical ABI option of a lift or lower. */
public sealed interface CanonOption {

    /** String encoding: 0 utf8, 1 utf16, 2 latin1+utf16. */
    record StringEncoding(int code) implements CanonOption {}

    record Memory(int coreMemory) implements CanonOption {}

    record Realloc(int coreFunc) implements CanonOption {}

    record PostReturn(int coreFunc) implements CanonOption {}

    record Async() implements CanonOption {}

    record Callback(int coreFunc) implements CanonOption {}

    CanonOption UTF8 = new StringEncoding(0);
}
