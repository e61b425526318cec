package dev.pipeline.distro;

import com.sun.net.httpserver.HttpServer;
import dev.pipeline.api.testing.JcoOracle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.pipeline.api.testing.TestTools;

/**
 * examples/http (a wasi:http/proxy@0.2.0 app using poll_loop) built with {@code pipeline run} and served by
 * {@code jco serve} on 127.0.0.1, answering real HTTP requests; its outgoing requests go to a server this test
 * starts on 127.0.0.1.
 */
class HttpServeTest {
    @TempDir static Path dir;
    static JcoServe serve;
    static HttpServer upstream;
    static HttpClient client;
    static String wit;

    @BeforeAll
    static void buildAndServe() throws Exception {
        Path p = Pipeline.copyProject(Pipeline.repo().resolve("examples/http"), dir.resolve("http"));
        // the example's wit/deps is vendored from jco's npm package by its script, as its README says
        String vendored = TestTools.run(List.of("bash", p.resolve("vendor-wit.sh").toString(),
                p.resolve("wit/deps").toString()), p, 300);
        assertTrue(Files.isRegularFile(p.resolve("wit/deps/http/package.wit")), vendored);
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        Path component = p.resolve("build/http.wasm");
        try (JcoOracle jco = new JcoOracle()) {
            wit = jco.componentWit(Files.readAllBytes(component));
        }
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        upstream.createContext("/data/", exchange -> {
            int size = Integer.parseInt(exchange.getRequestURI().getPath().substring("/data/".length()));
            byte[] body = pattern(size, size);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        upstream.setExecutor(Executors.newFixedThreadPool(8));
        upstream.start();
        serve = JcoServe.start(component);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        if (serve != null) serve.close();
        if (upstream != null) upstream.stop(0);
    }

    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (i * 31 + seed * 7 + (i >> 8));
        return b;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    String upstreamUrl(String path) {
        return "http://127.0.0.1:" + upstream.getAddress().getPort() + path;
    }

    HttpRequest echo(byte[] body) {
        return HttpRequest.newBuilder(serve.uri("/echo")).timeout(Duration.ofMinutes(2)).header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    HttpRequest hashAll(String... urls) {
        HttpRequest.Builder b = HttpRequest.newBuilder(serve.uri("/hash-all")).timeout(Duration.ofMinutes(2)).GET();
        for (String u : urls) b.header("url", u);
        return b.build();
    }

    @Test
    void theComponentIsAProxyWorld() {
        assertTrue(wit.contains("export wasi:http/incoming-handler@0.2.0;"), wit);
        assertTrue(wit.contains("import wasi:http/outgoing-handler@0.2.0;"), wit);
        // interfaces the WASI adapter imports too are imported once, at the newer of the two 0.2 versions
        assertTrue(java.util.regex.Pattern.compile("import wasi:io/poll@0\\.2\\.\\d+;").matcher(wit).find(), wit);
        assertEquals(1, wit.split("import wasi:io/streams@", -1).length - 1, wit);
    }

    @Test
    void aPostIsEchoedWithItsContentType() throws Exception {
        byte[] body = "’Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe\n".getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(serve.uri("/echo")).header("content-type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, res.statusCode(), serve::log);
        assertEquals("text/plain; charset=utf-8", res.headers().firstValue("content-type").orElse(null));
        assertArrayEquals(body, res.body());
    }

    @Test
    void aMebibyteIsEchoed() throws Exception {
        byte[] body = pattern(1 << 20, 3);
        HttpResponse<byte[]> res = client.send(echo(body), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, res.statusCode(), serve::log);
        assertEquals(body.length, res.body().length);
        assertArrayEquals(body, res.body());
    }

    @Test
    void aGetFetchesFromAnotherServerConcurrently() throws Exception {
        List<String> urls = List.of(upstreamUrl("/data/100000"), upstreamUrl("/data/5"), upstreamUrl("/data/0"), upstreamUrl("/gone"));
        HttpResponse<String> res = client.send(hashAll(urls.toArray(String[]::new)), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), serve::log);
        Set<String> expected = new TreeSet<>(List.of(
                urls.get(0) + ": " + sha256(pattern(100000, 100000)),
                urls.get(1) + ": " + sha256(pattern(5, 5)),
                urls.get(2) + ": " + sha256(new byte[0]),
                urls.get(3) + ": unexpected status 410"));
        assertEquals(expected, new TreeSet<>(res.body().lines().toList()), res.body());
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(serve.uri("/nope?x=1")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, res.statusCode(), serve::log);
        assertEquals("no route for /nope?x=1\n", res.body());
        HttpResponse<String> wrongMethod = client.send(HttpRequest.newBuilder(serve.uri("/echo")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, wrongMethod.statusCode());
    }

    @Test
    void twoHundredConcurrentRequestsAllAnswerCorrectly() throws Exception {
        List<CompletableFuture<String>> problems = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            if (i % 5 == 0) {
                String url = upstreamUrl("/data/" + (1000 + i));
                String expected = url + ": " + sha256(pattern(1000 + i, 1000 + i)) + "\n";
                problems.add(client.sendAsync(hashAll(url), HttpResponse.BodyHandlers.ofString()).thenApply(res ->
                        res.statusCode() == 200 && res.body().equals(expected) ? null : "hash " + n + ": " + res.statusCode() + " " + res.body()));
            } else {
                byte[] body = pattern(100 + 37 * i, i);
                problems.add(client.sendAsync(echo(body), HttpResponse.BodyHandlers.ofByteArray()).thenApply(res ->
                        res.statusCode() == 200 && java.util.Arrays.equals(body, res.body()) ? null
                                : "echo " + n + ": " + res.statusCode() + ", " + res.body().length + " bytes"));
            }
        }
        List<String> wrong = new ArrayList<>();
        for (CompletableFuture<String> f : problems) {
            String problem = f.get();
            if (problem != null) wrong.add(problem);
        }
        assertEquals(List.of(), wrong, serve::log);
        assertTrue(serve.alive(), serve::log);
    }
}
