package dev.pipeline.plugins.wizer;

import dev.pipeline.api.contract.PrunedBuiltins;
import dev.pipeline.api.diag.PipelineException;
import dev.pipeline.api.stage.Stage;
import dev.pipeline.api.stage.StageContext;
import dev.pipeline.api.wasm.ConstExpr;
import dev.pipeline.api.wasm.CustomSection;
import dev.pipeline.api.wasm.NameSection;
import dev.pipeline.api.wasm.DataSegment;
import dev.pipeline.api.wasm.ExternalKind;
import dev.pipeline.api.wasm.FunctionBody;
import dev.pipeline.api.wasm.Module;

import java.util.List;
import java.util.Optional;

/** Applies the extensions stage's {@code pruned.json} (builtins = "prune") to the module the init stage writes. */
final class Pruning {
    /** A body with no locals that traps: {@code unreachable}. */
    private static final byte[] TRAP = {0x00, 0x00, 0x0b};

    private Pruning() {}

    /** The plan, when the extensions stage asked for pruning. */
    static Optional<PrunedBuiltins> of(StageContext ctx) {
        return ctx.outputOf(Stage.EXTENSIONS).filter(PrunedBuiltins::presentIn).map(PrunedBuiltins::read);
    }

    /**
     * Replaces the bodies of the pruned functions with {@code unreachable} and drops their names from the name
     * section (no trace can show them); returns the bytes saved.
     */
    static long stubFunctions(Module module, PrunedBuiltins plan) {
        int imported = module.importCount(ExternalKind.FUNC);
        long saved = 0;
        java.util.BitSet stubbed = new java.util.BitSet();
        for (PrunedBuiltins.Range r : plan.functions()) {
            if (r.start() < imported || r.end() > imported + (long) module.code.size()) {
                throw new PipelineException("pruned functions [" + r.start() + ", " + r.end() + ") are not in the runtime module");
            }
            for (long f = r.start(); f < r.end(); f++) {
                int body = (int) (f - imported);
                saved += module.code.get(body).bytes().length - TRAP.length;
                module.code.set(body, new FunctionBody(TRAP.clone()));
                stubbed.set((int) f);
            }
        }
        for (int i = 0; i < module.customSections.size(); i++) {
            CustomSection c = module.customSections.get(i);
            if (!c.name().equals("name")) continue;
            byte[] names = NameSection.read(c.data()).remap(f -> stubbed.get(f) ? -1 : f, g -> g).toBytes();
            saved += c.data().length - names.length;
            module.customSections.set(i, new CustomSection(c.name(), names, c.after()));
        }
        return saved;
    }

    /**
     * For a runtime that is not pre-initialised: the list written and the pruned data cleared in its static data (its
     * active segments, rewritten as the non-zero runs of the result).
     */
    static void applyToStaticData(Module module, PrunedBuiltins plan) {
        int end = 0;
        for (DataSegment d : module.data) {
            if (!d.isActive()) throw new PipelineException("the runtime module has passive data segments: it cannot be pruned");
            end = Math.max(end, offset(d) + d.data().length);
        }
        // zero-initialised data (.bss) lies past the last segment: the image covers it too
        long size = Math.max(end, plan.listAddress() + plan.listCapacity());
        for (PrunedBuiltins.Range r : plan.data()) size = Math.max(size, r.end());
        byte[] memory = new byte[(int) size];
        for (DataSegment d : module.data) System.arraycopy(d.data(), 0, memory, offset(d), d.data().length);
        plan.clearData(memory);
        plan.writeList(memory);
        List<DataSegment> segments = Snapshot.segments(memory, memory.length);
        module.data.clear();
        module.data.addAll(segments);
        if (module.dataCount != null) module.dataCount = module.data.size();
    }

    private static int offset(DataSegment d) {
        Integer at = ConstExpr.asI32(d.offset());
        if (at == null || at < 0) throw new PipelineException("a data segment of the runtime module has no constant offset: it cannot be pruned");
        return at;
    }
}
