package dev.pipeline.api.component;

import dev.pipeline.api.wasm.WasmOutput;

import java.util.List;

/** Writes a {@link Component} (or single types and declarators) in the component model binary format. */
public final class ComponentEncoder {
    private ComponentEncoder() {}

    public static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

    public static byte[] encode(Component c) {
        WasmOutput out = new WasmOutput(4096);
        write(out, c);
        return out.toByteArray();
    }

    static void write(WasmOutput out, Component c) {
        out.bytes(PREAMBLE);
        for (ComponentSection s : c.sections) section(out, s);
    }

    private static void section(WasmOutput out, ComponentSection s) {
        WasmOutput b = new WasmOutput();
        int id;
        if (s instanceof ComponentSection.Custom x) {
            id = 0;
            b.name(x.name()).bytes(x.data());
        } else if (s instanceof ComponentSection.CoreModule x) {
            id = 1;
            b.bytes(x.module());
        } else if (s instanceof ComponentSection.CoreInstances x) {
            id = 2;
            b.u32(x.instances().size());
            for (CoreInstance i : x.instances()) coreInstance(b, i);
        } else if (s instanceof ComponentSection.CoreTypes x) {
            id = 3;
            b.u32(x.types().size());
            for (byte[] t : x.types()) b.bytes(t);
        } else if (s instanceof ComponentSection.Nested x) {
            id = 4;
            write(b, x.component());
        } else if (s instanceof ComponentSection.Instances x) {
            id = 5;
            b.u32(x.instances().size());
            for (ComponentInstance i : x.instances()) instance(b, i);
        } else if (s instanceof ComponentSection.Aliases x) {
            id = 6;
            b.u32(x.aliases().size());
            for (Alias a : x.aliases()) alias(b, a);
        } else if (s instanceof ComponentSection.Types x) {
            id = 7;
            b.u32(x.types().size());
            for (DefType t : x.types()) typeDef(b, t);
        } else if (s instanceof ComponentSection.Canons x) {
            id = 8;
            b.u32(x.canons().size());
            for (Canon c : x.canons()) canon(b, c);
        } else if (s instanceof ComponentSection.Start x) {
            id = 9;
            b.bytes(x.encoding());
        } else if (s instanceof ComponentSection.Imports x) {
            id = 10;
            b.u32(x.imports().size());
            for (ComponentSection.Import i : x.imports()) {
                name(b, i.name());
                externType(b, i.type());
            }
        } else if (s instanceof ComponentSection.Exports x) {
            id = 11;
            b.u32(x.exports().size());
            for (ComponentSection.Export e : x.exports()) {
                name(b, e.name());
                sort(b, e.sort());
                b.u32(e.index());
                if (e.type() == null) b.u8(0);
                else {
                    b.u8(1);
                    externType(b, e.type());
                }
            }
        } else {
            throw new IllegalStateException("unhandled " + s);
        }
        out.section(id, b);
    }

    private static void coreInstance(WasmOutput b, CoreInstance i) {
        if (i instanceof CoreInstance.Instantiate x) {
            b.u8(0).u32(x.module()).u32(x.args().size());
            for (CoreInstance.Arg a : x.args()) b.name(a.name()).u8(0x12).u32(a.instance());
        } else if (i instanceof CoreInstance.FromExports x) {
            b.u8(1).u32(x.exports().size());
            for (CoreInstance.InlineExport e : x.exports()) b.name(e.name()).u8(e.sort().coreCode).u32(e.index());
        } else {
            throw new IllegalStateException("unhandled " + i);
        }
    }

    private static void instance(WasmOutput b, ComponentInstance i) {
        if (i instanceof ComponentInstance.Instantiate x) {
            b.u8(0).u32(x.component()).u32(x.args().size());
            for (ComponentInstance.Arg a : x.args()) {
                b.name(a.name());
                sort(b, a.sort());
                b.u32(a.index());
            }
        } else if (i instanceof ComponentInstance.FromExports x) {
            b.u8(1).u32(x.exports().size());
            for (ComponentInstance.InlineExport e : x.exports()) {
                name(b, e.name());
                sort(b, e.sort());
                b.u32(e.index());
            }
        } else {
            throw new IllegalStateException("unhandled " + i);
        }
    }

    static void sort(WasmOutput b, Sort s) {
        b.u8(s.code());
        if (s.isCore()) b.u8(s.coreCode);
    }

    static void alias(WasmOutput b, Alias a) {
        sort(b, a.sort());
        if (a instanceof Alias.InstanceExport x) {
            b.u8(0).u32(x.instance()).name(x.name());
        } else if (a instanceof Alias.CoreInstanceExport x) {
            b.u8(1).u32(x.instance()).name(x.name());
        } else if (a instanceof Alias.Outer x) {
            b.u8(2).u32(x.count()).u32(x.index());
        } else {
            throw new IllegalStateException("unhandled " + a);
        }
    }

    static void name(WasmOutput b, ExternName n) {
        b.u8(n.form()).name(n.name());
        if (n.form() == 2) {
            int count = (n.implementsName() != null ? 1 : 0) + (n.versionSuffix() != null ? 1 : 0)
                    + (n.externalId() != null ? 1 : 0);
            b.u32(count);
            if (n.implementsName() != null) b.u8(0).name(n.implementsName());
            if (n.versionSuffix() != null) b.u8(1).name(n.versionSuffix());
            if (n.externalId() != null) b.u8(2).name(n.externalId());
        }
    }

    static void externType(WasmOutput b, ExternType t) {
        switch (t.sort()) {
            case CORE_MODULE -> b.u8(0x00).u8(0x11).u32(t.index());
            case FUNC -> b.u8(0x01).u32(t.index());
            case TYPE -> {
                b.u8(0x03);
                if (t.subResource()) b.u8(0x01);
                else b.u8(0x00).u32(t.index());
            }
            case COMPONENT -> b.u8(0x04).u32(t.index());
            case INSTANCE -> b.u8(0x05).u32(t.index());
            default -> throw new IllegalArgumentException("no extern type of sort " + t.sort().text());
        }
    }

    static void valueType(WasmOutput b, ValueType t) {
        if (t instanceof PrimitiveType p) b.u8(p.code);
        else b.s64(((ValueType.Ref) t).index());
    }

    private static void optionalValueType(WasmOutput b, ValueType t) {
        if (t == null) b.u8(0);
        else {
            b.u8(1);
            valueType(b, t);
        }
    }

    /** Encodes one type definition. */
    public static void typeDef(WasmOutput b, DefType t) {
        if (t instanceof DefType.Primitive x) {
            b.u8(x.type().code);
        } else if (t instanceof DefType.Record x) {
            b.u8(0x72).u32(x.fields().size());
            for (DefType.Field f : x.fields()) {
                b.name(f.name());
                valueType(b, f.type());
            }
        } else if (t instanceof DefType.Variant x) {
            b.u8(0x71).u32(x.cases().size());
            for (DefType.Case c : x.cases()) {
                b.name(c.name());
                optionalValueType(b, c.type());
                b.u8(0);
            }
        } else if (t instanceof DefType.ListOf x) {
            if (x.length() == null) {
                b.u8(0x70);
                valueType(b, x.element());
            } else {
                b.u8(0x67);
                valueType(b, x.element());
                b.u32(x.length());
            }
        } else if (t instanceof DefType.Tuple x) {
            b.u8(0x6f).u32(x.types().size());
            for (ValueType v : x.types()) valueType(b, v);
        } else if (t instanceof DefType.Flags x) {
            b.u8(0x6e).u32(x.names().size());
            for (String n : x.names()) b.name(n);
        } else if (t instanceof DefType.Enum x) {
            b.u8(0x6d).u32(x.names().size());
            for (String n : x.names()) b.name(n);
        } else if (t instanceof DefType.Option x) {
            b.u8(0x6b);
            valueType(b, x.type());
        } else if (t instanceof DefType.Result x) {
            b.u8(0x6a);
            optionalValueType(b, x.ok());
            optionalValueType(b, x.err());
        } else if (t instanceof DefType.Own x) {
            b.u8(0x69).u32(x.resource());
        } else if (t instanceof DefType.Borrow x) {
            b.u8(0x68).u32(x.resource());
        } else if (t instanceof DefType.Stream x) {
            b.u8(0x66);
            optionalValueType(b, x.element());
        } else if (t instanceof DefType.Future x) {
            b.u8(0x65);
            optionalValueType(b, x.element());
        } else if (t instanceof DefType.Func x) {
            b.u8(x.async() ? 0x43 : 0x40).u32(x.params().size());
            for (DefType.Field f : x.params()) {
                b.name(f.name());
                valueType(b, f.type());
            }
            if (x.result() == null) b.u8(0x01).u8(0x00);
            else {
                b.u8(0x00);
                valueType(b, x.result());
            }
        } else if (t instanceof DefType.ComponentType x) {
            b.u8(0x41).u32(x.declarators().size());
            for (Declarator d : x.declarators()) declarator(b, d, true);
        } else if (t instanceof DefType.InstanceType x) {
            b.u8(0x42).u32(x.declarators().size());
            for (Declarator d : x.declarators()) declarator(b, d, false);
        } else if (t instanceof DefType.Resource x) {
            b.u8(0x3f);
            x.rep().write(b);
            if (x.destructor() == null) b.u8(0);
            else b.u8(1).u32(x.destructor());
        } else {
            throw new IllegalStateException("unhandled " + t);
        }
    }

    private static void declarator(WasmOutput b, Declarator d, boolean inComponent) {
        if (d instanceof Declarator.CoreType x) {
            b.u8(0x00).bytes(x.encoding());
        } else if (d instanceof Declarator.Type x) {
            b.u8(0x01);
            typeDef(b, x.def());
        } else if (d instanceof Declarator.AliasDecl x) {
            b.u8(0x02);
            alias(b, x.alias());
        } else if (d instanceof Declarator.Import x) {
            if (!inComponent) throw new IllegalArgumentException("imports are declared only in component types");
            b.u8(0x03);
            name(b, x.name());
            externType(b, x.type());
        } else if (d instanceof Declarator.Export x) {
            b.u8(0x04);
            name(b, x.name());
            externType(b, x.type());
        } else {
            throw new IllegalStateException("unhandled " + d);
        }
    }

    static void canon(WasmOutput b, Canon c) {
        if (c instanceof Canon.Lift x) {
            b.u8(0x00).u8(0x00).u32(x.coreFunc());
            options(b, x.options());
            b.u32(x.type());
        } else if (c instanceof Canon.Lower x) {
            b.u8(0x01).u8(0x00).u32(x.func());
            options(b, x.options());
        } else if (c instanceof Canon.ResourceNew x) {
            b.u8(0x02).u32(x.type());
        } else if (c instanceof Canon.ResourceDrop x) {
            b.u8(0x03).u32(x.type());
        } else if (c instanceof Canon.ResourceRep x) {
            b.u8(0x04).u32(x.type());
        } else if (c instanceof Canon.Other x) {
            b.bytes(x.encoding());
        } else {
            throw new IllegalStateException("unhandled " + c);
        }
    }

    static void options(WasmOutput b, List<CanonOption> opts) {
        b.u32(opts.size());
        for (CanonOption o : opts) {
            if (o instanceof CanonOption.StringEncoding x) {
                b.u8(x.code());
            } else if (o instanceof CanonOption.Memory x) {
                b.u8(0x03).u32(x.coreMemory());
            } else if (o instanceof CanonOption.Realloc x) {
                b.u8(0x04).u32(x.coreFunc());
            } else if (o instanceof CanonOption.PostReturn x) {
                b.u8(0x05).u32(x.coreFunc());
            } else if (o instanceof CanonOption.Async x) {
                b.u8(0x06);
            } else if (o instanceof CanonOption.Callback x) {
                b.u8(0x07).u32(x.coreFunc());
            } else {
                throw new IllegalStateException("unhandled " + o);
            }
        }
    }
}
