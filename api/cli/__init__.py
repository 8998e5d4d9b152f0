"""The `gvi` command line: operator tasks on the same services the API uses."""

from api.cli.main import app

__all__ = ["app"]
