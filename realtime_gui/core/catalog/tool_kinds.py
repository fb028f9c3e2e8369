"""The kinds of tool a session may list (functions, MCP servers), declared as data.

Adding a kind of tool is one :class:`~realtime_gui.core.catalog.tools.ToolKind`
here, named in ``TOOLS``: its item fields, the field that names its tools, the
shapes that accept it. Like a session field, each item field (and each part
inside one) says what leaving it out means: a default, ``default_note``, or
``unset``; the form's placeholders and ``realtime-gui fields`` read the same words.
"""

from __future__ import annotations

from realtime_gui.core.catalog.field_type import Option
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.object_types import Either, Form, Record
from realtime_gui.core.catalog.scalar_types import Boolean, Choice, MultiChoice
from realtime_gui.core.catalog.text_types import Json, Secret, SecretMap, Text
from realtime_gui.core.catalog.tools import ToolKind, ToolList, ToolNames

__all__ = ["FUNCTION_TOOL", "MCP_TOOL", "TOOLS"]

_STR_MAP = {"type": "object", "additionalProperties": {"type": "string"}}


def _tool_filter(which: str) -> Record:
    """The filter object MCP settings share: tools by name, or those marked read-only."""
    return Record((
        Field("tool_names", "Tool names", f"The server's tools {which}, by name.", type=ToolNames(),
              unset="omitted"),
        Field("read_only", "Read-only", f"True: the tools {which} include those the server marks read-only "
              "(its readOnlyHint annotation).", type=Boolean(), unset="omitted"),
    ))


_ALLOWED_TOOLS = Either(forms=(
    Form("list", "Tool names", "Only the tools named here.", ToolNames()),
    Form("object", "Filter", "The tools that match a filter: by name, read-only, or both.",
         _tool_filter("the model may see")),
))
_APPROVAL = Either(literals=(
    Option("always", "Every call to the server needs your approval"),
    Option("never", "No call to the server needs your approval"),
), forms=(Form("object", "Per tool", "Decide per tool: those matching 'always' need approval, those "
                                     "matching 'never' don't.", Record((
    Field("always", "Always", "The tools whose calls always need approval.", type=_tool_filter("that always need it"),
          unset="omitted"),
    Field("never", "Never", "The tools whose calls never need approval.", type=_tool_filter("that never need it"),
          unset="omitted"),
))),))

FUNCTION_TOOL = ToolKind("function", "Function", "A function your client implements and the model may call.", (
    Field("name", "Name", "The name the model calls the function by. Letters, digits, _ and -, "
          "at most 64 characters, unique among the tools.",
          type=Text(pattern=r"[a-zA-Z0-9_-]{1,64}", pattern_hint="1 to 64 letters, digits, _ or -"), unset="omitted"),
    Field("description", "Description", "Tell the model when to call this function and what it does.",
          type=Text(multiline=True), unset="omitted"),
    Field("parameters", "Parameters", "The function's arguments as a JSON Schema object.",
          type=Json(schema={"type": "object"}, json_schema=True, template={
              "type": "object",
              "properties": {"query": {"type": "string", "description": "What to look up"}},
              "required": ["query"],
              "additionalProperties": False,
          }), unset="omitted"),
), named_by="name", required=("name",), choice_help="Always call this function", choice_label="a function",
   bare_choice_on=frozenset({"beta"}))

MCP_TOOL = ToolKind("mcp", "MCP server", "A remote MCP server whose tools the model may call.", (
    Field("server_label", "Server label", "A short label that names this server in tool calls.",
          type=Text(), unset="omitted"),
    Field("server_url", "Server URL", "The MCP server's address. Give this or a connector.",
          type=Text(pattern=r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+", pattern_hint="a URL such as https://example.com/mcp"),
          unset="omitted"),
    Field("connector_id", "Connector", "A service connector OpenAI hosts, instead of a server URL.",
          type=Choice(tuple(Option(f"connector_{n}", h) for n, h in (
              ("dropbox", "Dropbox"), ("gmail", "Gmail"), ("googlecalendar", "Google Calendar"),
              ("googledrive", "Google Drive"), ("microsoftteams", "Microsoft Teams"),
              ("outlookcalendar", "Outlook Calendar"), ("outlookemail", "Outlook email"),
              ("sharepoint", "SharePoint")))), unset="omitted"),
    Field("tunnel_id", "Tunnel", "The id of a tunnel that reaches a private MCP server.",
          type=Text(pattern=r"tunnel_[a-z0-9]{32}", pattern_hint="tunnel_ followed by 32 lowercase letters or digits"),
          unset="omitted"),
    Field("authorization", "Authorization", "An OAuth access token for the server. Kept in the OS keyring; "
          "the configuration file only points to it.", type=Secret(), secret=True, unset="omitted"),
    Field("server_description", "Server description", "What the server is for, to help the model choose.",
          type=Text(multiline=True), unset="omitted"),
    Field("headers", "Headers", "Extra HTTP headers sent to the server, as a JSON object of strings. They often "
          "carry tokens, so each value is kept in the OS keyring; the configuration file only points to it.",
          type=SecretMap(schema=_STR_MAP, template={"X-Example": "value"}), secret=True, item_nullable=True,
          unset="omitted"),
    Field("allowed_tools", "Allowed tools", "Limit which of the server's tools the model sees: by a list of "
          "names, or by a filter.", type=_ALLOWED_TOOLS, item_nullable=True,
          default_note="all of the server's tools"),
    Field("allowed_callers", "Allowed callers", "Who may call the server's tools.",
          type=MultiChoice((Option("direct", "The model itself"),
                            Option("programmatic", "Code the model runs")), min_items=1), item_nullable=True,
          unset="service"),
    Field("require_approval", "Require approval", "Which calls to the server's tools wait for your approval: "
          "all, none, or per tool.", type=_APPROVAL, item_nullable=True, unset="service"),
    Field("defer_loading", "Defer loading", "Load the server's tool list only when first needed.",
          type=Boolean(), unset="service"),
), named_by="server_label", shapes=frozenset({"ga"}), required=("server_label",),
   needs_one_of=("server_url", "connector_id"), choice_help="Call a tool of this MCP server",
   choice_label="an MCP tool", choice_extras=(
       Field("name", "Tool name", "The tool to call on the server; when not sent, the model picks among its tools.",
             type=Text(), item_nullable=True, default_note="any of the server's tools, as the model picks"),))

TOOLS = ToolList((FUNCTION_TOOL, MCP_TOOL))
