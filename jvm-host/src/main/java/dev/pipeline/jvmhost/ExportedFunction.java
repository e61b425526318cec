package dev.pipeline.jvmhost;

/**
 * One export of an instance, looked up once ({@link PythonInstance#function}) for repeated calls.
 */
public final class ExportedFunction {
    private final PythonInstance instance;
    private final PythonComponent.Export export;

    ExportedFunction(PythonInstance instance, PythonComponent.Export export) {
        this.instance = instance;
        this.export = export;
    }

    /** The function's names and WIT signature. */
    public FunctionInfo info() {
        return export.info();
    }

    /** Calls it: arguments and result as Java values ({@code result<T, E>} comes back as a {@link Result}). */
    public Object call(Object... args) {
        return instance.invoke(export, args);
    }

    /**
     * Calls it; a {@link Result} result is unwrapped: the ok payload is returned, {@code err} is thrown as
     * {@link ComponentErrorException}.
     */
    public Object callOrThrow(Object... args) {
        Object r = call(args);
        return r instanceof Result res ? res.unwrap() : r;
    }
}
