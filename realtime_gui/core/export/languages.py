"""Each language's way of spelling a snippet's parts, and the registry of languages.

A language is its template (``resources/snippet-ID.txt``, kept as data) and a
function that turns a :class:`~.target.SnippetTarget` into the text of each
``{{part}}`` the template names. Adding a language is one template and one entry
in :data:`LANGUAGES`.
"""

from __future__ import annotations

from collections.abc import Callable

from realtime_gui.core.export.literals import (
    js_string,
    json_text,
    python_literal,
    python_string,
    shell_string,
    swift_raw_text,
    swift_string,
)
from realtime_gui.core.export.target import DEFAULT_BASE_URL, SnippetTarget
from realtime_gui.core.records import record

__all__ = ["LANGUAGES", "Language", "Parts"]

Parts = dict[str, str]
_BASE_VARIABLE = "OPENAI_BASE_URL"


@record
class Language:
    """One language a configuration can be exported to."""

    id: str  # what ``configs export --as`` takes
    label: str  # for menus: "Python (httpx)"
    comment: str  # how a line comment starts
    parts: Callable[[SnippetTarget], Parts]


def _headers(target: SnippetTarget, line: Callable[[str, str], str]) -> str:
    return "".join(line(name, value) + "\n" for name, value in target.headers.items())


def _curl(target: SnippetTarget) -> Parts:
    base = (shell_string(target.base) if target.base is not None
            else f'"${{{_BASE_VARIABLE}:-{DEFAULT_BASE_URL}}}"')
    return {
        "base": base, "path": shell_string(target.path), "key_header": target.key_header,
        "key_prefix": "Bearer " if target.bearer else "",
        "headers": _headers(target, lambda name, value: f"  -H {shell_string(f'{name}: {value}')} \\"),
        "body": json_text(target.body),
    }


def _python(target: SnippetTarget) -> Parts:
    base = (python_string(target.base) if target.base is not None
            else f'os.environ.get("{_BASE_VARIABLE}") or {python_string(DEFAULT_BASE_URL)}')
    return {
        "base": base, "path": python_string(target.path), "key_header": python_string(target.key_header),
        "key_value": 'f"Bearer {API_KEY}"' if target.bearer else "API_KEY",
        "headers": _headers(target, lambda n, v: f"        {python_string(n)}: {python_string(v)},"),
        "body": python_literal(target.body), "secret": "".join(f"[{python_string(k)}]" for k in target.secret_path),
    }


# The official SDK's call for each endpoint (OpenAI's paths; Azure's v1 paths are the same below /openai/v1).
_SDK_CALLS = {
    "ga": "client.realtime.client_secrets.create",
    "ga-transcription": "client.realtime.client_secrets.create",
    "translation": "client.realtime.translations.client_secrets.create",
    "beta": "client.beta.realtime.sessions.create",
    "beta-transcription": "client.beta.realtime.transcription_sessions.create",
}


def _python_openai(target: SnippetTarget) -> Parts:
    extra = {name: value for name, value in target.headers.items() if name == "OpenAI-Beta"}
    named = {"OpenAI-Organization": "organization", "OpenAI-Project": "project"}
    args = [f"{named[name]}={python_string(value)}" for name, value in target.headers.items() if name in named]
    secret = "".join(f".{key}" for key in target.secret_path)
    note = ""
    client = "OpenAI"
    call = f"{_SDK_CALLS[target.endpoint_id]}(**BODY{_keyword('extra_headers', extra)})"
    resource = target.base or ""  # Azure always has its resource's URL
    if target.azure and target.path.startswith("/openai/v1/"):
        args[:0] = [f"base_url={python_string(resource + '/openai/v1')}",
                    f'api_key=os.environ["{target.key_variable}"]']
        note = ("\n# Azure's v1 paths take the SDK's OpenAI client, as Microsoft's v1 samples use it: "
                "it sends the key as a bearer token.")
    elif target.azure:
        client = "AzureOpenAI"
        path, _, version = target.path.partition("?api-version=")
        args = [f"azure_endpoint={python_string(resource)}", f"api_version={python_string(version)}",
                f'api_key=os.environ["{target.key_variable}"]']
        call = f"client.post({python_string(path.removeprefix('/openai'))}, body=BODY, cast_to=object)"
        secret = "".join(f"[{python_string(k)}]" for k in target.secret_path)
        note = ("\n# The SDK has no call of its own for Azure's preview (beta) paths, so this sends the body "
                "with its\n# general-purpose post, signed by its Azure client (api-key header, api-version).")
    elif target.base is not None:
        args.insert(0, f"base_url={python_string(target.base)}")
    else:
        note = f"\n# Without a base_url, the client reads {_BASE_VARIABLE}, else uses {DEFAULT_BASE_URL}."
    listed = "".join(f"\n    {arg}," for arg in args) + "\n" if len(args) > 1 else "".join(args)
    return {"client_class": client, "client_args": listed, "client_note": note, "call": call,
            "import_os": "import os\n\n" if "os.environ" in listed else "",
            "body": python_literal(target.body), "secret": secret}


def _keyword(name: str, value: dict[str, str]) -> str:
    return f", {name}={python_literal(value)}" if value else ""


def _javascript(target: SnippetTarget) -> Parts:
    base = (js_string(target.base) if target.base is not None
            else f"process.env.{_BASE_VARIABLE} || {js_string(DEFAULT_BASE_URL)}")
    return {
        "base": base, "path": js_string(target.path), "key_header": js_string(target.key_header),
        "key_value": "`Bearer ${apiKey}`" if target.bearer else "apiKey",
        "headers": _headers(target, lambda n, v: f"      {js_string(n)}: {js_string(v)},"),
        "body": json_text(target.body), "secret": "".join(f".{key}" for key in target.secret_path),
    }


def _swift(target: SnippetTarget) -> Parts:
    base = (swift_string(target.base) if target.base is not None
            else f'environment["{_BASE_VARIABLE}"].flatMap {{ $0.isEmpty ? nil : $0 }} ?? '
                 f"{swift_string(DEFAULT_BASE_URL)}")
    return {
        "base": base, "path": swift_string(target.path), "key_header": swift_string(target.key_header),
        "key_value": '"Bearer \\(apiKey)"' if target.bearer else "apiKey",
        "headers": _headers(target, lambda n, v: f"request.setValue({swift_string(v)}, "
                                                 f"forHTTPHeaderField: {swift_string(n)})"),
        "body": swift_raw_text(json_text(target.body)),
    }


LANGUAGES: dict[str, Language] = {language.id: language for language in (
    Language("curl", "curl", "#", _curl),
    Language("python", "Python (httpx)", "#", _python),
    Language("python-openai", "Python (OpenAI SDK)", "#", _python_openai),
    Language("javascript", "JavaScript (Node fetch)", "//", _javascript),
    Language("swift", "Swift (URLSession)", "//", _swift),
)}
"""Every language, by the id ``configs export --as`` takes, in menu order."""
