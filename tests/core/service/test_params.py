"""Which declared field a rejected parameter names (realtime_gui.core.service.params)."""

from __future__ import annotations

from realtime_gui.core.service.params import field_for_param


def test_a_param_maps_to_its_declared_field_with_or_without_the_session_prefix() -> None:
    ga = field_for_param("ga", "session.instructions")
    beta = field_for_param("beta", "instructions")
    assert ga is not None and beta is not None and ga.node is beta.node
    assert ga.path == "session.instructions" and beta.path == "instructions"
    nested = field_for_param("ga", "instructions")  # some services leave out "session."
    assert nested is not None and nested.path == "session.instructions"
    assert field_for_param("ga", None) is None and field_for_param("ga", "no.such.thing") is None
