package dev.pipeline.api.component;

import java.util.List;

/** Worlds the component tests use, built with {@link TypeScopeBuilder} the way wit-component encodes them. */
final class TestWorlds {
    private TestWorlds() {}

    /** The WIT text that {@link #hello()} encodes. */
    static final String HELLO_WIT = """
            package test:hello@0.1.0;

            interface host {
              log: func(msg: string);
            }

            world hello {
              import host;
              export greet: func(name: string) -> string;
              export add: func(a: s32, b: s32) -> s32;
            }
            """;

    static WorldEncoding.World hello() {
        TypeScopeBuilder host = new TypeScopeBuilder();
        host.exportFunc("log", new DefType.Func(List.of(new DefType.Field("msg", PrimitiveType.STRING)), null));
        TypeScopeBuilder w = new TypeScopeBuilder();
        w.importInstance("test:hello/host@0.1.0", host.instanceType());
        w.exportFunc("greet", new DefType.Func(List.of(new DefType.Field("name", PrimitiveType.STRING)), PrimitiveType.STRING));
        w.exportFunc("add", new DefType.Func(List.of(new DefType.Field("a", PrimitiveType.S32),
                new DefType.Field("b", PrimitiveType.S32)), PrimitiveType.S32));
        return new WorldEncoding.World("test:hello/hello@0.1.0", w.componentType());
    }

    /** C source of a wasm32-wasip1 reactor implementing {@link #hello()} by hand, canonical ABI included. */
    static final String HELLO_C = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>

            __attribute__((import_module("test:hello/host@0.1.0"), import_name("log")))
            extern void host_log(const char *ptr, size_t len);

            __attribute__((export_name("cabi_realloc")))
            void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
                (void) old_size; (void) align;
                return realloc(old, new_size);
            }

            static size_t ret_area[2];

            __attribute__((export_name("greet")))
            size_t *greet(char *name, size_t len) {
                static const char prefix[] = "Hello, ";
                size_t n = sizeof prefix - 1 + len + 1;
                char *out = malloc(n);
                memcpy(out, prefix, sizeof prefix - 1);
                memcpy(out + sizeof prefix - 1, name, len);
                out[n - 1] = '!';
                host_log(out, n);
                printf("greeting %.*s\\n", (int) len, name);
                fflush(stdout);
                free(name);
                ret_area[0] = (size_t) out;
                ret_area[1] = n;
                return ret_area;
            }

            __attribute__((export_name("cabi_post_greet")))
            void post_greet(size_t *ret) { free((void *) ret[0]); }

            __attribute__((export_name("add")))
            int add(int a, int b) { return a + b; }
            """;
}
