package dev.pipeline.distro;

import dev.pipeline.api.testing.JcoOracle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Base of the end-to-end tests: a jco oracle shared by the class and a fresh folder per test. */
abstract class ComponentTest {
    static JcoOracle jco;
    @TempDir Path dir;

    @BeforeAll
    static void startJco() {
        jco = new JcoOracle();
    }

    @AfterAll
    static void stopJco() {
        jco.close();
    }
}
