package dev.pipeline.jvmhost.chicory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread, with a large stack, on which a wasm instance runs: CPython's interpreter recurses deeply, more than
 * a default Java thread's stack allows under Chicory. Calls from other threads wait for it; calls made on it (a host
 * function calling back into the instance) run directly.
 */
public final class RunnerThread implements AutoCloseable {
    private final ExecutorService executor;
    private volatile Thread thread;

    /** A daemon thread named {@code name} with a stack of {@code stackBytes}, started on the first call. */
    public RunnerThread(String name, long stackBytes) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, name, stackBytes);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** True when the caller is this runner's thread. */
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the thread and returns its result; its unchecked exceptions and errors come back as they
     * were thrown, a checked one wrapped in {@link IllegalStateException}.
     */
    public <T> T call(Callable<T> task) {
        if (isCurrent()) return direct(task);
        Future<T> f = executor.submit(task);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs {@code task} on the calling thread, with the same exception rules as {@link #call}. */
    public static <T> T direct(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the thread (a call in progress is interrupted). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
