package dev.pipeline.api.diag;

/** The project's own error: carries a {@link Diagnostic} that the CLI prints without a stack trace. */
public class PipelineException extends RuntimeException {
    private final Diagnostic diagnostic;

    public PipelineException(Diagnostic diagnostic) {
        super(diagnostic.message());
        this.diagnostic = diagnostic;
    }

    public PipelineException(Diagnostic diagnostic, Throwable cause) {
        super(diagnostic.message(), cause);
        this.diagnostic = diagnostic;
    }

    public PipelineException(String message) {
        this(Diagnostic.error(message));
    }

    public PipelineException(SourcePosition at, String message, String hint) {
        this(new Diagnostic(Diagnostic.Severity.ERROR, message, at, hint));
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }

    @Override
    public String getMessage() {
        return diagnostic.render();
    }
}
