package dev.pipeline.distro;

import dev.pipeline.api.testing.TestTools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A wasi:http component served by {@code jco serve} on 127.0.0.1 (a free port), stopped with its child processes. */
final class JcoServe implements AutoCloseable {
    private final Process process;
    private final int port;
    private final StringBuffer log = new StringBuffer();

    private JcoServe(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code jco serve} and waits until it listens (transpiling a large component takes a while). */
    static JcoServe start(Path component) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path jco = TestTools.nodeModules().resolve("@bytecodealliance/jco/dist/jco.js");
        Process p = new ProcessBuilder(List.of("node", jco.toString(), "serve", component.toString(), "--port", Integer.toString(port),
                "--host", "127.0.0.1")).redirectErrorStream(true).start();
        p.getOutputStream().close();
        JcoServe serve = new JcoServe(p, port);
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    serve.log.append(line).append('\n');
                    if (line.contains("Server listening")) listening.complete(true);
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.complete(false);
        }, "jco-serve-output");
        reader.setDaemon(true);
        reader.start();
        boolean ok;
        try {
            ok = listening.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            ok = false;
        }
        if (!ok) {
            serve.close();
            throw new IllegalStateException("jco serve did not start listening:\n" + serve.log);
        }
        return serve;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** What jco serve and the component printed so far. */
    String log() {
        return log.toString();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
