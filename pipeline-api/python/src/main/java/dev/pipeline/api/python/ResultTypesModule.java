package dev.pipeline.api.python;

/** The {@code componentize_py_types} module (Ok, Err, Some, Result) that bindings strategies ship next to their code. */
public final class ResultTypesModule {
    private ResultTypesModule() {}

    /** The module's import name. */
    public static final String NAME = "componentize_py_types";

    /** Its source text (without a generated-file header). */
    public static final String SOURCE = """
        \"\"\"Result, Ok, Err and Some: the value types of generated bindings.\"\"\"
        from dataclasses import dataclass
        from typing import Generic, TypeVar, Union

        T = TypeVar("T")
        E = TypeVar("E")


        @dataclass(frozen=True)
        class Some(Generic[T]):
            \"\"\"A present value inside a nested option: option<option<T>> is Optional[Some[Optional[T]]].\"\"\"
            value: T


        @dataclass(frozen=True)
        class Ok(Generic[T]):
            \"\"\"The ok case of a result.\"\"\"
            value: T


        @dataclass(frozen=True)
        class Err(Generic[E], Exception):
            \"\"\"The error case of a result; raise it from an export whose return type is a result.\"\"\"
            value: E


        Result = Union[Ok[T], Err[E]]
        """;
}
