"""Request bodies: build one from a configuration, and read one back.

Both walk the declaration (``declaration.placed``); none of them names a
field.  ``import_body(build_body(c))`` gives back ``c``'s values, and
``build_body`` of an imported body gives back the body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from realtime_gui.core.catalog.declaration import ENDPOINTS, endpoint, placed
from realtime_gui.core.catalog.nodes import NOT_SET, Field, Group, Node, Placed
from realtime_gui.core.catalog.types import DecodeError, EncodeContext, MissingSecretError
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["ImportResult", "active", "applies", "build_body", "detect_endpoint", "import_body"]

_ABSENT = object()


def _get(body: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(body, dict) or part not in body:
            return _ABSENT
        body = body[part]
    return body


def _set(body: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        body = body.setdefault(part, {})
    body[last] = value


def applies(node: Node, values: dict[str, Any], shape: str) -> bool:
    """Whether a node's ``when`` condition holds for these values (see ``Node.condition``)."""
    return node.applies(values, shape)  # type: ignore[arg-type]


def active(endpoint_id: str, values: dict[str, Any]) -> Iterator[tuple[Placed, Any]]:
    """The placed nodes whose values would be sent, with their values.

    Children of a group that is off or set to a literal, and nodes whose
    ``when`` condition fails, are passed over with their subtrees.
    """
    shape = endpoint(endpoint_id).shape
    closed: list[str] = []
    for spot in placed(endpoint_id):
        node = spot.node
        if any(node.id.startswith(prefix) for prefix in closed):
            continue
        if not applies(node, values, shape):
            closed.append(node.id + ".")
            continue
        value = values.get(node.id, NOT_SET)
        if isinstance(node, Group) and node.type.closes(value):
            closed.append(node.id + ".")
        yield spot, value


def build_body(config: Configuration, ctx: EncodeContext | None = None) -> dict[str, Any]:
    """The JSON body the configuration's endpoint is sent.

    ``ctx`` says how to treat secrets; the default writes placeholders, so
    only a real mint passes ``secret_mode="resolve"``.
    """
    ep = endpoint(config.endpoint)
    ctx = ctx or EncodeContext(ep.shape)
    body: dict[str, Any] = {}
    for path, constant in ep.fixed.items():
        _set(body, path, constant)
    objects: list[Placed] = []
    for spot, value in active(config.endpoint, config.values):
        node = spot.node
        if isinstance(node, Group):
            objects.append(spot)
        if value is None:
            if spot.nullable:
                _set(body, spot.path, None)
        elif isinstance(node, Group):
            own = node.type.encode(value, ctx)
            if own is not NOT_SET and (own != {} or _get(body, spot.path) is _ABSENT):
                _set(body, spot.path, own)
        elif value is not NOT_SET and isinstance(node, Field):
            _set(body, spot.path, _encoded(node, value, ctx))
    for spot in objects:  # fill what the endpoint requires inside each object sent
        sent = _get(body, spot.path)
        if isinstance(sent, dict) and isinstance(spot.node, Group):
            for key in spot.require:
                child = spot.node.child(key)
                default = child.default_for(ep.shape) if isinstance(child, Field) else NOT_SET
                if key not in sent and default not in (NOT_SET, None) and isinstance(child, Field):
                    sent[key] = child.type.encode(default, ctx)
    return body


def _encoded(node: Field, value: Any, ctx: EncodeContext) -> Any:
    """The wire form of a value; a value its type can't encode goes out as it
    is, so a preview or export of an invalid configuration still shows it
    (validation, which runs before any mint, names the problem)."""
    try:
        return node.type.encode(value, ctx)
    except MissingSecretError:
        raise  # the mint must not go out without it
    except (TypeError, ValueError, LookupError, AttributeError):
        return value


@dataclass
class ImportResult:
    """What :func:`import_body` read: values, plus what it could not use."""

    endpoint: str
    values: dict[str, Any]
    unknown: list[str] = field(default_factory=list)  # wire paths no field declares
    problems: list[str] = field(default_factory=list)  # values that could not be read

    def configuration(self, name: str) -> Configuration:
        return Configuration(name, self.endpoint, dict(self.values))


def detect_endpoint(body: Any) -> str:
    """Which endpoint a raw request body was written for: the one whose
    fixed parts it has and that reads the most of it, the narrowest on a tie."""
    if not isinstance(body, dict):
        raise ValueError("a request body must be a JSON object")
    if not body:
        raise ValueError("the body is empty, so its endpoint can't be told; name it")

    def misfit(endpoint_id: str) -> tuple[int, int]:
        result = import_body(body, endpoint_id)
        return len(result.unknown) + len(result.problems), len(placed(endpoint_id))

    # Endpoints without fixed parts always fit, so there is always a candidate.
    fitting = [e for e in ENDPOINTS if all(_get(body, p) == v for p, v in endpoint(e).fixed.items())]
    return min(fitting, key=misfit)


def _leaf_paths(value: Any, prefix: str) -> Iterator[str]:
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            yield from _leaf_paths(inner, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix


def import_body(body: Any, endpoint_id: str | None = None) -> ImportResult:
    """Read a raw request body (as one would send it with curl) into values."""
    endpoint_id = endpoint_id or detect_endpoint(body)
    ep = endpoint(endpoint_id)
    if not isinstance(body, dict):
        raise ValueError("a request body must be a JSON object")
    result = ImportResult(endpoint_id, {})
    known: set[str] = set()
    for path, constant in ep.fixed.items():
        known.add(path)
        if _get(body, path) != constant:
            result.problems.append(f"{path} must be {constant!r} for {ep.label}")
    closed: list[str] = []
    for spot in placed(endpoint_id):
        node = spot.node
        wire = _get(body, spot.path)
        if wire is _ABSENT or any(spot.path.startswith(prefix) for prefix in closed):
            continue
        where = f"{node.label} ({spot.path})"
        if wire is None or wire == {} or isinstance(node, Field):
            known.add(spot.path)  # a group's own path counts only when nothing is inside it
        if wire is None:
            if spot.nullable:
                result.values[node.id] = None
            else:
                result.problems.append(f"{where} can't be null on this endpoint")
            closed.append(spot.path + ".")
        elif isinstance(node, Group):
            try:
                own = node.type.decode(wire, ep.shape)
            except DecodeError as error:
                result.problems.append(f"{where} {error}")
                closed.append(spot.path + ".")
                continue
            if own is not NOT_SET:
                known.add(spot.path)
                result.values[node.id] = own
            if node.type.closes(own):
                closed.append(spot.path + ".")
        elif isinstance(node, Field):
            try:
                result.values[node.id] = node.type.decode(wire, ep.shape)
            except DecodeError as error:
                result.problems.append(f"{where} {error}")
            known.update(p for p in _leaf_paths(wire, spot.path))
    for spot in placed(endpoint_id):
        condition = spot.node.condition
        if spot.node.id in result.values and condition and not condition.holds(result.values, ep.shape):
            result.problems.append(f"{spot.node.label} ({spot.path}) does not apply with the chosen "
                                   f"{condition.sibling.key}")
    result.unknown = [path for path in _leaf_paths(body, "") if path and path not in known]
    return result
