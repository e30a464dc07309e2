"""The sandbox's command line: ``python -m smtp.sandbox`` (and ``smtp sandbox``).

``add_arguments`` puts the options on any ``argparse`` parser, so the ``smtp`` command can
mount the same ones; ``run`` serves until Ctrl-C or SIGTERM; ``main`` is both.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

__all__ = ["DEFAULT_PORT", "add_arguments", "build_arg_parser", "main", "run"]

#: the port used when none is given
DEFAULT_PORT = 8025


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the sandbox's options to ``parser`` and return it."""
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to bind; 0 takes a free one (default: {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--db", metavar="PATH", help="keep messages in this SQLite file across restarts (default: in memory)"
    )
    parser.add_argument(
        "--api-key",
        dest="api_keys",
        metavar="KEY",
        action="append",
        default=[],
        help="accept only this API key (repeatable); without it any non-empty key passes",
    )
    parser.add_argument(
        "--channel",
        dest="channels",
        metavar="NAME",
        action="append",
        default=[],
        help="create this channel at start (repeatable); once any channel exists, sends to others are refused",
    )
    parser.add_argument(
        "--allow-host",
        dest="allow_hosts",
        metavar="NAME",
        action="append",
        default=[],
        help="also accept requests whose Host header gives this name (repeatable); by default only localhost "
        "and the bound address are accepted, which keeps pages reached through DNS rebinding out",
    )
    parser.add_argument(
        "--callback-url",
        dest="callback_urls",
        metavar="URL",
        action="append",
        default=[],
        help="POST every callback event of every channel to this URL, as the service does (repeatable)",
    )
    parser.add_argument("--quiet", action="store_true", help="do not log requests to stderr")
    parser.add_argument("--open", action="store_true", help="open the web inbox in a browser once listening")
    return parser


def build_arg_parser(prog: str | None = "python -m smtp.sandbox") -> argparse.ArgumentParser:
    """The parser of ``python -m smtp.sandbox``."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "A local SMTP.com Messages API (v4) for development and tests. Point the SDK at the printed URL; "
            "recipients at simulator.test bounce, defer, complain, open, click or unsubscribe."
        ),
    )
    return add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C or SIGTERM. Prints ``smtp sandbox listening on URL`` when ready."""
    from smtp.sandbox.server import Sandbox

    sandbox = Sandbox(
        args.host,
        args.port,
        args.db,
        args.api_keys,
        args.channels,
        log=not args.quiet,
        allow_hosts=getattr(args, "allow_hosts", ()),
        callback_urls=getattr(args, "callback_urls", ()),
    )
    try:
        sandbox.start()
    except ValueError as error:  # a --callback-url that is not an http(s) URL
        print(f"smtp sandbox: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"smtp sandbox: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 1
    stop = threading.Event()
    previous = _on_signals(stop)
    try:
        print(f"smtp sandbox listening on {sandbox.url}", flush=True)
        print(f"web inbox: {sandbox.inbox_url}", flush=True)
        if args.open:
            import webbrowser

            webbrowser.open(sandbox.inbox_url)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
        _restore(previous)
    print("smtp sandbox stopped", file=sys.stderr)
    return 0


def _on_signals(stop: threading.Event) -> dict[int, Any]:
    """Let SIGINT and SIGTERM set ``stop`` (only possible in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, lambda *_: stop.set())
    return previous


def _restore(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m smtp.sandbox [--host H] [--port P] [--db PATH] [--api-key KEY]... [--channel NAME]...
    [--allow-host NAME]...``"""
    return run(build_arg_parser().parse_args(argv))
