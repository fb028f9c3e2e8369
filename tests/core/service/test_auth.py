"""How a request carries its key (realtime_gui.core.service.auth)."""

from __future__ import annotations

from realtime_gui.core.service.auth import ApiKeyHeader, Auth, BearerAuth


def test_each_scheme_signs_its_own_header_and_says_so() -> None:
    schemes: list[Auth] = [BearerAuth(), ApiKeyHeader("api-key")]
    signed = []
    for scheme in schemes:
        headers: dict[str, str] = {}
        scheme.sign(headers, "sk-test")
        signed.append((headers, scheme.header, scheme.describe()))
    assert signed == [
        ({"Authorization": "Bearer sk-test"}, "Authorization", "Authorization: Bearer"),
        ({"api-key": "sk-test"}, "api-key", "api-key header"),
    ]
