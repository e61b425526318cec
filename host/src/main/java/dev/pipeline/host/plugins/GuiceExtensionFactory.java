package dev.pipeline.host.plugins;

import com.google.inject.Injector;
import dev.pipeline.api.diag.PipelineException;
import org.pf4j.ExtensionFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Creates PF4J extensions through Guice, so they get host services by constructor injection; one per class. */
final class GuiceExtensionFactory implements ExtensionFactory {
    private final Supplier<Injector> injector;
    private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

    GuiceExtensionFactory(Supplier<Injector> injector) {
        this.injector = injector;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T create(Class<T> extensionClass) {
        return (T) instances.computeIfAbsent(extensionClass, c -> {
            try {
                return injector.get().getInstance(c);
            } catch (RuntimeException e) {
                throw new PipelineException("cannot create extension " + c.getName() + ": " + rootMessage(e));
            }
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() != null ? t.getMessage().lines().findFirst().orElse("") : t.getClass().getSimpleName();
    }
}
