package dev.pipeline.api.component;

/**
 * The type of an import or export: its sort and a type index ({@code core module}, {@code func}, {@code component},
 * {@code instance}), or for the {@code type} sort a bound ({@code eq index} or {@code sub resource}).
 */
public record ExternType(Sort sort, int index, boolean subResource) {
    public static ExternType func(int typeIndex) { return new ExternType(Sort.FUNC, typeIndex, false); }

    public static ExternType instance(int typeIndex) { return new ExternType(Sort.INSTANCE, typeIndex, false); }

    public static ExternType component(int typeIndex) { return new ExternType(Sort.COMPONENT, typeIndex, false); }

    public static ExternType module(int coreTypeIndex) { return new ExternType(Sort.CORE_MODULE, coreTypeIndex, false); }

    public static ExternType typeEq(int typeIndex) { return new ExternType(Sort.TYPE, typeIndex, false); }

    public static ExternType resource() { return new ExternType(Sort.TYPE, 0, true); }
}
