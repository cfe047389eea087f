"""The sandbox's command line: ``python -m omnitui.sandbox`` and ``omnitui sandbox``.

The main CLI adds these same arguments to its ``sandbox`` subcommand with :func:`add_arguments`
and runs them with :func:`run_from_args`, so both entry points behave identically.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from omnitui.sandbox.data.store import StoreError
from omnitui.sandbox.server.ignored import WRITE_FIELDS, field_names
from omnitui.sandbox.server.permissions import PERMISSIONS, permission_names
from omnitui.sandbox.server.runner import API_KEY_VARIABLE, DEFAULT_HOST, DEFAULT_PORT, run


def default_db_path() -> Path:
    """Return the database ``--demo`` uses too, in the user data dir (``$OMNITUI_DATA_DIR``)."""
    from omnitui.core import paths

    return paths.demo_db()


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be from 0 to 65535")
    return value


def _latency(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 600_000:
        raise argparse.ArgumentTypeError("must be from 0 to 600000 milliseconds")
    return value


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be from 0 to 1")
    return value


def _fields(text: str) -> frozenset[str]:
    try:
        return field_names(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _permissions(text: str) -> frozenset[str]:
    try:
        return permission_names(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_arguments(parser: argparse.ArgumentParser, *, default_db: Path | None = None) -> None:
    """Add the sandbox's options to ``parser``; ``default_db`` is used when ``--db`` is absent."""
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (%(default)s)")
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="port, 0 for any free one (%(default)s)"
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=default_db,
        help="SQLite database; created with demo data if missing (default: user data dir)",
    )
    parser.add_argument(
        "--api-key",
        dest="api_key",
        help=f"key clients must send (default: ${API_KEY_VARIABLE}, else a random one, printed)",
    )
    parser.add_argument(
        "--latency",
        type=_latency,
        default=0,
        metavar="MS",
        help="wait this long before every API response",
    )
    parser.add_argument(
        "--fail-rate",
        dest="fail_rate",
        type=_rate,
        default=0.0,
        metavar="P",
        help="answer this fraction (0..1) of API requests with a 500",
    )
    parser.add_argument(
        "--ignore-fields",
        dest="ignore_fields",
        type=_fields,
        default=frozenset(),
        metavar="F1,F2",
        help="accept these write fields with success but do not apply them "
        f"(any of {', '.join(WRITE_FIELDS)})",
    )
    parser.add_argument(
        "--deny-permission",
        dest="denied_permissions",
        type=_permissions,
        default=frozenset(),
        metavar="P1,P2",
        help=f"answer the calls needing these with a 403 (any of {', '.join(PERMISSIONS)})",
    )
    parser.add_argument(
        "--reset", action="store_true", help="rebuild the demo database from scratch"
    )
    parser.add_argument(
        "--exit-with-parent",
        dest="exit_with_parent",
        action="store_true",
        help="stop when stdin is closed (for a parent process that holds a pipe to it)",
    )


def run_from_args(args: argparse.Namespace) -> int:
    """Run the sandbox with parsed arguments; return the process exit status."""
    db = args.db if args.db is not None else default_db_path()
    try:
        run(
            db=db,
            host=args.host,
            port=args.port,
            api_key=args.api_key,
            latency_ms=args.latency,
            fail_rate=args.fail_rate,
            reset=args.reset,
            exit_with_parent=args.exit_with_parent,
            ignore_fields=args.ignore_fields,
            denied_permissions=args.denied_permissions,
        )
    except OSError as exc:
        print(
            f"omnitui sandbox: cannot listen on {args.host}:{args.port} or open {db}: "
            f"{exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    except StoreError as exc:
        print(f"omnitui sandbox: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Parse ``argv`` (default: the process's) and run the sandbox in the foreground."""
    parser = argparse.ArgumentParser(
        prog=prog or "python -m omnitui.sandbox",
        description="A local Omnidesk API v2 with demo data and fault injection.",
    )
    add_arguments(parser)
    return run_from_args(parser.parse_args(argv))
