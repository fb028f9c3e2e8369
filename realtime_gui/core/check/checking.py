"""The whole check of a configuration, as one plain function: mint, open the socket, compare.

:func:`check_configuration` mints exactly as ``mint`` does
(:func:`~realtime_gui.core.library.minting.mint_configuration`, so the trust
rule holds), opens the Realtime WebSocket the provider names for the
configuration with the fresh secret, waits for ``session.created`` and
compares the session applied with the one asked for. The secret itself is
kept by nobody: the result holds the comparison, never the token.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.check.compare import SessionComparison, asked_session, compare_session
from realtime_gui.core.check.realtime_socket import await_session
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.minting import mint_configuration
from realtime_gui.core.library.secrets import plain_secrets
from realtime_gui.core.library.trust import TrustRecords
from realtime_gui.core.records import record
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.errors import MintError
from realtime_gui.core.service.providers import provider_for, service_summary
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["DEFAULT_WAIT", "CheckResult", "check_configuration", "socket_url"]

DEFAULT_WAIT = 15.0
"""Seconds to wait for ``session.created`` once the socket is asked for."""

_DEFAULT_CLIENT = MintClient()


@record
class CheckResult:
    """What a check found: where the socket was, which event opened the session,
    the session applied (secrets scrubbed) and its comparison with the configuration."""

    configuration: str
    url: str
    event_type: str
    applied: dict[str, Any]
    comparison: SessionComparison
    mint_ms: float
    session_ms: float
    request_id: str | None

    def to_json(self) -> dict[str, Any]:
        """The result as ``check --json`` prints it."""
        return {"configuration": self.configuration, "url": self.url, "event": self.event_type,
                "differences": len(self.comparison.differences), "fields": self.comparison.to_json(),
                "applied": self.applied, "mint_ms": round(self.mint_ms, 1), "session_ms": round(self.session_ms, 1),
                "request_id": self.request_id}


def socket_url(config: Configuration, env: Mapping[str, str] = os.environ) -> str:
    """Where ``config``'s secrets open the Realtime WebSocket (with its model in the query)."""
    model = asked_session(config).get("model")
    return provider_for(config).socket_url(config, endpoint(config.endpoint), env,
                                           model if isinstance(model, str) else None)


def check_configuration(
    config: Configuration,
    keys: ApiKeys,
    client: MintClient = _DEFAULT_CLIENT,
    *,
    wait: float = DEFAULT_WAIT,
    env: Mapping[str, str] = os.environ,
    trust: TrustRecords | None = None,
) -> CheckResult:
    """Mint with ``config``, open its Realtime socket and compare the session; raises a ``MintError`` subclass.

    ``client`` bounds and cancels the mint and, with its connect timeout and
    cancel event, the socket too; ``wait`` bounds the wait for the session.
    """
    minted = mint_configuration(config, keys, client, env=env, trust=trust)
    url = socket_url(config, env)
    ep = endpoint(config.endpoint)
    try:
        created = await_session(url, provider_for(config).socket_headers(ep, minted.value),
                                connect_timeout=client.connect_timeout, wait=wait, cancel=client.cancel,
                                secrets=[minted.value, *plain_secrets(config, keys)])
    except MintError as error:
        error.sent_to = service_summary(config, env)
        error.details["socket"] = url
        raise
    return CheckResult(config.name, url, created.event_type, created.session,
                       compare_session(config, created.session), minted.elapsed_ms, created.elapsed_ms,
                       minted.request_id)
