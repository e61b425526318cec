package dev.pipeline.api.abi;

import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.wit.Resolve;
import dev.pipeline.api.wit.TypeDef;
import dev.pipeline.api.wit.TypeDefKind;
import dev.pipeline.api.wit.WitFunction;
import dev.pipeline.api.wit.WitType;
import dev.pipeline.api.wit.WitTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The canonical ABI of the component model for 32-bit memories and UTF-8 strings: size and alignment of values in
 * linear memory, and flattening to core values for calls. option, result, enum, tuple and map are handled through
 * their despecialised forms (variant, variant, variant, record, list of tuples).
 */
public final class CanonicalAbi {
    /** The most core parameters a synchronous call passes directly. */
    public static final int MAX_FLAT_PARAMS = 16;
    /** The most core results a synchronous call returns directly. */
    public static final int MAX_FLAT_RESULTS = 1;
    /** The most core parameters an async-lowered call passes directly. */
    public static final int MAX_FLAT_ASYNC_PARAMS = 4;
    /** The component model's bound on the size of one value in memory (its MAX_LIST_BYTE_LENGTH): below 2^28 bytes. */
    public static final int MAX_VALUE_SIZE = 1 << 28;
    /** A bound on flattening a single type, so absurd fixed-length lists give an error instead of exhausting memory. */
    public static final int MAX_FLAT_VALUES = 1 << 16;

    /** Whether a function is being lifted (the callee's core export) or lowered (the caller's core import). */
    public enum Context { LIFT, LOWER }

    /** Marks a type whose size does not fit 32-bit memory. */
    private static final int TOO_LARGE = -2;

    private final Resolve resolve;
    private final int[] sizes;
    private final int[] aligns;

    /** Precomputes size and alignment of every named type in dependency order. */
    public CanonicalAbi(Resolve resolve) {
        this.resolve = resolve;
        int n = resolve.types().size();
        this.sizes = new int[n];
        this.aligns = new int[n];
        Arrays.fill(sizes, -1);
        for (int id : resolve.typesInTopologicalOrder()) {
            TypeDefKind kind = resolve.type(id).kind();
            if (kind instanceof TypeDefKind.ResourceDef) continue;
            try {
                Layout l = layoutOf(kind);
                sizes[id] = l.size();
                aligns[id] = l.align();
            } catch (PipelineException tooLarge) {
                sizes[id] = TOO_LARGE;
            }
        }
    }

    // ------------------------------------------------------------------ size and alignment

    /** Bytes a value of the type takes in memory (its element size in a list). */
    public int size(WitType t) {
        if (t instanceof WitType.Primitive p) {
            return switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR -> 4;
                case S64, U64, F64 -> 8;
                case STRING -> 8;
            };
        }
        if (t instanceof WitType.TypeRef r) return sizes[valueTypeId(r.id())];
        if (t instanceof WitType.ListType || t instanceof WitType.MapType) return 8;
        if (t instanceof WitType.FixedListType l) return checkedInt(l.length() * (long) size(l.element()));
        if (t instanceof WitType.TupleType tu) return recordLayout(tu.types()).size();
        if (t instanceof WitType.OptionType o) return variantLayout(Arrays.asList(null, o.some())).size();
        if (t instanceof WitType.ResultType r) return variantLayout(Arrays.asList(r.ok(), r.err())).size();
        return 4; // handles, future, stream, error-context
    }

    /** The alignment of the type in memory. */
    public int align(WitType t) {
        if (t instanceof WitType.Primitive p) {
            return p == WitType.Primitive.STRING ? 4 : size(p);
        }
        if (t instanceof WitType.TypeRef r) return aligns[valueTypeId(r.id())];
        if (t instanceof WitType.ListType || t instanceof WitType.MapType) return 4;
        if (t instanceof WitType.FixedListType l) return align(l.element());
        if (t instanceof WitType.TupleType tu) return recordLayout(tu.types()).align();
        if (t instanceof WitType.OptionType o) return variantLayout(Arrays.asList(null, o.some())).align();
        if (t instanceof WitType.ResultType r) return variantLayout(Arrays.asList(r.ok(), r.err())).align();
        return 4;
    }

    /** The memory layout of a record, tuple, variant, option, result, enum or flags type (after aliases). */
    public Layout layout(WitType t) {
        WitType d = resolve.dealias(t);
        if (d instanceof WitType.TypeRef r) return layoutOf(resolve.type(r.id()).kind());
        if (d instanceof WitType.TupleType tu) return recordLayout(tu.types());
        if (d instanceof WitType.OptionType o) return variantLayout(Arrays.asList(null, o.some()));
        if (d instanceof WitType.ResultType r) return variantLayout(Arrays.asList(r.ok(), r.err()));
        return new Layout(size(d), align(d), List.of(0), 0, 0);
    }

    /** Fields laid out in order, each at the next offset aligned for it; the size is rounded up to the alignment. */
    public Layout recordLayout(List<WitType> fields) {
        long offset = 0;
        int align = 1;
        List<Integer> offsets = new ArrayList<>();
        for (WitType f : fields) {
            int a = align(f);
            offset = alignTo(offset, a);
            offsets.add(checkedInt(offset));
            offset += size(f);
            align = Math.max(align, a);
        }
        return new Layout(checkedInt(alignTo(offset, align)), align, offsets, 0, 0);
    }

    /** A discriminant of the smallest unsigned integer for the case count, then the payloads at one aligned offset. */
    public Layout variantLayout(List<WitType> cases) {
        int disc = discriminantSize(cases.size());
        int caseAlign = 1;
        long caseSize = 0;
        for (WitType c : cases) {
            if (c == null) continue;
            caseAlign = Math.max(caseAlign, align(c));
            caseSize = Math.max(caseSize, size(c));
        }
        int align = Math.max(disc, caseAlign);
        long payload = alignTo(disc, caseAlign);
        return new Layout(checkedInt(alignTo(payload + caseSize, align)), align, List.of(), disc, checkedInt(payload));
    }

    /** Bytes of the discriminant of a variant with this many cases: 1, 2 or 4. */
    public static int discriminantSize(int cases) {
        if (cases <= 1 << 8) return 1;
        if (cases <= 1 << 16) return 2;
        return 4;
    }

    /** Bytes of a flags value: 1 up to 8 flags, 2 up to 16, 4 up to 32. */
    public static int flagsSize(int flags) {
        if (flags <= 8) return 1;
        if (flags <= 16) return 2;
        return 4;
    }

    private Layout layoutOf(TypeDefKind kind) {
        if (kind instanceof TypeDefKind.RecordDef r) {
            List<WitType> fields = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) fields.add(f.type());
            return recordLayout(fields);
        }
        if (kind instanceof TypeDefKind.VariantDef v) {
            List<WitType> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) cases.add(c.type());
            return variantLayout(cases);
        }
        if (kind instanceof TypeDefKind.EnumDef e) return variantLayout(Collections.nCopies(e.cases().size(), null));
        if (kind instanceof TypeDefKind.FlagsDef f) {
            int s = flagsSize(f.flags().size());
            return new Layout(s, s, List.of(0), 0, 0);
        }
        if (kind instanceof TypeDefKind.AliasDef a) {
            WitType target = a.target();
            if (target instanceof WitType.TypeRef r) {
                int id = valueTypeId(r.id());
                return new Layout(sizes[id], aligns[id], List.of(0), 0, 0);
            }
            return layout(target);
        }
        throw new PipelineException("a resource is not a value type; use a handle to it");
    }

    private int valueTypeId(int id) {
        TypeDef def = resolve.type(id);
        if (sizes[id] == TOO_LARGE) {
            throw new PipelineException("type `" + def.name() + "` is too large: the component model allows less than 2^28 bytes");
        }
        if (sizes[id] < 0) {
            TypeDef target = resolve.dealiasDef(id);
            if (target.kind() instanceof TypeDefKind.ResourceDef) {
                throw new PipelineException("`" + def.name() + "` is a resource, not a value type; use own<" + def.name()
                        + "> or borrow<" + def.name() + ">");
            }
            throw new PipelineException("type `" + def.name() + "` has no layout yet");
        }
        return id;
    }

    private static long alignTo(long offset, int align) {
        return (offset + align - 1) / align * align;
    }

    private static int checkedInt(long v) {
        if (v >= MAX_VALUE_SIZE) {
            throw new PipelineException("type is too large: " + v + " bytes, the component model allows less than 2^28");
        }
        return (int) v;
    }

    // ------------------------------------------------------------------ flattening

    /** The core values that carry the type in a call. */
    public List<CoreType> flatten(WitType t) {
        List<CoreType> out = new ArrayList<>();
        flattenInto(t, out, MAX_FLAT_VALUES);
        if (out.size() > MAX_FLAT_VALUES) throw new PipelineException("type flattens to more than " + MAX_FLAT_VALUES + " core values");
        return out;
    }

    /** Appends the flattening of {@code t}, stopping once {@code out} holds more than {@code limit} values. */
    private void flattenInto(WitType t, List<CoreType> out, int limit) {
        if (out.size() > limit) return;
        if (t instanceof WitType.Primitive p) {
            switch (p) {
                case S64, U64 -> out.add(CoreType.I64);
                case F32 -> out.add(CoreType.F32);
                case F64 -> out.add(CoreType.F64);
                case STRING -> {
                    out.add(CoreType.I32);
                    out.add(CoreType.I32);
                }
                default -> out.add(CoreType.I32);
            }
        } else if (t instanceof WitType.TypeRef r) {
            flattenKind(resolve.type(r.id()), out, limit);
        } else if (t instanceof WitType.ListType || t instanceof WitType.MapType) {
            out.add(CoreType.I32);
            out.add(CoreType.I32);
        } else if (t instanceof WitType.FixedListType l) {
            for (long i = 0; i < l.length() && out.size() <= limit; i++) flattenInto(l.element(), out, limit);
        } else if (t instanceof WitType.TupleType tu) {
            for (WitType x : tu.types()) flattenInto(x, out, limit);
        } else if (t instanceof WitType.OptionType o) {
            flattenVariant(Arrays.asList(null, o.some()), out, limit);
        } else if (t instanceof WitType.ResultType r) {
            flattenVariant(Arrays.asList(r.ok(), r.err()), out, limit);
        } else {
            out.add(CoreType.I32); // handles, future, stream, error-context
        }
    }

    private void flattenKind(TypeDef def, List<CoreType> out, int limit) {
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.RecordDef r) {
            for (TypeDefKind.Field f : r.fields()) flattenInto(f.type(), out, limit);
        } else if (kind instanceof TypeDefKind.VariantDef v) {
            List<WitType> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) cases.add(c.type());
            flattenVariant(cases, out, limit);
        } else if (kind instanceof TypeDefKind.EnumDef || kind instanceof TypeDefKind.FlagsDef) {
            out.add(CoreType.I32);
        } else if (kind instanceof TypeDefKind.AliasDef a) {
            flattenInto(a.target(), out, limit);
        } else {
            throw new PipelineException("`" + def.name() + "` is a resource, not a value type");
        }
    }

    /** The discriminant, then per position the join of what each case's payload puts there. */
    private void flattenVariant(List<WitType> cases, List<CoreType> out, int limit) {
        List<CoreType> joined = new ArrayList<>();
        for (WitType c : cases) {
            if (c == null) continue;
            List<CoreType> flat = new ArrayList<>();
            flattenInto(c, flat, limit);
            for (int i = 0; i < flat.size(); i++) {
                if (i < joined.size()) joined.set(i, CoreType.join(joined.get(i), flat.get(i)));
                else joined.add(flat.get(i));
            }
        }
        out.add(CoreType.I32);
        out.addAll(joined);
    }

    /** The core signature of a synchronously lifted or lowered function. */
    public FlatSignature flattenFunction(WitFunction f, Context context) {
        List<CoreType> params = flattenParams(f, MAX_FLAT_PARAMS);
        List<CoreType> results = flattenResult(f, MAX_FLAT_RESULTS);
        boolean paramsIndirect = params.size() > MAX_FLAT_PARAMS;
        if (paramsIndirect) params = List.of(CoreType.I32);
        boolean resultsIndirect = results.size() > MAX_FLAT_RESULTS;
        if (resultsIndirect) {
            if (context == Context.LIFT) {
                results = List.of(CoreType.I32);
            } else {
                params = new ArrayList<>(params);
                params.add(CoreType.I32);
                results = List.of();
            }
        }
        return new FlatSignature(params, results, paramsIndirect, resultsIndirect);
    }

    /** The canonical options a synchronous lift or lower of a function needs besides UTF-8. */
    public record Options(boolean memory, boolean realloc) {}

    /**
     * Which options a synchronous lift (an export) or lower (an import) of {@code f} needs: memory when a string or
     * list crosses or the parameters or results spill to memory; realloc where the callee side allocates (a lifted
     * function receives strings, lists or spilled parameters; a lowered one returns strings or lists).
     */
    public Options options(WitFunction f, Context context) {
        FlatSignature sig = flattenFunction(f, context);
        boolean paramPointers = false;
        for (WitFunction.Param p : f.params()) paramPointers |= hasPointers(p.type());
        boolean resultPointers = f.result() != null && hasPointers(f.result());
        boolean memory = paramPointers || resultPointers || sig.paramsIndirect() || sig.resultsIndirect();
        boolean realloc = context == Context.LIFT ? paramPointers || sig.paramsIndirect() : resultPointers;
        return new Options(memory, realloc);
    }

    /** Whether a value of the type holds a string or a variable-length list (or map) somewhere inside. */
    public boolean hasPointers(WitType t) {
        return hasPointers(t, 0);
    }

    private boolean hasPointers(WitType t, int depth) {
        if (depth > 200) throw new PipelineException("types nest deeper than 200 levels");
        if (t == null) return false;
        if (t == WitType.Primitive.STRING || t instanceof WitType.ListType || t instanceof WitType.MapType) return true;
        if (t instanceof WitType.HandleType || t instanceof WitType.FutureType || t instanceof WitType.StreamType) return false;
        if (t instanceof WitType.TypeRef r) {
            TypeDefKind kind = resolve.type(r.id()).kind();
            if (kind instanceof TypeDefKind.AliasDef a) return hasPointers(a.target(), depth + 1);
            if (kind instanceof TypeDefKind.RecordDef rec) {
                for (TypeDefKind.Field f : rec.fields()) if (hasPointers(f.type(), depth + 1)) return true;
            } else if (kind instanceof TypeDefKind.VariantDef v) {
                for (TypeDefKind.Case c : v.cases()) if (hasPointers(c.type(), depth + 1)) return true;
            }
            return false;
        }
        boolean[] found = {false};
        WitTypes.forEachChild(t, c -> found[0] |= hasPointers(c, depth + 1));
        return found[0];
    }

    /**
     * The core signature of an async-lifted or async-lowered function. Lifting: parameters as for sync, results
     * returned through {@code task.return} (one i32 status with a callback, none without). Lowering: at most
     * {@link #MAX_FLAT_ASYNC_PARAMS} direct parameters, results through an out-pointer, an i32 status returned.
     */
    public FlatSignature flattenAsyncFunction(WitFunction f, Context context, boolean callback) {
        if (context == Context.LIFT) {
            List<CoreType> params = flattenParams(f, MAX_FLAT_PARAMS);
            boolean indirect = params.size() > MAX_FLAT_PARAMS;
            return new FlatSignature(indirect ? List.of(CoreType.I32) : params,
                    callback ? List.of(CoreType.I32) : List.of(), indirect, false);
        }
        List<CoreType> params = flattenParams(f, MAX_FLAT_ASYNC_PARAMS);
        boolean indirect = params.size() > MAX_FLAT_ASYNC_PARAMS;
        if (indirect) params = new ArrayList<>(List.of(CoreType.I32));
        else params = new ArrayList<>(params);
        boolean hasResult = f.result() != null && !flattenResult(f, 0).isEmpty();
        if (hasResult) params.add(CoreType.I32);
        return new FlatSignature(params, List.of(CoreType.I32), indirect, hasResult);
    }

    private List<CoreType> flattenParams(WitFunction f, int limit) {
        List<CoreType> out = new ArrayList<>();
        for (WitFunction.Param p : f.params()) flattenInto(p.type(), out, limit);
        return out;
    }

    private List<CoreType> flattenResult(WitFunction f, int limit) {
        List<CoreType> out = new ArrayList<>();
        if (f.result() != null) flattenInto(f.result(), out, limit);
        return out;
    }
}
