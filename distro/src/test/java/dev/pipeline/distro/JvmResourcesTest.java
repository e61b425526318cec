package dev.pipeline.distro;

import dev.pipeline.jvmhost.Imports;
import dev.pipeline.jvmhost.InstanceOptions;
import dev.pipeline.jvmhost.PythonComponent;
import dev.pipeline.jvmhost.PythonInstance;
import dev.pipeline.jvmhost.ResourceHandle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resources world of {@link ResourcesTest} from Java: Python objects behind {@link ResourceHandle}s (constructors,
 * methods, statics, own and borrow), Java objects behind the imported resource, drops in both directions.
 */
class JvmResourcesTest {
    @TempDir static Path dir;
    static PythonComponent component;

    @BeforeAll
    static void build() throws IOException {
        Path p = Pipeline.copyProject(Path.of("src/test/resources/resources").toAbsolutePath(), dir.resolve("res"));
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml");
        assertEquals(0, r.code(), r::toString);
        component = PythonComponent.load(p.resolve("build/res.wasm"));
    }

    /** The host's counter: a Java object; the component's drop of an owned handle closes it. */
    static final class Counter implements AutoCloseable {
        final Host host;
        long n;
        boolean closed;

        Counter(Host host, long start) {
            this.host = host;
            this.n = start;
            host.live++;
        }

        @Override
        public void close() {
            if (!closed) host.live--;
            closed = true;
        }
    }

    /** Implements host-res for one instance. */
    static final class Host {
        int live;

        Imports imports() {
            return Imports.builder()
                    .function("host-res.[constructor]counter", a -> new Counter(this, (Long) a[0]))
                    .function("host-res.[method]counter.incr", a -> ++((Counter) a[0]).n)
                    .function("host-res.[method]counter.value", a -> ((Counter) a[0]).n)
                    .function("host-res.[static]counter.make", a -> new Counter(this, (Long) a[0]))
                    .function("host-res.[static]counter.merge", a -> {
                        Counter m = new Counter(this, ((Counter) a[0]).n + ((Counter) a[1]).n);
                        ((Counter) a[1]).close();   // b was passed as own: the host disposes of it
                        return m;
                    })
                    .function("host-res.live-counters", a -> (long) live)
                    .build();
        }
    }

    @Test
    void resourcesWorkInBothDirections() {
        Host host = new Host();
        try (PythonInstance i = component.instantiate(InstanceOptions.builder().imports(host.imports()).build())) {
            ResourceHandle a = (ResourceHandle) i.call("things.[constructor]thing", "a");
            ResourceHandle b = (ResourceHandle) i.call("things.[constructor]thing", "b");
            assertEquals("a", i.call("things.[method]thing.name", a));
            i.call("things.[method]thing.rename", b, "bee");
            ResourceHandle c = (ResourceHandle) i.call("things.[static]thing.combine", a, b);
            assertEquals("a+bee", i.call("things.[method]thing.name", c));
            assertEquals(3L, i.call("things.live-things"));
            c.close();
            assertEquals(2L, i.call("things.live-things"));
            a.close();
            b.close();
            assertEquals(0L, i.call("things.live-things"));
            IllegalArgumentException dropped = assertThrows(IllegalArgumentException.class, () -> i.call("things.[method]thing.name", a));
            assertTrue(dropped.getMessage().contains("dropped"), dropped.getMessage());

            assertEquals(List.of(1L, 2L, 12L, 2L, 1L, 0L), i.call("things.use-counters"));
            assertEquals(0, host.live, "every counter the app made was dropped and closed");

            ResourceHandle keep = (ResourceHandle) i.call("things.[constructor]thing", "k");
            Counter given = new Counter(host, 41);
            assertEquals(42L, i.call("things.[method]thing.take-counter", keep, given));
            assertTrue(given.closed, "the app took the counter (own) and dropped it");
            assertEquals(1L, i.call("things.live-things"));
            keep.close();
            assertEquals(0L, i.call("things.live-things"));
            assertEquals(0, i.liveHandles());
        }
    }

    @Test
    void instancesDoNotShareState() {
        try (PythonInstance one = component.instantiate(InstanceOptions.builder().imports(new Host().imports()).build());
             PythonInstance two = component.instantiate(InstanceOptions.builder().imports(new Host().imports()).build())) {
            ResourceHandle t = (ResourceHandle) one.call("things.[constructor]thing", "only-in-one");
            assertEquals(1L, one.call("things.live-things"));
            assertEquals(0L, two.call("things.live-things"));
            IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> two.call("things.[method]thing.name", t));
            assertTrue(foreign.getMessage().contains("from this instance"), foreign.getMessage());
            t.close();
        }
    }
}
