"""The README's permission table is the matrix in code."""

from __future__ import annotations

import re
from pathlib import Path

from domain.identity.permissions import matrix_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_matrix_equals_code():
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- permission-matrix:start -->\n(.*?)\n<!-- permission-matrix:end -->", text, re.S)
    assert found, "README lacks the permission-matrix markers"
    assert found.group(1).strip() == matrix_markdown().strip(), (
        "README permission table is stale: paste domain.identity.permissions.matrix_markdown()")
