package dev.pipeline.host.cli;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.host.cache.StageCache;
import dev.pipeline.api.files.TempFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.pipeline.host.files.Sizes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code pipeline cache}: the stage cache's size and entries; {@code pipeline cache clean} empties it. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show the cache folder: its size and the stage results it keeps.",
                "",
                "Every stage's result is kept by the hash of its inputs, so an unchanged stage is not run again.",
                "The folder is $PIPELINE_CACHE, else $XDG_CACHE_HOME/pipeline, else ~/.cache/pipeline.", ""},
        subcommands = CacheCommand.Clean.class)
public final class CacheCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StageCache cache = new StageCache(StageCache.defaultRoot());
        cache.removeStale();
        List<StageCache.Entry> entries = cache.entries();
        out.println("cache    " + cache.root());
        long stages = StageCache.size(cache.root().resolve("stages"));
        long compiled = StageCache.size(cache.root().resolve("chicory"));
        long temp = StageCache.size(cache.root().resolve("tmp"));
        out.printf("size     %s: stage results %s, compiled runtimes %s, temporary %s%n", Sizes.human(stages + compiled + temp),
                Sizes.human(stages), Sizes.human(compiled), Sizes.human(temp));
        out.println("kit      " + cache.root().resolve("kit") + " (the runtime kit; not counted, kept by `cache clean`)");
        Map<String, long[]> byStage = new TreeMap<>();
        for (StageCache.Entry e : entries) {
            long[] t = byStage.computeIfAbsent(e.stage(), k -> new long[2]);
            t[0]++;
            t[1] += e.bytes();
        }
        out.println("entries  " + entries.size() + (entries.isEmpty() ? "" : ":"));
        for (Map.Entry<String, long[]> e : byStage.entrySet()) {
            out.printf("  %-11s %4d  %10s%n", e.getKey(), e.getValue()[0], Sizes.human(e.getValue()[1]));
        }
        if (!entries.isEmpty()) {
            out.println();
            out.printf("  %-11s %-20s %10s  %s%n", "stage", "key", "size", "last used (UTC)");
            entries.stream().sorted(Comparator.comparingLong(StageCache.Entry::lastUsedMillis).reversed())
                    .forEach(e -> out.printf("  %-11s %-20s %10s  %s%n", e.stage(), e.key(), Sizes.human(e.bytes()),
                            WHEN.format(Instant.ofEpochMilli(e.lastUsedMillis()))));
        }
        out.flush();
        return 0;
    }

    /** {@code pipeline cache clean}: removes stage results and compiled runtimes, all or those unused for a while. */
    @Command(name = "clean", mixinStandardHelpOptions = true,
            description = {"Remove the cache's stage results, compiled runtimes and leftover temporary folders.",
                    "The runtime kit is kept. A build running meanwhile may fail: run it again.", ""})
    static final class Clean implements Callable<Integer> {
        @Option(names = "--older-than", paramLabel = "DURATION",
                description = "Only remove what was not used for DURATION, e.g. 30m, 12h, 7d, 2w (default: everything).")
        String olderThan;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Duration age = olderThan == null ? null : parseDuration(olderThan);
            StageCache cache = new StageCache(StageCache.defaultRoot());
            int before = cache.entries().size();
            long freed = cache.clean(age);
            freed += cleanCompiled(cache.root().resolve("chicory"), age);
            int after = cache.entries().size();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("removed %d of %d stage results%s; freed %s%n", before - after, before,
                    age == null ? "" : " not used for " + olderThan, Sizes.human(freed));
            out.flush();
            return 0;
        }
    }

    /** Removes the compiled-runtime files (not used for {@code age}); returns the bytes freed. */
    static long cleanCompiled(Path dir, Duration age) {
        if (!Files.isDirectory(dir)) return 0;
        long cutoff = age == null ? Long.MAX_VALUE : System.currentTimeMillis() - age.toMillis();
        long freed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (!Files.isRegularFile(p)) continue;
                String name = p.getFileName().toString();
                // a temporary of a running build is its own; a finished entry goes when unused for `age`
                if (name.endsWith(".tmp") && !TempFiles.isStale(name, Files.getLastModifiedTime(p).toMillis())) continue;
                if (Files.getLastModifiedTime(p).toMillis() >= cutoff) continue;
                long size = Files.size(p);
                if (Files.deleteIfExists(p)) freed += size;
            }
        } catch (IOException e) {
            throw new PipelineException("cannot clean " + dir + ": " + e.getMessage());
        }
        return freed;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d|w)");

    /** "30m", "12h", "7d", "2w", "90s" (or an ISO-8601 duration such as PT12H). */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        }
        try {
            return Duration.parse(text.strip().toUpperCase());
        } catch (RuntimeException e) {
            throw new PipelineException("--older-than: `" + text + "` is not a duration; write e.g. 30m, 12h, 7d or 2w");
        }
    }

}
