package dev.pipeline.distro;

import com.sun.net.httpserver.HttpServer;
import dev.pipeline.api.testing.TestTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * target = "wasip2": CPython for wasm32-wasip2, whose libc implements sockets on wasi:sockets. One wasi:cli/run app
 * (componentize-py's TCP example shape: the address comes in sys.argv) runs in node on jco's preview2-shim against
 * servers this test starts on 127.0.0.1: asyncio TCP client and server, UDP, timers, http.client and urllib.
 */
class SocketsTest extends ComponentTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    @TempDir static Path work;
    private static byte[] component;

    @BeforeAll
    static void build() throws IOException {
        Path wasi = TestTools.nodeModules().resolve("@bytecodealliance/jco/lib/wit/builtin/0.2.12");
        Path p = work.resolve("net");
        for (String pkg : List.of("cli", "io", "clocks", "filesystem", "random", "sockets")) {
            Files.createDirectories(p.resolve("wit/deps/" + pkg));
            Files.copy(wasi.resolve("wasi-" + pkg + "/package.wit"), p.resolve("wit/deps/" + pkg + "/package.wit"));
        }
        Files.writeString(p.resolve("wit/net.wit"), """
                package example:net;

                world net {
                  export wasi:cli/run@0.2.12;
                }
                """);
        Files.writeString(p.resolve("net.py"), """
                import asyncio
                import socket
                import sys
                import time

                from wit_world import exports


                async def tcp_client(host: str, port: int) -> None:
                    reader, writer = await asyncio.open_connection(host, port)
                    writer.write(b"hello, world!")
                    await writer.drain()
                    data = await asyncio.wait_for(reader.read(1024), timeout=60)
                    print(f"received: {data!r}")
                    writer.close()
                    await writer.wait_closed()


                async def tcp_server(port: int) -> None:
                    served = asyncio.Event()

                    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
                        data = await reader.read(1024)
                        writer.write(b"echo: " + data)
                        await writer.drain()
                        writer.close()
                        served.set()

                    server = await asyncio.start_server(handle, "127.0.0.1", port)
                    print("listening on", server.sockets[0].getsockname()[1], flush=True)
                    async with server:
                        await asyncio.wait_for(served.wait(), timeout=120)
                    print("served one connection")


                async def sleeps() -> None:
                    start = time.monotonic()
                    results = await asyncio.gather(*(asyncio.sleep(0.5 + 0.005 * i, i) for i in range(100)))
                    took = time.monotonic() - start
                    print(f"gathered {len(results)} results summing to {sum(results)} in {took:.3f} s")
                    try:
                        await asyncio.wait_for(asyncio.sleep(30), timeout=0.2)
                        print("no timeout")
                    except TimeoutError:
                        print("wait_for timed out")
                    try:
                        async with asyncio.timeout(0.1):
                            await asyncio.sleep(30)
                    except TimeoutError:
                        print("asyncio.timeout expired")


                def socketpairs(count: int) -> None:
                    for i in range(count):
                        a, b = socket.socketpair()
                        a.sendall(b"ping %d" % i)
                        b.sendall(b"pong %d" % i)
                        assert b.recv(64) == b"ping %d" % i and a.recv(64) == b"pong %d" % i
                        a.close()
                        b.close()
                    print(f"{count} socket pairs talked both ways")


                def udp(host: str, port: int) -> None:
                    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    s.settimeout(60)
                    s.sendto(b"ping", (host, port))
                    data, addr = s.recvfrom(1024)
                    print(f"udp received: {data!r} from the server: {addr == (host, port)}")
                    s.close()


                def http(host: str, port: int) -> None:
                    import http.client
                    import urllib.request

                    conn = http.client.HTTPConnection(host, port, timeout=60)
                    conn.request("GET", "/hello")
                    resp = conn.getresponse()
                    print("http.client:", resp.status, resp.read().decode())
                    conn.close()
                    with urllib.request.urlopen(f"http://{host}:{port}/urllib?q=1", timeout=60) as r:
                        print("urllib:", r.status, r.read().decode())
                    try:
                        import ssl  # noqa: F401
                        print("ssl imported")
                    except ImportError as e:
                        print("ssl:", e)


                class Run(exports.Run):
                    def run(self) -> None:
                        command, *args = sys.argv[1:]
                        if command == "tcp-client":
                            host, port = args[0].rsplit(":", 1)
                            asyncio.run(tcp_client(host, int(port)))
                        elif command == "tcp-server":
                            asyncio.run(tcp_server(int(args[0])))
                        elif command == "sleeps":
                            asyncio.run(sleeps())
                        elif command == "socketpairs":
                            socketpairs(int(args[0]))
                        elif command == "udp":
                            host, port = args[0].rsplit(":", 1)
                            udp(host, int(port))
                        elif command == "http":
                            host, port = args[0].rsplit(":", 1)
                            http(host, int(port))
                        else:
                            raise SystemExit(f"unknown command {command}")
                """);
        Files.writeString(p.resolve("recipe.toml"), """
                [app]
                module = "net"
                wit = "wit"
                world = "net"
                target = "wasip2"
                """);
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        component = Files.readAllBytes(p.resolve("build/net.wasm"));
    }

    /** The component transpiled by jco, with a runner script that passes its arguments on as sys.argv[1:]. */
    private static Path runner() throws IOException {
        Path out = jco.transpile(component, "net", Map.of(), Map.of());
        Path runner = out.resolve("main.mjs");
        Files.writeString(runner, """
                import { _setArgs } from '@bytecodealliance/preview2-shim/cli';
                import * as component from './net.js';
                _setArgs(['net', ...process.argv.slice(2)]);
                component.run.run();
                """);
        return runner;
    }

    /** Runs the app with {@code args} in node (preview2-shim), waiting for it; returns stdout then stderr. */
    private static String run(String... args) throws IOException {
        Path runner = runner();
        List<String> cmd = new ArrayList<>(List.of("node", runner.toString()));
        cmd.addAll(List.of(args));
        return TestTools.run(cmd, runner.getParent(), 300, true);
    }

    @Test
    void componentImportsWasiSockets() {
        String wit = jco.componentWit(component);
        assertTrue(wit.contains("import wasi:sockets/tcp@0.2.0;"), wit);
        assertTrue(wit.contains("export wasi:cli/run@0.2.12;"), wit);
    }

    @Test
    void asyncioTcpClientTalksToALocalServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(120_000);
                    byte[] buf = new byte[1024];
                    int n = s.getInputStream().read(buf);
                    OutputStream o = s.getOutputStream();
                    o.write(("pong: " + new String(buf, 0, Math.max(n, 0), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                    o.flush();
                } catch (IOException e) {
                    // the assertion on the app's output reports it
                }
            });
            t.setDaemon(true);
            t.start();
            String out = run("tcp-client", "127.0.0.1:" + server.getLocalPort());
            assertTrue(out.contains("received: b'pong: hello, world!'"), out);
        }
    }

    @Test
    void asyncioStartServerAcceptsAConnection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        Path runner = runner();
        Path log = work.resolve("server.log");
        Process node = new ProcessBuilder("node", runner.toString(), "tcp-server", Integer.toString(port))
                .directory(runner.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String reply = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (reply == null && System.nanoTime() < deadline && node.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(LOOPBACK, port), 2000);
                    s.setSoTimeout(60_000);
                    s.getOutputStream().write("hi there".getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    reply = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
                } catch (java.net.ConnectException e) {
                    Thread.sleep(200); // not listening yet
                }
            }
            assertTrue(node.waitFor(2, TimeUnit.MINUTES), "the server app did not end");
            String out = Files.readString(log);
            assertEquals("echo: hi there", reply, out);
            assertTrue(out.contains("listening on " + port), out);
            assertTrue(out.contains("served one connection"), out);
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    void gatherOfAHundredSleepsTakesAboutTheLongest() throws IOException {
        String out = run("sleeps");
        Matcher m = Pattern.compile("gathered 100 results summing to 4950 in ([0-9.]+) s").matcher(out);
        assertTrue(m.find(), out);
        double took = Double.parseDouble(m.group(1));
        double longest = 0.5 + 0.005 * 99;
        assertTrue(took >= longest - 0.01 && took < longest + 1.0, "took " + took + " s:\n" + out);
        assertTrue(out.contains("wait_for timed out"), out);
        assertTrue(out.contains("asyncio.timeout expired"), out);
    }

    /** socket.socketpair() (asyncio's self-pipe) asks for the peer's name right after a non-blocking connect. */
    @Test
    void socketPairsConnectEveryTime() throws IOException {
        String out = run("socketpairs", "40");
        assertTrue(out.contains("40 socket pairs talked both ways"), out);
    }

    @Test
    void udpDatagramsRoundTrip() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            server.setSoTimeout(180_000);
            Thread t = new Thread(() -> {
                try {
                    DatagramPacket in = new DatagramPacket(new byte[1024], 1024);
                    server.receive(in);
                    byte[] reply = ("pong: " + new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                    server.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                } catch (IOException e) {
                    // the assertion on the app's output reports it
                }
            });
            t.setDaemon(true);
            t.start();
            String out = run("udp", "127.0.0.1:" + server.getLocalPort());
            assertTrue(out.contains("udp received: b'pong: ping' from the server: True"), out);
        }
    }

    @Test
    void httpClientAndUrllibGetFromALocalServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ("hello from " + ex.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        try {
            String out = run("http", "127.0.0.1:" + server.getAddress().getPort());
            assertTrue(out.contains("http.client: 200 hello from /hello"), out);
            assertTrue(out.contains("urllib: 200 hello from /urllib?q=1"), out);
            assertTrue(out.contains("ssl: "), out);
            assertTrue(!out.contains("ssl imported"), out);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSocketOpenedAtBuildTimeIsAClearError() throws IOException {
        Path p = dir.resolve("early");
        Files.createDirectories(p);
        for (String pkg : List.of("cli", "io", "clocks", "filesystem", "random", "sockets")) {
            Files.createDirectories(p.resolve("wit/deps/" + pkg));
            Files.copy(work.resolve("net/wit/deps/" + pkg + "/package.wit"), p.resolve("wit/deps/" + pkg + "/package.wit"));
        }
        Files.copy(work.resolve("net/wit/net.wit"), p.resolve("wit/net.wit"));
        Files.writeString(p.resolve("early.py"), """
                import socket

                from wit_world import exports

                CONNECTION = socket.socket(socket.AF_INET, socket.SOCK_STREAM)


                class Run(exports.Run):
                    def run(self) -> None:
                        print("never")
                """);
        Files.writeString(p.resolve("recipe.toml"), "[app]\nmodule = \"early\"\nwit = \"wit\"\nworld = \"net\"\ntarget = \"wasip2\"\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("used a socket at build time (wasi:sockets/"), r::toString);
        assertTrue(r.err().contains("early.py:5"), r::toString);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
