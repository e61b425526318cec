package dev.pipeline.distro;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random world for echo tests: an exported interface {@code api} with functions {@code fN(v: T) -> T} and one
 * {@code m0(a: T1, b: T2, ...) -> tuple<T1, T2, ...>}, over random WIT types (every kind but resources), the Python
 * app that echoes them, and the types as JSON for the node driver ({@code echo/echo.mjs}) that makes random values.
 */
final class RandomWorld {
    private static final String[] PRIMITIVES = {"bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32",
            "f64", "char", "string"};

    private final Random random;
    private final StringBuilder declarations = new StringBuilder();
    private int named;

    final String wit;
    final String app;
    final String typesJson;

    private RandomWorld(Random random) {
        this.random = random;
        StringBuilder funcs = new StringBuilder();
        StringBuilder json = new StringBuilder("[");
        StringBuilder py = new StringBuilder("\"\"\"Echoes every value back (generated for a random world).\"\"\"\n"
                + "from wit_world import exports\n\n\nclass Api(exports.Api):\n");
        int singles = 1 + random.nextInt(4);
        for (int i = 0; i < singles; i++) {
            String[] t = type(3, false);
            funcs.append("  f").append(i).append(": func(v: ").append(t[0]).append(") -> ").append(t[0]).append(";\n");
            json.append(i == 0 ? "" : ",").append("{\"name\":\"f").append(i).append("\",\"multi\":false,\"params\":[").append(t[1]).append("]}");
            py.append("    def f").append(i).append("(self, v):\n        return v\n\n");
        }
        int arity = 1 + random.nextInt(random.nextInt(4) == 0 ? 20 : 5);
        List<String> wits = new ArrayList<>();
        List<String> jsons = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            String[] t = type(2, true);
            wits.add(t[0]);
            jsons.add(t[1]);
            names.add("p" + i);
        }
        funcs.append("  m0: func(");
        for (int i = 0; i < arity; i++) funcs.append(i == 0 ? "" : ", ").append(names.get(i)).append(": ").append(wits.get(i));
        funcs.append(") -> tuple<").append(String.join(", ", wits)).append(">;\n");
        json.append(",{\"name\":\"m0\",\"multi\":true,\"params\":[").append(String.join(",", jsons)).append("]}]");
        py.append("    def m0(self, ").append(String.join(", ", names)).append("):\n        return (")
                .append(String.join(", ", names)).append(arity == 1 ? ",)\n" : ")\n");
        this.wit = "package test:echo;\n\ninterface api {\n" + declarations + funcs + "}\n\nworld echo {\n  export api;\n}\n";
        this.app = py.toString();
        this.typesJson = json.toString();
    }

    static RandomWorld generate(Random random) {
        return new RandomWorld(random);
    }

    /**
     * A random type of at most {@code depth} levels: {WIT text, JSON}. {@code resultOk}: a result may be this type
     * (not at the top of a function's result, where componentize-py's convention raises Err instead).
     */
    private String[] type(int depth, boolean resultOk) {
        int choice = depth <= 0 ? random.nextInt(PRIMITIVES.length) : random.nextInt(PRIMITIVES.length + 9);
        if (choice < PRIMITIVES.length) {
            String p = PRIMITIVES[choice];
            return new String[] {p, "{\"k\":\"" + p + "\"}"};
        }
        switch (choice - PRIMITIVES.length) {
            case 0, 1 -> {
                String[] t = type(depth - 1, true);
                return new String[] {"list<" + t[0] + ">", "{\"k\":\"list\",\"t\":" + t[1] + "}"};
            }
            case 2 -> {
                String[] t = type(depth - 1, true);
                if (t[1].startsWith("{\"k\":\"option\"")) return t; // nested options have another JS form: not generated
                return new String[] {"option<" + t[0] + ">", "{\"k\":\"option\",\"t\":" + t[1] + "}"};
            }
            case 3 -> {
                if (!resultOk) return type(depth, false);
                String[] ok = type(depth - 1, true);
                String[] err = type(depth - 1, true);
                return new String[] {"result<" + ok[0] + ", " + err[0] + ">", "{\"k\":\"result\",\"ok\":" + ok[1] + ",\"err\":" + err[1] + "}"};
            }
            case 4 -> {
                int n = 1 + random.nextInt(4);
                List<String> w = new ArrayList<>();
                List<String> j = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String[] t = type(depth - 1, true);
                    w.add(t[0]);
                    j.add(t[1]);
                }
                return new String[] {"tuple<" + String.join(", ", w) + ">", "{\"k\":\"tuple\",\"ts\":[" + String.join(",", j) + "]}"};
            }
            case 5 -> {
                int n = 1 + random.nextInt(5);
                StringBuilder decl = new StringBuilder();
                List<String> j = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String[] t = type(depth - 1, true);
                    String field = String.valueOf((char) ('a' + i));
                    decl.append(i == 0 ? "" : ", ").append(field).append(": ").append(t[0]);
                    j.add("[\"" + field + "\"," + t[1] + "]");
                }
                String name = "r" + named++;
                declarations.append("  record ").append(name).append(" { ").append(decl).append(" }\n");
                return new String[] {name, "{\"k\":\"record\",\"fields\":[" + String.join(",", j) + "]}"};
            }
            case 6 -> {
                int n = 1 + random.nextInt(5);
                StringBuilder decl = new StringBuilder();
                List<String> j = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String c = "c" + (char) ('a' + i);
                    if (random.nextBoolean()) {
                        String[] t = type(depth - 1, true);
                        decl.append(i == 0 ? "" : ", ").append(c).append("(").append(t[0]).append(")");
                        j.add("[\"" + c + "\"," + t[1] + "]");
                    } else {
                        decl.append(i == 0 ? "" : ", ").append(c);
                        j.add("[\"" + c + "\",null]");
                    }
                }
                String name = "v" + named++;
                declarations.append("  variant ").append(name).append(" { ").append(decl).append(" }\n");
                return new String[] {name, "{\"k\":\"variant\",\"cases\":[" + String.join(",", j) + "]}"};
            }
            case 7 -> {
                int n = 1 + random.nextInt(6);
                List<String> cases = new ArrayList<>();
                for (int i = 0; i < n; i++) cases.add("e" + (char) ('a' + i));
                String name = "e" + named++;
                declarations.append("  enum ").append(name).append(" { ").append(String.join(", ", cases)).append(" }\n");
                return new String[] {name, "{\"k\":\"enum\",\"cases\":[\"" + String.join("\",\"", cases) + "\"]}"};
            }
            default -> {
                int n = 1 + random.nextInt(random.nextInt(3) == 0 ? 32 : 6);
                List<String> flags = new ArrayList<>();
                for (int i = 0; i < n; i++) flags.add("g" + i);
                String name = "g" + named++;
                declarations.append("  flags ").append(name).append(" { ").append(String.join(", ", flags)).append(" }\n");
                return new String[] {name, "{\"k\":\"flags\",\"names\":[\"" + String.join("\",\"", flags) + "\"]}"};
            }
        }
    }
}
