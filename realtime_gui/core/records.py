"""Frozen records: what ``@dataclass(frozen=True)`` gives, without compiling code.

For each class, ``dataclass`` writes the source of ``__init__``, ``__eq__``,
``__hash__``, ``__repr__``, ``__setattr__`` and ``__delattr__`` and compiles it,
about 1.5 ms a class; the catalog and the core declare some fifty of them on the
way to the window's first form and to a command-line mint, where that was a
tenth of the wait. :func:`record` gives the same behaviour with methods shared
by every record, which read the fields from a tuple made once per class:
declaring a class costs some microseconds, making an instance a few more than a
dataclass's.

Fields are declared as for a dataclass: annotations in order, inherited ones
first, defaults as values or ``dataclasses.field(default=..., default_factory=...,
init=..., repr=..., compare=...)``. A type checker sees a frozen dataclass
(``dataclass_transform``). :func:`replace` makes a changed copy, as
``dataclasses.replace`` does for a dataclass.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple, TypeVar, dataclass_transform, get_origin

__all__ = ["record", "record_fields", "record_values", "replace"]

_R = TypeVar("_R")
_MISSING: Any = dataclasses.MISSING
_MUTABLE_DEFAULTS = (list, dict, set)


_LAYOUT = "__record_layout__"  # the class attribute holding a record class's _Layout


class _Field(NamedTuple):
    name: str
    default: Any  # _MISSING when none
    factory: Callable[[], Any] | None
    init: bool
    repr: bool
    compare: bool


class _Layout(NamedTuple):
    fields: tuple[_Field, ...]
    init: tuple[str, ...]  # the names ``__init__`` takes, in order
    compared: tuple[str, ...]  # the names equality and the hash read
    defaults: dict[str, Any]  # the fields with a default value, and it
    factories: tuple[tuple[str, Callable[[], Any]], ...]  # the fields whose default a factory makes


def _layout(cls: type) -> _Layout:
    layout: _Layout = getattr(cls, _LAYOUT)
    return layout


def _is_class_variable(annotation: object) -> bool:
    if isinstance(annotation, str):  # the annotations of a module with ``from __future__ import annotations``
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or get_origin(annotation) is ClassVar


def _declared(cls: type, name: str) -> _Field:
    value = cls.__dict__.get(name, _MISSING)
    if isinstance(value, dataclasses.Field):
        factory = value.default_factory if callable(value.default_factory) else None  # else MISSING
        declared = _Field(name, value.default, factory, value.init, value.repr, value.compare)
        if value.default is _MISSING:
            delattr(cls, name)
        else:
            setattr(cls, name, value.default)
        return declared
    if isinstance(value, _MUTABLE_DEFAULTS):
        raise ValueError(f"{cls.__name__}.{name}: a mutable default ({type(value).__name__}) would be shared "
                         "by every instance; use field(default_factory=...)")
    return _Field(name, value, None, True, True, True)


def _fields_of(cls: type) -> tuple[_Field, ...]:
    fields: dict[str, _Field] = {}
    for base in reversed(cls.__mro__[1:]):
        if _LAYOUT in base.__dict__:
            fields.update((inherited.name, inherited) for inherited in _layout(base).fields)
    for name, annotation in inspect.get_annotations(cls).items():
        if not _is_class_variable(annotation):
            fields[name] = _declared(cls, name)  # a redeclared field keeps its place, as in a dataclass
    with_default = None
    for each in fields.values():
        if not each.init:
            continue
        if each.default is not _MISSING or each.factory is not None:
            with_default = each.name
        elif with_default is not None:
            raise TypeError(f"{cls.__name__}: non-default argument {each.name!r} follows default argument "
                            f"{with_default!r}")
    return tuple(fields.values())


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    layout = _layout(cls)
    names = layout.init
    if len(args) > len(names):
        raise TypeError(f"{cls.__name__}() takes {len(names)} positional arguments but {len(args)} were given")
    values = dict(layout.defaults)
    values.update(zip(names, args, strict=False))
    for name in kwargs:
        if name not in names:
            raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
        if names.index(name) < len(args):
            raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
    values.update(kwargs)
    for name, factory in layout.factories:
        if name not in values:
            values[name] = factory()
    if len(values) < len(layout.fields):
        missing = next(each.name for each in layout.fields if each.name not in values)
        raise TypeError(f"{cls.__name__}() missing required argument: {missing!r}")
    self.__dict__.update(values)  # past the frozen __setattr__, as a dataclass's __init__ goes
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _compared(self: Any) -> tuple[Any, ...]:
    return tuple([self.__dict__[name] for name in _layout(type(self)).compared])


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is self.__class__:
        return _compared(self) == _compared(other)
    return NotImplemented  # type: ignore[no-any-return]


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    cls = type(self)
    shown = ", ".join(f"{each.name}={self.__dict__[each.name]!r}" for each in _layout(cls).fields if each.repr)
    return f"{cls.__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS: dict[str, Callable[..., Any]] = {"__init__": _init, "__eq__": _eq, "__hash__": _hash, "__repr__": _repr,
                                           "__setattr__": _setattr, "__delattr__": _delattr}


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: type[_R]) -> type[_R]:
    """Make ``cls`` a frozen record: an ``__init__`` of its fields, equality and a hash
    by their values, a repr, and no assignment after ``__init__``. Methods the class
    itself defines are kept, as ``dataclass`` keeps them."""
    fields = _fields_of(cls)
    layout = _Layout(fields, tuple(each.name for each in fields if each.init),
                     tuple(each.name for each in fields if each.compare),
                     {each.name: each.default for each in fields if each.default is not _MISSING},
                     tuple((each.name, each.factory) for each in fields if each.factory is not None))
    setattr(cls, _LAYOUT, layout)
    if "__match_args__" not in cls.__dict__:
        type.__setattr__(cls, "__match_args__", layout.init)
    for name, method in _METHODS.items():
        if name not in cls.__dict__ or (name == "__hash__" and cls.__dict__[name] is None):
            setattr(cls, name, method)
    return cls


def record_fields(cls_or_record: object) -> tuple[str, ...]:
    """The names of a record's fields, in order."""
    return tuple(each.name for each in getattr(cls_or_record, _LAYOUT).fields)


def replace(obj: _R, /, **changes: Any) -> _R:
    """A copy of the record ``obj`` with ``changes`` to fields its ``__init__`` takes."""
    cls = type(obj)
    values = dict(changes)
    for each in _layout(cls).fields:
        if not each.init:
            if each.name in values:
                raise ValueError(f"{each.name!r} is not set by {cls.__name__}() and can't be replaced")
        elif each.name not in values:
            values[each.name] = getattr(obj, each.name)
    return cls(**values)


def record_values(obj: object) -> dict[str, Any]:
    """A record's fields and their values, in order, as a new dict (the values themselves are not copied)."""
    return {each.name: obj.__dict__[each.name] for each in _layout(type(obj)).fields}
