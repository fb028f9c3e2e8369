"""What the history keeps of one mint, built with no secret in it.

:func:`mint_record` describes a mint that was sent (or attempted) from its
configuration, its request and its outcome. The body is built again from the
configuration with each keyring secret written as its reference
(``{"secret_ref": ...}``) and each secret not yet in the keyring as
:data:`~realtime_gui.core.library.secrets.SECRET_PLACEHOLDER`; then every
string passes through :func:`~realtime_gui.core.redact.redact` with the key and
the secrets, so none can reach the file even if a field held one unmarked.
:func:`recorded_configuration` turns a record back into a configuration, through
the import of a request body.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from realtime_gui.core.catalog.connection import BASE_URL, KEY_NAME, SERVICE
from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, endpoint
from realtime_gui.core.catalog.field_type import EncodeContext
from realtime_gui.core.catalog.types import Secret
from realtime_gui.core.library.history import MintRecord
from realtime_gui.core.library.keys import DEFAULT_KEY
from realtime_gui.core.library.secrets import SECRET_PLACEHOLDER, secret_slots
from realtime_gui.core.library.trust import connection_origin
from realtime_gui.core.redact import redact, scrub_error
from realtime_gui.core.service.errors import MintError
from realtime_gui.core.service.request import PreparedRequest
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.importing import Imported, read_import

if TYPE_CHECKING:
    from realtime_gui.core.service.answer import MintResult  # httpx: the window loads it with the first mint

__all__ = ["body_with_references", "mint_record", "recorded_configuration"]

# Stands for a keyring reference while the body is built; no field value starts with NUL.
_MARK = "\x00secret_ref:"


def body_with_references(config: Configuration) -> dict[str, Any]:
    """``config``'s request body with each secret as its keyring reference, or the placeholder."""
    marked = config.copy()
    for slot in secret_slots(marked):
        if not Secret.is_ref(slot.container[slot.key]):
            slot.container[slot.key] = SECRET_PLACEHOLDER
    body = build_body(marked, EncodeContext(endpoint(config.endpoint).shape, "resolve", lambda ref: _MARK + ref))
    return _unmarked(body)  # type: ignore[no-any-return]


def _unmarked(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_MARK):
        return {"secret_ref": value[len(_MARK):]}
    if isinstance(value, dict):
        return {k: _unmarked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unmarked(v) for v in value]
    return value


def mint_record(config: Configuration, request: PreparedRequest, outcome: MintResult | MintError,
                elapsed_ms: float, secrets: Sequence[str], *, when: float | None = None) -> MintRecord:
    """The history's record of minting ``config`` with ``request``; ``secrets``
    (the key, the configuration's plain secrets) are masked wherever they hide."""
    try:
        host = connection_origin(request.url)
    except ValueError:
        host = scrub_error(request.url)
    connection: Mapping[str, Any] = dict(config.connection)
    if BASE_URL.key in connection:  # a base URL may carry user:password@
        connection = {**connection, BASE_URL.key: scrub_error(str(connection[BASE_URL.key]))}
    common: dict[str, Any] = {
        "time": time.time() if when is None else when,
        "config": config.name,
        "endpoint": config.endpoint,
        "service": str(config.setting(SERVICE.key)),
        "host": host,
        "key_name": str(config.setting(KEY_NAME.key) or DEFAULT_KEY),
        "elapsed_ms": elapsed_ms,
        "body": redact(body_with_references(config), secrets),
        "connection": redact(dict(connection), secrets),
    }
    if isinstance(outcome, MintError):
        return MintRecord(outcome=type(outcome).__name__, status=outcome.status, message=outcome.message,
                          request_id=outcome.request_id, **common)
    session = outcome.session if isinstance(outcome.session, dict) else {}
    session_id = session.get("id")
    return MintRecord(outcome="ok", status=outcome.status, request_id=outcome.request_id,
                      session_id=scrub_error(session_id) if isinstance(session_id, str) else None,
                      expires_at=outcome.expires_at, **{**common, "elapsed_ms": outcome.elapsed_ms})


def recorded_configuration(record: MintRecord, name: str) -> Imported:
    """What ``record`` sent, as a configuration named ``name``: its body imported
    for its endpoint (keyring references kept), its connection settings restored.
    Raises ``ValueError`` when the body can't be read."""
    imported = read_import(json.dumps(record.body), name, record.endpoint)
    known = {f.key for f in CONNECTION_FIELDS}
    imported.configuration.connection = {k: v for k, v in record.connection.items() if k in known}
    return imported
