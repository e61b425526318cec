package dev.pipeline.testkit;

import dev.pipeline.api.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Edits a copied recipe in tests: picks a strategy for a stage and writes its config table. */
public final class Recipes {
    private Recipes() {}

    /**
     * Sets {@code [pipeline] <stage> = "<strategy>"} and appends a {@code [stages.<stage>]} table with {@code config}.
     *
     * @param recipe the recipe file, edited in place (it must not have a {@code [stages.<stage>]} table yet)
     * @param stage the stage
     * @param strategy the strategy's name
     * @param config keys and values: String, Boolean, Integer or Long, or a List of Strings
     * @return {@code recipe}
     */
    public static Path choose(Path recipe, Stage stage, String strategy, Map<String, ?> config) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(recipe));
            String choice = stage.key() + " = " + quote(strategy);
            int pipeline = -1;
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).strip().startsWith("[pipeline]")) pipeline = i;
            if (pipeline < 0) {
                lines.add("");
                lines.add("[pipeline]");
                lines.add(choice);
            } else {
                int i = pipeline + 1;
                boolean replaced = false;
                for (; i < lines.size() && !lines.get(i).strip().startsWith("["); i++) {
                    if (lines.get(i).strip().matches(stage.key() + "\\s*=.*")) {
                        lines.set(i, choice);
                        replaced = true;
                    }
                }
                if (!replaced) lines.add(pipeline + 1, choice);
            }
            if (!config.isEmpty()) {
                lines.add("");
                lines.add("[stages." + stage.key() + "]");
                for (Map.Entry<String, ?> e : config.entrySet()) lines.add(e.getKey() + " = " + toml(e.getValue()));
            }
            Files.write(recipe, lines);
            return recipe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toml(Object v) {
        if (v instanceof String s) return quote(s);
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            for (Object o : l) items.add(toml(o));
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
