"""Field types: each checks, encodes, decodes and describes its own values."""

from __future__ import annotations

import pytest

from realtime_gui.core.catalog.field_type import DecodeError, EncodeContext, MissingSecretError, Option
from realtime_gui.core.catalog.scalar_types import AudioFormat, Choice, Integer, Modalities, Number, TokenLimit
from realtime_gui.core.catalog.text_types import Secret, Text, Voice, parse_json_text

FORMATS = AudioFormat((Option("pcm16", "PCM", wire={"ga": {"type": "audio/pcm", "rate": 24000}}),))


def test_numbers_name_the_bound_they_break() -> None:
    assert Number(0.6, 1.2).check(1.5) == "must be between 0.6 and 1.2; it is 1.5"
    assert Integer(0).check(-1) == "must be 0 or more; it is -1"
    assert Integer(0).check(True) == "must be a whole number; it is True"
    assert TokenLimit().check("inf") is None
    assert TokenLimit().check(5000) == 'must be between 1 and 4096 (or "inf" for no limit); it is 5000'


def test_a_choice_is_sent_in_each_shapes_own_form_and_read_back() -> None:
    assert FORMATS.encode("pcm16", EncodeContext("ga")) == {"type": "audio/pcm", "rate": 24000}
    assert FORMATS.encode("pcm16", EncodeContext("beta")) == "pcm16"
    assert FORMATS.decode({"type": "audio/pcm"}, "ga") == "pcm16"
    with pytest.raises(DecodeError, match="must be one of pcm16"):
        Choice((Option("pcm16", "PCM"),)).decode("opus", "beta")


def test_modalities_follow_each_shape() -> None:
    kind = Modalities((Option("audio", "A"), Option("text", "T")))
    assert kind.encode(["audio"], EncodeContext("beta")) == ["audio", "text"]
    assert kind.encode(["text", "audio"], EncodeContext("ga")) == ["audio"]


def test_text_patterns_are_explained() -> None:
    kind = Text(pattern=r"[a-z]+", pattern_hint="lowercase letters")
    assert kind.check("ABC") == "must be lowercase letters; it is 'ABC'"
    assert Text(allow_empty=False).check("") == "must not be empty"


def test_a_secret_never_leaves_unless_resolved() -> None:
    ref = {"secret_ref": "slot"}
    assert Secret().encode(ref, EncodeContext("ga")) == "<kept in the keyring>"
    assert Secret().encode(ref, EncodeContext("ga", "resolve", lambda ref: {"slot": "s3cret"}.get(ref))) == "s3cret"
    with pytest.raises(MissingSecretError):
        Secret().encode(ref, EncodeContext("ga", "resolve", lambda ref: None))


def test_a_custom_voice_goes_by_its_bare_id_on_beta() -> None:
    assert Voice.from_text(" voice_abc ") == {"id": "voice_abc"}
    assert Voice().encode({"id": "voice_abc"}, EncodeContext("beta")) == "voice_abc"
    assert Voice().check({"id": ""}) == 'must be a voice name or {"id": "voice_..."}'


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(ValueError, match="line 2, column 2: Extra data"):
        parse_json_text("{\n}}")
