package dev.pipeline.distro;

import dev.pipeline.api.testing.TestTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * poll_loop outside wasi:http: a wasi:cli/run app (WASI 0.2.12 WIT from jco's package) runs asyncio tasks, timers
 * and a clock pollable on PollLoop in node; `pipeline bindings` shows the module to IDEs.
 */
class PollLoopCliTest extends ComponentTest {

    @Test
    void asyncioTimersAndPollablesRunInNode() throws IOException {
        Path wasi = TestTools.nodeModules().resolve("@bytecodealliance/jco/lib/wit/builtin/0.2.12");
        Path p = dir.resolve("clock");
        for (String pkg : List.of("cli", "io", "clocks", "filesystem", "random", "sockets")) {
            Files.createDirectories(p.resolve("wit/deps/" + pkg));
            Files.copy(wasi.resolve("wasi-" + pkg + "/package.wit"), p.resolve("wit/deps/" + pkg + "/package.wit"));
        }
        Files.writeString(p.resolve("wit/clock.wit"), """
                package example:clock;

                world clock {
                  import wasi:clocks/monotonic-clock@0.2.12;
                  export wasi:cli/run@0.2.12;
                }
                """);
        Files.writeString(p.resolve("app.py"), """
                import asyncio
                import time

                from poll_loop import PollLoop, register
                from wit_world import exports
                from wit_world.imports import monotonic_clock


                async def tick(i: int) -> tuple[int, bool, float]:
                    start = time.monotonic()
                    await asyncio.sleep(0.02 * (5 - i))
                    end = time.monotonic()
                    return i, end - start >= 0.02 * (5 - i), end


                async def main() -> str:
                    start = time.monotonic()
                    results = [await done for done in asyncio.as_completed([tick(i) for i in range(5)])]
                    ends = [end for _, _, end in results]
                    tasks = sorted(i for i, _, _ in results)
                    slept = all(enough for _, enough, _ in results)
                    loop = asyncio.get_running_loop()
                    await register(loop, monotonic_clock.subscribe_duration(30_000_000))
                    try:
                        # a pollable and a timer at once: the timer wins, the pollable is dropped
                        await asyncio.wait_for(register(loop, monotonic_clock.subscribe_duration(10_000_000_000)), 0.05)
                        timed_out = False
                    except TimeoutError:
                        timed_out = True
                    waited = time.monotonic() - start >= 0.175
                    return f"tasks={tasks} slept={slept} in_order={ends == sorted(ends)} timed_out={timed_out} waited={waited}"


                class Run(exports.Run):
                    def run(self) -> None:
                        loop = PollLoop()
                        asyncio.set_event_loop(loop)
                        print(loop.run_until_complete(main()))
                """);
        Files.writeString(p.resolve("recipe.toml"), "[app]\nmodule = \"app\"\nwit = \"wit\"\nworld = \"clock\"\n");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        String out = jco.transpileAndRun(Files.readAllBytes(p.resolve("build/clock.wasm")), "clock", Map.of(), Map.of(),
                "component.run.run();\n");
        assertTrue(out.contains("tasks=[0, 1, 2, 3, 4] slept=True in_order=True timed_out=True waited=True"), out);

        Pipeline.Result stubs = Pipeline.run(p, "bindings", "recipe.toml");
        assertEquals(0, stubs.code(), stubs::toString);
        String module = Files.readString(p.resolve("poll_loop.py"));
        assertTrue(module.contains("\nimport wit_world.imports.poll as _poll  # wasi:io/poll\n"), module);
        assertTrue(module.contains("\n_http = None  # wasi:http/types is not imported by this world\n"), module);
    }
}
