"""``elide``: a text cut to a width, with “…” on the side asked for (what
ElidedLabel paints without Qt's enums)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from realtime_gui.ui.style.style import elide


def _width(text: str) -> int:  # a font where every character is 10 pixels wide
    return 10 * len(text)


def test_a_text_that_fits_is_kept_whole() -> None:
    assert elide("/v1/realtime", "ElideRight", 120, _width) == "/v1/realtime"


def test_each_side_keeps_what_it_should() -> None:
    text = "abcdefghij"  # 100 pixels, in 60
    assert elide(text, "ElideRight", 60, _width) == "abcde…"
    assert elide(text, "ElideLeft", 60, _width) == "…fghij"
    assert elide(text, "ElideMiddle", 60, _width) == "abc…ij"


def test_no_room_shows_nothing_rather_than_overflowing() -> None:
    assert elide("abc", "ElideRight", 5, _width) == ""


@given(st.text(min_size=1, max_size=40), st.sampled_from(["ElideRight", "ElideLeft", "ElideMiddle"]),
       st.integers(min_value=0, max_value=500))
def test_the_result_always_fits_and_keeps_as_much_as_fits(text: str, where: str, width: int) -> None:
    shown = elide(text, where, width, _width)
    assert _width(shown) <= width
    if shown != text:
        # One more character would not have fitted (with the “…”).
        assert _width(shown) + 10 > width or len(shown) - 1 == len(text)
