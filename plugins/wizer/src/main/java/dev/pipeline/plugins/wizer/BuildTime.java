package dev.pipeline.plugins.wizer;

/**
 * What the runtime reads of time and chance at build time, as a state that can be kept and restored: every clock
 * starts at the build instant and advances one microsecond per reading ({@link #ticks} readings so far), and random
 * bytes come from a fixed sequence ({@link #randomPosition} bytes drawn so far).
 */
final class BuildTime {
    long ticks;
    long randomPosition;

    BuildTime(long ticks, long randomPosition) {
        this.ticks = ticks;
        this.randomPosition = randomPosition;
    }

    BuildTime copy() {
        return new BuildTime(ticks, randomPosition);
    }

    /** The next {@code n} bytes of the sequence: byte {@code p} is a byte of a SplitMix64 output for {@code p / 8}. */
    byte[] random(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++, randomPosition++) {
            out[i] = (byte) (mix(randomPosition >>> 3) >>> (8 * (randomPosition & 7)));
        }
        return out;
    }

    private static long mix(long index) {
        long z = index * 0x9e3779b97f4a7c15L + 0x632be59bd9b4e019L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
