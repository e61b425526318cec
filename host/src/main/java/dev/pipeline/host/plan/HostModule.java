package dev.pipeline.host.plan;

import com.google.inject.AbstractModule;
import dev.pipeline.api.diag.Diagnostics;
import dev.pipeline.api.diag.Progress;
import dev.pipeline.api.stage.RuntimeKit;
import dev.pipeline.host.cache.StageCache;

/** Binds the host services that extensions may ask for in their constructors. */
public final class HostModule extends AbstractModule {
    private final Progress progress;
    private final Diagnostics diagnostics;
    private final RuntimeKit kit;
    private final StageCache cache;

    public HostModule(Progress progress, Diagnostics diagnostics, RuntimeKit kit, StageCache cache) {
        this.progress = progress;
        this.diagnostics = diagnostics;
        this.kit = kit;
        this.cache = cache;
    }

    @Override
    protected void configure() {
        bind(Progress.class).toInstance(progress);
        bind(Diagnostics.class).toInstance(diagnostics);
        bind(RuntimeKit.class).toInstance(kit);
        bind(StageCache.class).toInstance(cache);
    }
}
