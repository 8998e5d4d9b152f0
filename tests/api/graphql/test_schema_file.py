"""The checked-in ``schema.graphql`` is exactly what ``gvi schema export`` prints."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from api.cli.main import app

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "schema.graphql"


def test_schema_file_matches_code():
    result = CliRunner().invoke(app, ["schema", "export"])
    assert result.exit_code == 0, result.output
    assert "type Query" in result.output
    assert result.output == SCHEMA_FILE.read_text(), "schema.graphql is stale: run `gvi schema export > schema.graphql`"
