"""The ``serve`` command: a local token endpoint for test pages, until Ctrl-C.

Kept apart from :mod:`realtime_gui.cli` as :mod:`realtime_gui.cli_failures` is;
uvicorn and Starlette load only once the configuration has been checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from realtime_gui.cli_context import Context
    from realtime_gui.core.serve.rules import Rate

__all__ = ["serve", "serve_parser"]


def serve_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], epilog: str) -> None:
    import argparse

    serve = commands.add_parser(
        "serve", help="serve fresh client secrets to pages on this computer, and a test page",
        description="Answer GET or POST /token on 127.0.0.1 with a client secret minted from the saved "
                    "configuration, as a page's own backend would, and serve a test page at / that talks to the "
                    "model over WebRTC. The first line printed is the address; the log goes to standard error. "
                    "Ctrl-C stops.",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("name", metavar="NAME", help="the saved configuration")
    serve.add_argument("--port", type=_port, default=0, metavar="N",
                       help="the port on 127.0.0.1 (default 0: any free one)")
    serve.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                       help="a page origin that may take tokens, such as http://localhost:5173 (repeat for more); "
                            "requests from any other origin are refused")
    serve.add_argument("--rate", type=_rate, default=None, metavar="N/min",
                       help="at most N tokens a minute (also N/s, N/h; default 30/min)")


def _port(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 0 to 65535")
    return int(text)


def _rate(text: str) -> Rate:
    import argparse

    from realtime_gui.core.serve.rules import parse_rate

    try:
        return parse_rate(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def serve(ctx: Context, args: argparse.Namespace) -> int:
    """Serve until Ctrl-C or SIGTERM; the URL is the first line on standard output, the log on standard error."""
    import signal
    import threading

    from realtime_gui.core.library.configurations import load_configuration
    from realtime_gui.core.serve.rules import DEFAULT_RATE, parse_origin
    from realtime_gui.core.serve.setup import check_servable
    from realtime_gui.core.service.exit_codes import EXIT_UNEXPECTED

    origins = tuple(parse_origin(origin) for origin in args.allow_origin)
    config = load_configuration(ctx.store, args.name)
    check_servable(config, ctx.keys)
    from realtime_gui.core.serve.server import ServeSettings, TokenServer  # uvicorn loads here, not before

    name = config.name
    settings = ServeSettings(port=args.port, origins=origins, rate=args.rate or DEFAULT_RATE)
    server = TokenServer(lambda: load_configuration(ctx.store, name), ctx.keys, settings,
                         on_log=lambda record: ctx.tell(record.line()))
    asked = threading.Event()
    # Both signals stop it the same way: open requests answered, then exit 0.
    previous = {sig: signal.signal(sig, lambda *_: asked.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.start()
        ctx.print(server.url)
        ctx.out.flush()
        trusted = ", ".join(origins) or "none besides its own pages"
        ctx.tell(f"serving tokens for {name!r} at {server.url}token, at most {settings.rate}; "
                 f"trusted origins: {trusted}. Ctrl-C stops.")
        while server.running and not asked.wait(0.5):
            pass
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not asked.is_set():
        ctx.error("the server stopped on its own; see the lines above")
        return EXIT_UNEXPECTED
    ctx.tell("stopped")
    return 0
