package dev.pipeline.api.world;

/**
 * A resource type a world imports or exports, with its index in the runtime's resource table. {@code typeId} is
 * the resource's (non-alias) type definition; {@code interfaceKey} is null for a world-level resource.
 */
public record WorldResource(int index, int typeId, boolean exported, String interfaceKey, Integer interfaceId, String name) {}
