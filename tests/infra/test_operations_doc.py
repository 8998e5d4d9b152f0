"""docs/operations.md names every setting the code reads."""

from __future__ import annotations

from pathlib import Path

from tenants.settings import Settings

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def test_every_setting_is_documented():
    text = GUIDE.read_text(encoding="utf-8")
    missing = [f"GVI_{name.upper()}" for name in Settings.model_fields if f"`GVI_{name.upper()}`" not in text]
    assert missing == [], f"document these settings in docs/operations.md (table 'Settings'): {missing}"
