"""The declaration checked in loops over itself, never field by field."""

from __future__ import annotations

from collections import Counter

import pytest

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, ENDPOINTS, FIELDS, SECTIONS, nodes, placed
from realtime_gui.core.catalog.nodes import NOT_SET, Field, Group
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.catalog.types import Choice

ALL_NODES = list(nodes())
FIELD_NODES = [n for n in ALL_NODES if isinstance(n, Field)]
TOOL_FIELDS = [f for n in FIELD_NODES if isinstance(n.type, ToolList) for k in n.type.kinds for f in k.fields]


@pytest.mark.parametrize("node", ALL_NODES + TOOL_FIELDS + list(CONNECTION_FIELDS), ids=lambda n: n.id or n.key)
def test_every_node_has_words_of_its_own(node: Field | Group) -> None:
    assert node.label and node.label[0].isupper()
    assert node.help.endswith((".", ")")) and len(node.help) > 15


@pytest.mark.parametrize("node", FIELD_NODES + TOOL_FIELDS + list(CONNECTION_FIELDS), ids=lambda n: n.id or n.key)
def test_every_default_fits_its_type(node: Field) -> None:
    for shape in (None, "beta", "ga"):
        default = node.default_for(shape)
        if default not in (NOT_SET, None):
            assert node.type.check(default) is None, (shape, default)


@pytest.mark.parametrize(("field_id", "choice"), [(n.id, n.type) for n in FIELD_NODES if isinstance(n.type, Choice)])
def test_every_option_says_what_it_means(field_id: str, choice: Choice) -> None:
    assert choice.options, field_id
    for option in choice.options:
        assert option.help.strip(), (field_id, option.value)


def test_ids_are_unique_and_sections_known() -> None:
    assert [i for i, n in Counter(n.id for n in ALL_NODES).items() if n > 1] == []
    assert {n.section for n in FIELDS} <= set(SECTIONS)


@pytest.mark.parametrize("endpoint_id", list(ENDPOINTS))
def test_wire_paths_are_unique_and_conditions_name_siblings(endpoint_id: str) -> None:
    spots = placed(endpoint_id)
    assert [p for p, n in Counter(s.path for s in spots).items() if n > 1] == []
    ids = {s.node.id for s in spots}
    for spot in spots:
        if spot.node.when:
            parent = spot.node.id.rpartition(".")[0]
            assert f"{parent}.{spot.node.when[0]}" in ids
        for key in spot.require:
            assert f"{spot.node.id}.{key}" in ids, (spot.path, key)


@pytest.mark.parametrize("endpoint_id", list(ENDPOINTS))
def test_a_new_configuration_sets_nothing_but_the_model_and_is_valid(endpoint_id: str) -> None:
    from realtime_gui.core.wire.configuration import Configuration
    from realtime_gui.core.wire.validate import validate

    config = Configuration.new("x", endpoint_id)
    assert set(config.values) <= {"model"}
    model_placed = any(spot.node.id == "model" for spot in placed(endpoint_id))
    assert ("model" in config.values) == model_placed
    assert validate(config) == []
