"""The catalog's loader: ids given, ``when`` resolved, placements made, and every declaration checked.

Like qutebrowser's ``configdata`` loader, a mistake in the declaration (a
duplicate id, a ``when`` or ``require`` that names nothing, a default its own
type rejects, two fields on one wire path, an option for an unknown endpoint,
a record with a part twice, an either with two forms of one JSON kind, a field
with no default that doesn't say what not set means) is an error when the
catalog is imported, not a surprise in the form.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from realtime_gui.core.catalog.field_type import NOT_SET, SHAPES, FieldType, Option
from realtime_gui.core.catalog.nodes import Condition, Endpoint, Field, Group, Node, Placed
from realtime_gui.core.catalog.object_types import Composite, Either
from realtime_gui.core.catalog.scalar_types import Choice, MultiChoice
from realtime_gui.core.catalog.tools import ToolChoice, ToolKind, ToolList
from realtime_gui.core.records import replace

__all__ = [
    "CatalogError", "catalog_problems", "connection_problems", "load_connection", "load_fields", "place", "walk",
]


class CatalogError(ValueError):
    """The declaration contradicts itself; the message lists every problem."""


def walk(fields: Iterable[Node]) -> Iterator[Node]:
    """Every node, depth first, groups before their children."""
    for node in fields:
        yield node
        if isinstance(node, Group):
            yield from node.walk()


def _with_ids(nodes: tuple[Node, ...], prefix: str) -> tuple[Node, ...]:
    out: list[Node] = []
    for node in nodes:
        node_id = f"{prefix}{node.key}"
        if isinstance(node, Group):
            out.append(replace(node, id=node_id, children=_with_ids(node.children, node_id + ".")))
        else:
            out.append(replace(node, id=node_id))
    return tuple(out)


def _with_conditions(nodes: tuple[Node, ...], problems: list[str]) -> tuple[Node, ...]:
    """``when`` resolved against the siblings; a condition that names nothing is a problem."""
    out: list[Node] = []
    for node in nodes:
        if node.when is not None:
            key, values = node.when
            sibling = next((s for s in nodes if s.key == key), None)
            if not isinstance(sibling, Field):
                problems.append(f"{node.id}: `when` names {key!r}, which is not a field beside it")
            else:
                problems.extend(f"{node.id}: `when` value {v!r} of {sibling.id} {why}"
                                for v in values if (why := sibling.type.check(v)))
                node = replace(node, condition=Condition(sibling, tuple(values)))
        if isinstance(node, Group):
            node = replace(node, children=_with_conditions(node.children, problems))
        out.append(node)
    return tuple(out)


def load_fields(fields: tuple[Node, ...], endpoints: Mapping[str, Endpoint],
                sections: tuple[str, ...] = ()) -> tuple[Node, ...]:
    """The session fields with ids given and conditions resolved, checked.

    Raises :class:`CatalogError` naming every problem found.
    """
    problems: list[str] = []
    loaded = _with_conditions(_with_ids(fields, ""), problems)
    problems += catalog_problems(loaded, endpoints, sections)
    problems += [f"{node.id}: {why}" for node in walk(loaded) if isinstance(node, Field)
                 and (why := _unset_problem(node))]
    if problems:
        raise CatalogError("the catalog is inconsistent:\n  " + "\n  ".join(problems))
    return loaded


def _unset_problem(node: Field) -> str | None:
    """A session field says what not set means: a default, words for it, or ``unset``."""
    undeclared = [shape for shape in SHAPES if node.service_decides(shape)]
    if undeclared and node.unset is None:
        return 'has no default; declare what not set means with unset="service" or unset="omitted"'
    if node.unset is not None and not undeclared:
        return "declares `unset` beside a default, which says it already"
    return None


def _placed_children(group: Group, spot: Placed, endpoint_id: str) -> Iterator[Placed]:
    for child in group.children:
        if child.only is not None and endpoint_id not in child.only:
            continue
        placed_child = Placed(child, f"{spot.path}.{child.key}", child.null_ok, child.require)
        yield placed_child
        if isinstance(child, Group):
            yield from _placed_children(child, placed_child, endpoint_id)


def place(fields: tuple[Node, ...], endpoint_id: str) -> tuple[Placed, ...]:
    """Every node the endpoint accepts, with its wire path, in declaration order."""
    out: list[Placed] = []
    for node in fields:
        wire = node.wire.get(endpoint_id)
        if wire is None:
            continue
        top = Placed(node, wire.path, wire.nullable, tuple(dict.fromkeys(wire.require + node.require)))
        out.append(top)
        if isinstance(node, Group):
            out.extend(_placed_children(node, top, endpoint_id))
    return tuple(out)


def catalog_problems(fields: tuple[Node, ...], endpoints: Mapping[str, Endpoint],
                     sections: tuple[str, ...] = ()) -> list[str]:
    """Every way loaded fields contradict themselves or the endpoints; empty when sound."""
    problems: list[str] = []
    seen: set[str] = set()
    for node in walk(fields):
        if node.id in seen:
            problems.append(f"{node.id}: declared twice")
        seen.add(node.id)
        problems += [f"{node.id}: {p}" for p in _node_problems(node, endpoints)]
    for node in fields:
        if sections and node.section not in sections:
            problems.append(f"{node.id}: section {node.section!r} is not among the sections")
        problems += [f"{node.id}: {p}" for p in _choice_problems(node, fields)]
    for child in (c for n in walk(fields) if isinstance(n, Group) for c in n.walk()):
        if child.wire:
            problems.append(f"{child.id}: a group's fields are placed by their group; give it no wire")
    placed = {endpoint_id: place(fields, endpoint_id) for endpoint_id in endpoints}  # each endpoint's, once
    for endpoint_id, ep in endpoints.items():
        problems += [f"{endpoint_id}: {p}" for p in _placement_problems(placed[endpoint_id])]
        problems += [f"{endpoint_id}: {p}" for p in _counterpart_problems(ep, fields, endpoints, placed)]
    return problems


def _counterpart_problems(ep: Endpoint, fields: tuple[Node, ...], endpoints: Mapping[str, Endpoint],
                          placed: Mapping[str, tuple[Placed, ...]]) -> list[str]:
    """A GA counterpart must be a GA endpoint, and mapped values fit fields on both endpoints."""
    if ep.ga_counterpart is None:
        return ["`ga_values` needs a GA counterpart"] if ep.ga_values else []
    target = endpoints.get(ep.ga_counterpart)
    if target is None or target.shape != "ga":
        return [f"its GA counterpart {ep.ga_counterpart!r} is not a GA endpoint"]
    problems: list[str] = []
    on_both = {s.node.id for s in placed[ep.id]} & {s.node.id for s in placed[target.id]}
    by_id = {n.id: n for n in walk(fields)}
    for field_id, mapping in ep.ga_values.items():
        node = by_id.get(field_id)
        if field_id not in on_both or not isinstance(node, Field):
            problems.append(f"`ga_values` names {field_id!r}, which is not a field on both endpoints")
            continue
        problems += [f"`ga_values` maps {old!r} of {field_id} to {new!r}, which {why}"
                     for old, new in mapping.items() if (why := node.type.check(new))]
    return problems


def _endpoints_problem(what: str, ids: Iterable[str] | None, endpoints: Mapping[str, Endpoint]) -> list[str]:
    unknown = sorted(set(ids or ()) - set(endpoints))
    return [f"{what} names unknown endpoints {', '.join(unknown)}"] if unknown else []


def _node_problems(node: Node, endpoints: Mapping[str, Endpoint]) -> list[str]:
    problems = _endpoints_problem("its wire", node.wire, endpoints) + _endpoints_problem("`only`", node.only, endpoints)
    requires = set(node.require).union(*(w.require for w in node.wire.values()))
    if requires and not isinstance(node, Group):
        problems.append("only a group can require fields")
    elif isinstance(node, Group):
        keys = [c.key for c in node.children]
        problems += [f"requires {key!r}, which is not a field of it" for key in sorted(requires - set(keys))]
        literals = node.type.literal_values()
        if len(set(literals)) != len(literals):
            problems.append("lists a literal twice")
    if isinstance(node, Field):
        problems += _field_problems(node, endpoints)
    return problems


def _field_problems(node: Field, endpoints: Mapping[str, Endpoint], siblings: tuple[Field, ...] = ()) -> list[str]:
    """What is wrong with one field's default, options and requirements."""
    problems = _endpoints_problem("`required_on`", node.required_on, endpoints)
    if set(node.default_by_shape) - set(SHAPES):
        problems.append(f"has defaults for unknown shapes {sorted(set(node.default_by_shape) - set(SHAPES))}")
    for default in (node.default, *node.default_by_shape.values()):
        if default is not NOT_SET and default is not None and (why := node.type.check(default)):
            problems.append(f"its default {default!r} {why}")
    problems += [f"its type's example {v!r} {why}" for v in node.type.examples() if (why := node.type.check(v))]
    options: tuple[Option, ...] = node.type.options if isinstance(node.type, (Choice, MultiChoice)) else ()
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        problems.append("lists an option twice")
    for option in options:
        problems += _endpoints_problem(f"option {option.value!r}", option.only, endpoints)
        if set(option.wire) - set(SHAPES):
            problems.append(f"option {option.value!r} has a wire form for an unknown shape")
    if isinstance(node.type, ToolList):
        problems += _tool_list_problems(node.type)
    problems += _composite_problems(node.type)
    if node.required_when is not None and siblings:
        key, wanted = node.required_when
        sibling = next((s for s in siblings if s.key == key), None)
        if sibling is None:
            problems.append(f"`required_when` names {key!r}, which is not a field beside it")
        else:
            problems += [f"`required_when` value {v!r} {why}" for v in wanted if (why := sibling.type.check(v))]
    return problems


def _tool_list_problems(tools: ToolList) -> list[str]:
    problems: list[str] = []
    types = [k.type for k in tools.kinds]
    if len(set(types)) != len(types):
        problems.append("declares a kind of tool twice")
    for shape in SHAPES:
        if len([k for k in tools.kinds if shape in k.bare_choice_on]) > 1:
            problems.append(f"has two kinds of tool named by a bare name on {shape}")
    for kind in tools.kinds:
        problems += [f"{kind.type} tools: {p}" for p in _tool_kind_problems(kind)]
    return problems


def _tool_kind_problems(kind: ToolKind) -> list[str]:
    keys = [f.key for f in kind.fields]
    problems = [f"declare {key!r} twice" for key in sorted({k for k in keys if keys.count(k) > 1})]
    named = {"named_by": (kind.named_by,), "required": kind.required, "needs_one_of": kind.needs_one_of}
    for what, listed in named.items():
        problems += [f"`{what}` names {key!r}, which is not one of their fields" for key in listed if key not in keys]
    if set(kind.shapes) - set(SHAPES) or set(kind.bare_choice_on) - set(kind.shapes):
        problems.append("name a shape they are not sent in")
    extras = [f.key for f in kind.choice_extras]
    problems += [f"choices declare {key!r} twice" for key in sorted({k for k in extras if extras.count(k) > 1})]
    if kind.named_by in extras:
        problems.append(f"choices declare {kind.named_by!r}, which names the tool, again as an extra")
    for spec in (*kind.fields, *kind.choice_extras):
        problems += [f"{spec.key}: {p}" for p in _part_problems(spec)]
    return problems


def _part_problems(part: Field) -> list[str]:
    """A field inside a value (a tool item's, a record's): checked as a field, and it says what not set means."""
    unset = _unset_problem(part)
    return _field_problems(part, {}) + ([unset] if unset else [])


def _composite_problems(kind: FieldType) -> list[str]:
    """A record's part keys are distinct, an either's forms differ in JSON kind and its literals
    are distinct, and every part inside is sound; nested values are checked all the way down."""
    problems: list[str] = []
    if isinstance(kind, Either):
        literals = kind.literal_values()
        problems += [f"lists the literal {v!r} twice" for v in sorted({v for v in literals if literals.count(v) > 1})]
        forms = [f.json for f in kind.forms]
        problems += [f"has two {json} forms" for json in sorted({j for j in forms if forms.count(j) > 1})]
        for form in kind.forms:
            problems += _composite_problems(form.type)
    elif isinstance(kind, Composite):  # a record, a tool choice: its parts are fields
        keys = [part.key for part in kind.parts(None)]
        problems += [f"declares part {key!r} twice" for key in sorted({k for k in keys if keys.count(k) > 1})]
        for part in kind.parts(None):
            problems += [f"{part.key}: {p}" for p in _part_problems(part)]
    return problems


def _choice_problems(node: Node, fields: tuple[Node, ...]) -> list[str]:
    """A tool choice must name the field whose tools it chooses among."""
    if not isinstance(node, Field) or not isinstance(node.type, ToolChoice):
        return []
    tools = next((n for n in fields if n.id == node.type.tools_field), None)
    if not isinstance(tools, Field) or tools.type != node.type.tools:
        return [f"chooses among the tools of {node.type.tools_field!r}, which is not a tool list of the same kinds"]
    return []


def _placement_problems(spots: tuple[Placed, ...]) -> list[str]:
    """Two nodes on one wire path, or a field with a node inside its value."""
    problems: list[str] = []
    paths: dict[str, Placed] = {}
    for spot in spots:
        if spot.path in paths:
            problems.append(f"{paths[spot.path].node.id} and {spot.node.id} are both at {spot.path}")
        paths[spot.path] = spot
    for spot in spots:
        parent = spot.path.rpartition(".")[0]
        while parent:
            outer = paths.get(parent)
            if outer is not None and not isinstance(outer.node, Group):
                problems.append(f"{spot.node.id} at {spot.path} is inside the value of {outer.node.id}")
            parent = parent.rpartition(".")[0]
    return problems


def connection_problems(fields: tuple[Field, ...]) -> list[str]:
    """What is wrong with the connection fields (their defaults and ``required_when``)."""
    problems: list[str] = []
    keys = [f.key for f in fields]
    problems += [f"connection.{key}: declared twice" for key in sorted({k for k in keys if keys.count(k) > 1})]
    for spec in fields:
        problems += [f"connection.{spec.key}: {p}" for p in _field_problems(spec, {}, fields)]
    return problems


def load_connection(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The connection fields, checked; raises :class:`CatalogError`."""
    problems = connection_problems(fields)
    if problems:
        raise CatalogError("the connection fields are inconsistent:\n  " + "\n  ".join(problems))
    return fields
