package dev.pipeline.distro;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * extensions = "linked" with real packages from Debian's original tarballs, unmodified: markupsafe and genshi (two
 * modules named `_speedups`, genshi with METH_NOARGS methods defined with one parameter), crc32c (two C files) and
 * msgspec. Each module must be the built-in C one and give the pure-Python results (or known values), with
 * pre-initialisation on and off.
 */
class LinkedExtensionsTest extends ComponentTest {

    static final String WIT = """
            package test:ext;

            world ext {
                export check: func(name: string) -> string;
            }
            """;

    /** Each check returns a line of results computed by the C module and by the pure-Python code (or known values). */
    static final String APP = """
            import importlib
            import sys

            import wit_world


            def builtins():
                names = ["markupsafe._speedups", "genshi._speedups", "crc32c._crc32c", "msgspec._core", "yaml._yaml",
                         "_ruamel_yaml"]
                return " ".join(n for n in names if n in sys.builtin_module_names)


            def markupsafe_check():
                import markupsafe
                import markupsafe._native as native
                import markupsafe._speedups as speedups
                text = "<a href='x'>&\\"y\\"</a>"
                c = markupsafe.escape(text)
                return "%s|%s|%s|%s" % (markupsafe.escape is speedups.escape, c == native.escape(text), c,
                                        markupsafe.Markup("<em>%s</em>") % "<i>")


            def genshi_check():
                import genshi.core
                c_markup = genshi.core.Markup
                text = "<b>x</b> &amp; <i>y</i>"
                c = [c_markup(text).striptags(), c_markup(text).unescape(), str(genshi.core.escape("<&>\\"")),
                     c_markup.__module__]
                html = c_markup(text).__html__() == text      # a METH_NOARGS method of the C type only
                sys.modules["genshi._speedups"] = None     # the same module without its C speedups
                importlib.reload(genshi.core)
                p_markup = genshi.core.Markup
                p = [p_markup(text).striptags(), p_markup(text).unescape(), str(genshi.core.escape("<&>\\"")),
                     p_markup.__module__]
                return "%s|%s|%s|%s" % (c[:3] == p[:3], html, c, p[3])


            def crc32c_check():
                import crc32c
                return "%d|%d|%d" % (crc32c.crc32c(b"123456789"), crc32c.crc32c(b""),
                                     crc32c.crc32c(b"56789", crc32c.crc32c(b"1234")))


            def msgspec_check():
                import msgspec
                value = {"a": [1, 2.5, "x", None, True], "b": {"c": -3}}
                j = msgspec.json.encode(value)
                m = msgspec.msgpack.encode(value)
                return "%s|%s|%s|%s" % (j.decode(), msgspec.json.decode(j) == value, msgspec.msgpack.decode(m) == value,
                                        m.hex())


            DOC = "a: [1, 2.5, x, null, true]\\nb: {c: -3, d: 'q r'}\\nc: |\\n  two\\n  lines\\n"


            def yaml_check():
                import yaml
                c = yaml.load(DOC, Loader=yaml.CSafeLoader)
                p = yaml.load(DOC, Loader=yaml.SafeLoader)
                dc = yaml.dump(c, Dumper=yaml.CSafeDumper)
                dp = yaml.dump(c, Dumper=yaml.SafeDumper)
                return "%s|%s|%s|%r" % (yaml.__with_libyaml__, c == p, dc == dp, c)


            def ruamel_check():
                import io
                import _ruamel_yaml
                from ruamel.yaml import YAML
                c, p = YAML(typ="safe", pure=False), YAML(typ="safe", pure=True)
                vc, vp = c.load(DOC), p.load(DOC)
                oc, op = io.StringIO(), io.StringIO()
                c.dump(vc, oc)
                p.dump(vc, op)
                # the C and Python emitters differ in layout: each output must load back to the same value
                return "%s|%s|%s|%s" % (c.Parser is _ruamel_yaml.CParser, vc == vp, p.load(oc.getvalue()) == vp == c.load(op.getvalue()),
                                        vc == __import__("yaml").safe_load(DOC))


            CHECKS = {"yaml": yaml_check, "ruamel": ruamel_check, "builtins": builtins, "markupsafe": markupsafe_check, "genshi": genshi_check,
                      "crc32c": crc32c_check, "msgspec": msgspec_check}


            class WitWorld(wit_world.WitWorld):
                def check(self, name: str) -> str:
                    return CHECKS[name]()
            """;

    static String recipe(String init) {
        Path ms = ExtensionSources.src("MarkupSafe-2.1.5/src");
        Path gs = ExtensionSources.src("genshi-0.7.9");
        Path crc = ExtensionSources.src("ICRAR-crc32c-6d3a422/src");
        Path mp = ExtensionSources.src("python-msgspec-0.19.0");
        Path py = ExtensionSources.src("pyyaml-6.0.2");
        Path ly = ExtensionSources.src("libyaml-0.2.5");
        Path ru = ExtensionSources.src("ruamel.yaml.clib-0.2.12+ds");
        StringBuilder libyaml = new StringBuilder();
        StringBuilder ruamel = new StringBuilder(ExtensionSources.toml(ru.resolve("_ruamel_yaml.c")));
        for (String f : new String[]{"api", "dumper", "emitter", "loader", "parser", "reader", "scanner", "writer"}) {
            libyaml.append(", ").append(ExtensionSources.toml(ly.resolve("src/" + f + ".c")));
            ruamel.append(", ").append(ExtensionSources.toml(ru.resolve(f + ".c")));
        }
        return """
                [app]
                module = "app"
                python-path = [".", %s, %s, %s, %s, %s, %s]
                wit = "ext.wit"
                world = "ext"
                output = "build/ext.wasm"

                [pipeline]
                extensions = "linked"
                init = "%s"

                # imported under computed names (six.moves) or from C (msgspec._core): invisible to the import DAG
                [stages.packaging]
                include = ["html.parser", "html.entities", "datetime", "decimal", "enum", "inspect", "re", "types",
                           "typing", "uuid", "msgspec._utils"]

                [[stages.extensions.module]]
                name = "markupsafe._speedups"
                sources = [%s]

                [[stages.extensions.module]]
                name = "genshi._speedups"
                sources = [%s]

                [[stages.extensions.module]]
                name = "crc32c._crc32c"
                sources = [%s, %s, %s]
                include-dirs = [%s]
                defines = ["NDEBUG"]

                [[stages.extensions.module]]
                name = "msgspec._core"
                sources = [%s]

                [[stages.extensions.module]]
                name = "yaml._yaml"
                sources = [%s%s]
                include-dirs = [%s]
                defines = ["YAML_VERSION_MAJOR=0", "YAML_VERSION_MINOR=2", "YAML_VERSION_PATCH=5", "YAML_VERSION_STRING=\\"0.2.5\\""]

                [[stages.extensions.module]]
                name = "_ruamel_yaml"
                sources = [%s]
                """.formatted(ExtensionSources.toml(ms), ExtensionSources.toml(gs), ExtensionSources.toml(crc),
                ExtensionSources.toml(mp), ExtensionSources.toml(py.resolve("lib")),
                ExtensionSources.toml(ExtensionSources.distPackages()), init,
                ExtensionSources.toml(ms.resolve("markupsafe/_speedups.c")),
                ExtensionSources.toml(gs.resolve("genshi/_speedups.c")),
                ExtensionSources.toml(crc.resolve("crc32c/ext/_crc32c.c")), ExtensionSources.toml(crc.resolve("crc32c/ext/crc32c_sw.c")),
                ExtensionSources.toml(crc.resolve("crc32c/ext/crc32c_adler.c")), ExtensionSources.toml(crc.resolve("crc32c/ext")),
                ExtensionSources.toml(mp.resolve("msgspec/_core.c")),
                ExtensionSources.toml(py.resolve("yaml/_yaml.pyx")), libyaml, ExtensionSources.toml(ly.resolve("include")),
                ruamel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "none"})
    void realExtensionsRunAsBuiltInsWithThePurePythonResults(String init) throws IOException {
        Path p = dir.resolve("ext-" + init);
        ExtensionSources.write(p.resolve("ext.wit"), WIT);
        ExtensionSources.write(p.resolve("app.py"), APP);
        ExtensionSources.write(p.resolve("recipe.toml"), recipe(init));
        // ruamel is a namespace package (no __init__.py), which the import DAG does not follow: the app carries a
        // regular package holding ruamel.yaml from Debian's python3-ruamel.yaml
        Pipeline.copyProject(ExtensionSources.distPackages().resolve("ruamel/yaml"), p.resolve("ruamel/yaml"));
        ExtensionSources.write(p.resolve("ruamel/__init__.py"), "");
        Pipeline.Result r = Pipeline.run(p, "run", "recipe.toml", "--explain");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("renamed PyInit__speedups"), r::toString);
        assertTrue(r.err().contains("wrapped Markup_striptags"), r::toString);
        byte[] component = Files.readAllBytes(p.resolve("build/ext.wasm"));
        String out = jco.transpileAndRun(component, "ext_" + init, """
                for (const name of ['builtins', 'markupsafe', 'genshi', 'crc32c', 'msgspec', 'yaml', 'ruamel'])
                  console.log(name + '=' + component.check(name));
                """);
        assertTrue(out.contains("builtins=markupsafe._speedups genshi._speedups crc32c._crc32c msgspec._core yaml._yaml _ruamel_yaml\n"), out);
        assertTrue(out.contains("markupsafe=True|True|&lt;a href=&#39;x&#39;&gt;&amp;&#34;y&#34;&lt;/a&gt;|<em>&lt;i&gt;</em>\n"), out);
        assertTrue(out.contains("genshi=True|True|[<Markup 'x &amp; y'>, '<b>x</b> & <i>y</i>', '&lt;&amp;&gt;&#34;', 'genshi._speedups']|genshi.core\n"), out);
        // CRC-32C check value of "123456789" (RFC 3720), of nothing, and chaining
        assertTrue(out.contains("crc32c=3808858755|0|3808858755\n"), out);
        // the same libyaml symbols in both YAML modules, renamed for each
        assertTrue(r.err().contains("renamed yaml_parser_initialize"), r::toString);
        assertTrue(out.contains("yaml=True|True|True|{'a': [1, 2.5, 'x', None, True], 'b': {'c': -3, 'd': 'q r'}, 'c': 'two\\nlines\\n'}\n"), out);
        assertTrue(out.contains("ruamel=True|True|True|True\n"), out);
        assertTrue(out.contains("msgspec={\"a\":[1,2.5,\"x\",null,true],\"b\":{\"c\":-3}}|True|True|82a16195"), out);
    }
}
