"""The whole mint of a configuration, as one plain function.

:func:`mint_configuration` validates, checks that the user trusts the host
with the key (:mod:`realtime_gui.core.library.trust`), resolves the key,
prepares the request, sends it through the given client and maps a rejected
parameter back to its declared field, and records what was sent and how it
ended in the mint history (:mod:`realtime_gui.core.library.history`). The
window runs it on a pool; the command line calls it directly.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from functools import partial

from realtime_gui.core.catalog.connection import KEY_NAME
from realtime_gui.core.library.history import MintHistory, app_history
from realtime_gui.core.library.keys import DEFAULT_KEY, ApiKeys
from realtime_gui.core.library.mint_record import mint_record
from realtime_gui.core.library.secrets import missing_secrets, plain_secrets
from realtime_gui.core.library.trust import TrustRecords, connection_trust
from realtime_gui.core.records import replace
from realtime_gui.core.redact import redact
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.errors import (
    AuthenticationError,
    ConfigurationInvalidError,
    InvalidRequestError,
    MintError,
)
from realtime_gui.core.service.mint import MintResult, mint
from realtime_gui.core.service.params import field_for_param
from realtime_gui.core.service.providers import prepare_request, service_summary
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import validate

__all__ = ["mint_configuration"]

_DEFAULT_CLIENT = MintClient()


def mint_configuration(
    config: Configuration,
    keys: ApiKeys,
    client: MintClient = _DEFAULT_CLIENT,
    *,
    env: Mapping[str, str] = os.environ,
    trust: TrustRecords | None = None,
    history: MintHistory | None = None,
) -> MintResult:
    """Mint a client secret with ``config``; raises a ``MintError`` subclass.

    Nothing is sent to a host the user hasn't confirmed for the key
    (``UntrustedConnectionError``); ``trust`` defaults to the app folder's records.
    A mint that was sent, or attempted, is recorded in ``history`` (by default
    the app folder's); one refused before sending is not.
    """
    problems = validate(config)
    if problems:
        raise ConfigurationInvalidError(problems)
    untrusted = connection_trust(config, trust)
    if untrusted is not None:
        raise untrusted.error()
    missing = missing_secrets(config, keys)
    if missing:
        raise ConfigurationInvalidError(missing)
    credentials = keys.resolve(config.setting(KEY_NAME.key) or None, env)
    request = prepare_request(config, credentials, env=env, lookup=keys.load_secret)
    secrets = [credentials.api_key, *plain_secrets(config, keys)]
    started = time.perf_counter()
    try:
        result = mint(request, client, secrets=secrets)
    except MintError as error:
        if isinstance(error, AuthenticationError):
            name = config.setting(KEY_NAME.key) or DEFAULT_KEY
            error.advice = (f"The key {name!r} ({credentials.source}) may be mistyped, revoked or meant for another "
                            f"service: replace it with `realtime-gui key set {name}` or in the Keys dialog.")
        error.sent_to = service_summary(config, env)
        error.details["service"] = error.sent_to
        if isinstance(error, InvalidRequestError):
            spot = field_for_param(config.endpoint, error.param)
            if spot is not None:
                error.field_path, error.field_label = spot.path, spot.node.label
        elapsed_ms = (time.perf_counter() - started) * 1000.0
        (history or app_history()).record(partial(mint_record, config, request, error, elapsed_ms, secrets))
        raise
    (history or app_history()).record(partial(mint_record, config, request, result, result.elapsed_ms, secrets))
    # A service may echo the session back with an MCP token in it; whatever
    # shows or prints the answer must not carry it.
    return replace(result, response=redact(result.response, secrets),
                   session=redact(result.session, secrets))
