package dev.pipeline.api.component;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wasm.ExternalKind;
import dev.pipeline.api.wasm.FuncType;
import dev.pipeline.api.wasm.GlobalType;
import dev.pipeline.api.wasm.Import;
import dev.pipeline.api.wasm.Limits;
import dev.pipeline.api.wasm.TableType;
import dev.pipeline.api.wasm.ValType;
import dev.pipeline.api.wasm.WasmInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a component binary into a {@link Component}. Malformed input (truncation, bad LEB128, unknown opcodes,
 * nesting too deep) is reported as a {@link PipelineException} naming the byte offset.
 */
public final class ComponentDecoder {
    private static final int MAX_DEPTH = 64;

    private final WasmInput in;
    private int depth;

    private ComponentDecoder(WasmInput in) { this.in = in; }

    public static Component decode(byte[] bytes, String what) {
        return new ComponentDecoder(new WasmInput(bytes, what)).component(bytes.length);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw in.error("nesting deeper than " + MAX_DEPTH + " levels");
    }

    private Component component(int end) {
        enter();
        int start = in.position();
        if (end - start < 8) throw in.error(start, "too short to be a component");
        for (byte b : ComponentEncoder.PREAMBLE) {
            if (in.u8() != (b & 0xff)) {
                throw in.error(start, "not a component (bad preamble; core modules have version 1, layer 0)");
            }
        }
        Component c = new Component();
        while (in.position() < end) {
            int sectionStart = in.position();
            int id = in.u8();
            int size = in.count();
            if (size > end - in.position()) {
                throw in.error(sectionStart, "section " + id + " claims " + size + " bytes but only "
                        + (end - in.position()) + " remain");
            }
            int sectionEnd = in.position() + size;
            c.sections.add(section(id, sectionStart, sectionEnd));
            if (in.position() != sectionEnd) {
                throw in.error(in.position(), "section " + id + " has " + (sectionEnd - in.position()) + " unexpected trailing byte(s)");
            }
        }
        depth--;
        return c;
    }

    private int vecCount(int end) {
        int at = in.position();
        int n = in.count();
        if (n > end - in.position()) throw in.error(at, "item count " + n + " exceeds the section");
        return n;
    }

    private ComponentSection section(int id, int sectionStart, int end) {
        switch (id) {
            case 0 -> {
                String name = in.name();
                return new ComponentSection.Custom(name, in.bytes(end - in.position()));
            }
            case 1 -> {
                return new ComponentSection.CoreModule(in.bytes(end - in.position()));
            }
            case 2 -> {
                int n = vecCount(end);
                List<CoreInstance> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(coreInstance(end));
                return new ComponentSection.CoreInstances(list);
            }
            case 3 -> {
                int n = vecCount(end);
                List<byte[]> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(rawCoreType());
                return new ComponentSection.CoreTypes(list);
            }
            case 4 -> {
                return new ComponentSection.Nested(component(end));
            }
            case 5 -> {
                int n = vecCount(end);
                List<ComponentInstance> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(instance(end));
                return new ComponentSection.Instances(list);
            }
            case 6 -> {
                int n = vecCount(end);
                List<Alias> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(alias());
                return new ComponentSection.Aliases(list);
            }
            case 7 -> {
                int n = vecCount(end);
                List<DefType> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(typeDef(end));
                return new ComponentSection.Types(list);
            }
            case 8 -> {
                int n = vecCount(end);
                List<Canon> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(canon(end));
                return new ComponentSection.Canons(list);
            }
            case 9 -> {
                return new ComponentSection.Start(in.bytes(end - in.position()));
            }
            case 10 -> {
                int n = vecCount(end);
                List<ComponentSection.Import> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(new ComponentSection.Import(name(end), externType()));
                return new ComponentSection.Imports(list);
            }
            case 11 -> {
                int n = vecCount(end);
                List<ComponentSection.Export> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ExternName name = name(end);
                    Sort sort = sort();
                    int index = in.count();
                    int at = in.position();
                    int has = in.u8();
                    ExternType type = switch (has) {
                        case 0 -> null;
                        case 1 -> externType();
                        default -> throw in.error(at, "bad optional-type flag " + has);
                    };
                    list.add(new ComponentSection.Export(name, sort, index, type));
                }
                return new ComponentSection.Exports(list);
            }
            default -> throw in.error(sectionStart, "unknown or unsupported component section id " + id);
        }
    }

    private CoreInstance coreInstance(int end) {
        int at = in.position();
        int kind = in.u8();
        if (kind == 0) {
            int module = in.count();
            int n = vecCount(end);
            List<CoreInstance.Arg> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.name();
                int k = in.position();
                if (in.u8() != 0x12) throw in.error(k, "core instantiation argument must be an instance (0x12)");
                args.add(new CoreInstance.Arg(name, in.count()));
            }
            return new CoreInstance.Instantiate(module, args);
        }
        if (kind == 1) {
            int n = vecCount(end);
            List<CoreInstance.InlineExport> exports = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.name();
                exports.add(new CoreInstance.InlineExport(name, coreSort(), in.count()));
            }
            return new CoreInstance.FromExports(exports);
        }
        throw in.error(at, "unknown core instance form 0x" + Integer.toHexString(kind));
    }

    private ComponentInstance instance(int end) {
        int at = in.position();
        int kind = in.u8();
        if (kind == 0) {
            int component = in.count();
            int n = vecCount(end);
            List<ComponentInstance.Arg> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.name();
                Sort s = sort();
                args.add(new ComponentInstance.Arg(name, s, in.count()));
            }
            return new ComponentInstance.Instantiate(component, args);
        }
        if (kind == 1) {
            int n = vecCount(end);
            List<ComponentInstance.InlineExport> exports = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ExternName name = name(end);
                Sort s = sort();
                exports.add(new ComponentInstance.InlineExport(name, s, in.count()));
            }
            return new ComponentInstance.FromExports(exports);
        }
        throw in.error(at, "unknown instance form 0x" + Integer.toHexString(kind));
    }

    private Sort coreSort() {
        int at = in.position();
        int b = in.u8();
        Sort s = Sort.core(b);
        if (s == null) throw in.error(at, "unknown core sort 0x" + Integer.toHexString(b));
        return s;
    }

    private Sort sort() {
        int at = in.position();
        int b = in.u8();
        if (b == 0) return coreSort();
        Sort s = Sort.component(b);
        if (s == null) throw in.error(at, "unknown sort 0x" + Integer.toHexString(b));
        return s;
    }

    private Alias alias() {
        Sort sort = sort();
        int at = in.position();
        int target = in.u8();
        return switch (target) {
            case 0 -> new Alias.InstanceExport(sort, in.count(), in.name());
            case 1 -> new Alias.CoreInstanceExport(sort, in.count(), in.name());
            case 2 -> new Alias.Outer(sort, in.count(), in.count());
            default -> throw in.error(at, "unknown alias target 0x" + Integer.toHexString(target));
        };
    }

    private ExternName name(int end) {
        int at = in.position();
        int form = in.u8();
        if (form == 0 || form == 1) return new ExternName(in.name(), form, null, null, null);
        if (form != 2) throw in.error(at, "unknown name form 0x" + Integer.toHexString(form));
        String name = in.name();
        String impl = null, version = null, id = null;
        int n = vecCount(end);
        for (int i = 0; i < n; i++) {
            int a = in.position();
            int kind = in.u8();
            switch (kind) {
                case 0 -> impl = in.name();
                case 1 -> version = in.name();
                case 2 -> id = in.name();
                default -> throw in.error(a, "unknown name attribute 0x" + Integer.toHexString(kind));
            }
        }
        return new ExternName(name, 2, impl, version, id);
    }

    private ExternType externType() {
        int at = in.position();
        int kind = in.u8();
        switch (kind) {
            case 0x00 -> {
                int k = in.position();
                if (in.u8() != 0x11) throw in.error(k, "a core extern type must be a module (0x11)");
                return ExternType.module(in.count());
            }
            case 0x01 -> {
                return ExternType.func(in.count());
            }
            case 0x03 -> {
                int b = in.position();
                int bound = in.u8();
                if (bound == 0) return ExternType.typeEq(in.count());
                if (bound == 1) return ExternType.resource();
                throw in.error(b, "unknown type bound 0x" + Integer.toHexString(bound));
            }
            case 0x04 -> {
                return ExternType.component(in.count());
            }
            case 0x05 -> {
                return ExternType.instance(in.count());
            }
            case 0x02 -> throw in.error(at, "value imports and exports are not supported");
            default -> throw in.error(at, "unknown extern type 0x" + Integer.toHexString(kind));
        }
    }

    private ValueType valueType() {
        int at = in.position();
        int b = in.peekU8();
        PrimitiveType p = PrimitiveType.byCode(b);
        if (p != null) {
            in.u8();
            return p;
        }
        long v = in.signed(33);
        if (v < 0) throw in.error(at, "unknown value type 0x" + Integer.toHexString(b));
        if (v > Integer.MAX_VALUE) throw in.error(at, "type index " + v + " too large");
        return ValueType.ref((int) v);
    }

    private ValueType optionalValueType() {
        int at = in.position();
        int flag = in.u8();
        if (flag == 0) return null;
        if (flag == 1) return valueType();
        throw in.error(at, "bad optional-type flag " + flag);
    }

    private List<DefType.Field> fields(int end) {
        int n = vecCount(end);
        List<DefType.Field> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.name();
            list.add(new DefType.Field(name, valueType()));
        }
        return list;
    }

    private List<String> labels(int end) {
        int n = vecCount(end);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(in.name());
        return list;
    }

    private DefType typeDef(int end) {
        int at = in.position();
        int op = in.u8();
        PrimitiveType p = PrimitiveType.byCode(op);
        if (p != null) return new DefType.Primitive(p);
        switch (op) {
            case 0x72 -> {
                return new DefType.Record(fields(end));
            }
            case 0x71 -> {
                int n = vecCount(end);
                List<DefType.Case> cases = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String name = in.name();
                    ValueType t = optionalValueType();
                    int r = in.position();
                    if (in.u8() != 0) throw in.error(r, "variant case refinement is not supported");
                    cases.add(new DefType.Case(name, t));
                }
                return new DefType.Variant(cases);
            }
            case 0x70 -> {
                return new DefType.ListOf(valueType(), null);
            }
            case 0x67 -> {
                ValueType t = valueType();
                return new DefType.ListOf(t, in.count());
            }
            case 0x6f -> {
                int n = vecCount(end);
                List<ValueType> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(valueType());
                return new DefType.Tuple(list);
            }
            case 0x6e -> {
                return new DefType.Flags(labels(end));
            }
            case 0x6d -> {
                return new DefType.Enum(labels(end));
            }
            case 0x6b -> {
                return new DefType.Option(valueType());
            }
            case 0x6a -> {
                ValueType ok = optionalValueType();
                return new DefType.Result(ok, optionalValueType());
            }
            case 0x69 -> {
                return new DefType.Own(in.count());
            }
            case 0x68 -> {
                return new DefType.Borrow(in.count());
            }
            case 0x66 -> {
                return new DefType.Stream(optionalValueType());
            }
            case 0x65 -> {
                return new DefType.Future(optionalValueType());
            }
            case 0x40, 0x43 -> {
                List<DefType.Field> params = fields(end);
                int r = in.position();
                int kind = in.u8();
                ValueType result;
                if (kind == 0x00) result = valueType();
                else if (kind == 0x01) {
                    int z = in.position();
                    if (in.u8() != 0) throw in.error(z, "named function results are not supported");
                    result = null;
                } else throw in.error(r, "bad result list 0x" + Integer.toHexString(kind));
                return new DefType.Func(params, result, op == 0x43);
            }
            case 0x41, 0x42 -> {
                enter();
                int n = vecCount(end);
                List<Declarator> decls = new ArrayList<>(n);
                for (int i = 0; i < n; i++) decls.add(declarator(end, op == 0x41));
                depth--;
                return op == 0x41 ? new DefType.ComponentType(decls) : new DefType.InstanceType(decls);
            }
            case 0x3f -> {
                ValType rep = ValType.read(in);
                int f = in.position();
                int has = in.u8();
                Integer dtor = switch (has) {
                    case 0 -> null;
                    case 1 -> in.count();
                    default -> throw in.error(f, "bad optional destructor flag " + has);
                };
                return new DefType.Resource(rep, dtor);
            }
            default -> throw in.error(at, "unknown type definition opcode 0x" + Integer.toHexString(op));
        }
    }

    private Declarator declarator(int end, boolean inComponent) {
        int at = in.position();
        int kind = in.u8();
        switch (kind) {
            case 0x00 -> {
                return new Declarator.CoreType(rawCoreType());
            }
            case 0x01 -> {
                return new Declarator.Type(typeDef(end));
            }
            case 0x02 -> {
                return new Declarator.AliasDecl(alias());
            }
            case 0x03 -> {
                if (!inComponent) throw in.error(at, "an instance type cannot declare imports");
                ExternName n = name(end);
                return new Declarator.Import(n, externType());
            }
            case 0x04 -> {
                ExternName n = name(end);
                return new Declarator.Export(n, externType());
            }
            default -> throw in.error(at, "unknown declarator 0x" + Integer.toHexString(kind));
        }
    }

    /** Reads one core type (function type or module type) and returns its exact bytes. */
    private byte[] rawCoreType() {
        int start = in.position();
        skipCoreType();
        int len = in.position() - start;
        in.seek(start);
        return in.bytes(len);
    }

    private void skipCoreType() {
        int at = in.position();
        int form = in.peekU8();
        if (form == 0x60) {
            FuncType.read(in);
        } else if (form == 0x50) {
            enter();
            in.u8();
            int n = in.count();
            if (n > in.remaining()) throw in.error(at, "module type declaration count exceeds the input");
            for (int i = 0; i < n; i++) {
                int d = in.position();
                int kind = in.u8();
                switch (kind) {
                    case 0x00 -> Import.read(in);
                    case 0x01 -> skipCoreType();
                    case 0x02 -> {
                        int s = in.position();
                        if (in.u8() != 0x10 || in.u8() != 0x01) throw in.error(s, "bad core outer alias");
                        in.count();
                        in.count();
                    }
                    case 0x03 -> {
                        in.name();
                        ExternalKind k = ExternalKind.read(in);
                        switch (k) {
                            case FUNC -> in.count();
                            case TABLE -> TableType.read(in);
                            case MEMORY -> Limits.read(in);
                            case GLOBAL -> GlobalType.read(in);
                            case TAG -> { in.u8(); in.count(); }
                        }
                    }
                    default -> throw in.error(d, "unknown module type declarator 0x" + Integer.toHexString(kind));
                }
            }
            depth--;
        } else {
            throw in.error(at, "unsupported core type form 0x" + Integer.toHexString(form));
        }
    }

    private Canon canon(int end) {
        int start = in.position();
        int op = in.u8();
        switch (op) {
            case 0x00, 0x01 -> {
                int s = in.position();
                if (in.u8() != 0x00) throw in.error(s, "canon lift/lower must name a function (0x00)");
                int f = in.count();
                List<CanonOption> opts = options(end);
                if (op == 0x00) return new Canon.Lift(f, opts, in.count());
                return new Canon.Lower(f, opts);
            }
            case 0x02 -> {
                return new Canon.ResourceNew(in.count());
            }
            case 0x03 -> {
                return new Canon.ResourceDrop(in.count());
            }
            case 0x04 -> {
                return new Canon.ResourceRep(in.count());
            }
            default -> {
                skipOtherCanon(op, end);
                int len = in.position() - start;
                in.seek(start);
                return new Canon.Other(in.bytes(len));
            }
        }
    }

    private void skipOtherCanon(int op, int end) {
        switch (op) {
            case 0x24, 0x25, 0x05, 0x0d, 0x1f, 0x22, 0x23, 0x26, 0x28, 0x1e -> { }
            case 0x09 -> {
                int kind = in.u8();
                if (kind == 0) valueType();
                else in.u8();
                options(end);
            }
            case 0x0a, 0x0b -> {
                ValType.read(in);
                in.count();
            }
            case 0x06, 0x29, 0x0c, 0x2a, 0x2b, 0x2c, 0x2d, 0x42 -> in.u8();
            case 0x0e, 0x13, 0x14, 0x15, 0x1a, 0x1b -> in.count();
            case 0x0f, 0x10, 0x16, 0x17 -> {
                in.count();
                options(end);
            }
            case 0x11, 0x12, 0x18, 0x19 -> {
                in.count();
                in.u8();
            }
            case 0x1c, 0x1d -> options(end);
            case 0x20, 0x21 -> {
                in.u8();
                in.count();
            }
            case 0x27 -> {
                in.count();
                in.count();
            }
            case 0x40 -> {
                in.u8();
                in.count();
            }
            case 0x41 -> {
                in.u8();
                in.count();
                in.count();
            }
            default -> throw in.error(in.position() - 1, "unknown canonical definition 0x" + Integer.toHexString(op));
        }
    }

    private List<CanonOption> options(int end) {
        int n = vecCount(end);
        List<CanonOption> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = in.position();
            int kind = in.u8();
            list.add(switch (kind) {
                case 0x00, 0x01, 0x02 -> new CanonOption.StringEncoding(kind);
                case 0x03 -> new CanonOption.Memory(in.count());
                case 0x04 -> new CanonOption.Realloc(in.count());
                case 0x05 -> new CanonOption.PostReturn(in.count());
                case 0x06 -> new CanonOption.Async();
                case 0x07 -> new CanonOption.Callback(in.count());
                default -> throw in.error(at, "unknown canonical option 0x" + Integer.toHexString(kind));
            });
        }
        return list;
    }

    /** Decodes a type definition on its own (as found in a type section entry). */
    public static DefType decodeType(byte[] bytes, String what) {
        ComponentDecoder d = new ComponentDecoder(new WasmInput(bytes, what));
        DefType t = d.typeDef(bytes.length);
        d.in.expectEnd("type definition");
        return t;
    }

}
