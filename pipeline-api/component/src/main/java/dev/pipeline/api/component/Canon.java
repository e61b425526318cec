package dev.pipeline.api.component;

import java.util.List;

/** A canonical definition: lift, lower, resource intrinsics, or another built-in kept as raw bytes. */
public sealed interface Canon {

    /** {@code (canon lift coreFunc opts (type t))}: defines a component function. */
    record Lift(int coreFunc, List<CanonOption> options, int type) implements Canon {}

    /** {@code (canon lower func opts)}: defines a core function. */
    record Lower(int func, List<CanonOption> options) implements Canon {}

    /** {@code (canon resource.new t)}: a core function making a handle from a representation. */
    record ResourceNew(int type) implements Canon {}

    /** {@code (canon resource.drop t)}: a core function dropping a handle. */
    record ResourceDrop(int type) implements Canon {}

    /** {@code (canon resource.rep t)}: a core function returning a handle's representation. */
    record ResourceRep(int type) implements Canon {}

    /** Any other canonical built-in (async, threads, …), kept as its exact encoding; it defines one core function. */
    record Other(byte[] encoding) implements Canon {}

    /** Whether this definition adds to the component function index space (else to core functions). */
    default boolean definesComponentFunc() { return this instanceof Lift; }
}
