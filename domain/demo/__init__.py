"""Demo cities with synthetic data (`gvi demo load`): repeatable and idempotent."""

from domain.demo.load import load

__all__ = ["load"]
