"""The `gvi` command line: operator tasks on the same services the API uses."""

from __future__ import annotations

import sys

import typer
from typer._click import exceptions as usage  # Typer ships its own copy of Click's exceptions

from api.cli.main import app

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> None:
    """``gvi``: Typer's app, with usage errors as one line (``error: …``, exit 2) instead of a box."""
    try:
        code = app(args=argv, prog_name="gvi", standalone_mode=False)
    except usage.NoArgsIsHelpError as exc:  # `gvi tenant`: the group's help, as before
        typer.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(2)
    except usage.UsageError as exc:
        where = f"{exc.ctx.command_path}: " if exc.ctx else ""
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        message = " ".join(exc.format_message().split())  # one line, whatever the parser wrapped
        typer.echo(f"error: {where}{message}{hint}", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
