"""`gvi schema export`: the GraphQL SDL, as checked in at ``schema.graphql``."""

from __future__ import annotations

import typer

schema_app = typer.Typer(no_args_is_help=True, help="The GraphQL schema.")


def sdl() -> str:
    from api.graphql.schema import build_schema

    return build_schema().as_str() + "\n"


@schema_app.command("export")
def export() -> None:
    """Print the GraphQL schema (SDL) to standard output."""
    typer.echo(sdl(), nl=False)
