"""Dataclasses ⇄ JSON values, read from the dataclasses themselves.

``Summary.to_dict`` / ``Summary.from_dict`` and the service's response model are all derived
from the fields of the result dataclasses, so a field added to one of them appears in the JSON,
is read back, and is documented in the OpenAPI schema without a second copy to keep in step.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


def to_json_value(value: Any) -> Any:
    """Dataclasses become dicts (in field order), tuples and lists become lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json_value(item) for key, item in value.items()}
    return value


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """The resolved type of every field of the dataclass ``cls`` (computed once per class)."""
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def from_json_value(tp: Any, value: Any) -> Any:
    """``value`` (as ``to_json_value`` wrote it) back as the type ``tp``.

    Keys that are no field (such as ``schema_version``) are ignored; missing keys take the
    field's default, so a dict written before a field was added still reads.
    """
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        types_ = field_types(tp)
        return tp(
            **{name: from_json_value(types_[name], value[name]) for name in types_ if name in value}
        )
    origin = get_origin(tp)
    args = get_args(tp)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return from_json_value(inner, value)
    if origin is tuple:
        return tuple(from_json_value(args[0], item) for item in value)
    if origin is list:
        return [from_json_value(args[0], item) for item in value]
    if origin is dict:
        return {key: from_json_value(args[1], item) for key, item in value.items()}
    return value
