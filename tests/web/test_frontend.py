"""The front end's own checks: unit tests (Vitest), generated GraphQL types up to date, bundle budget."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess

from tests.web.conftest import FRONTEND

INITIAL_JS_BUDGET = 300 * 1024  # gzipped bytes of the scripts the first page load fetches


def npx(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    npx = shutil.which("npx")
    assert npx, "Node.js is needed for the web UI (scripts/test installs it)"
    return subprocess.run([npx, *args], cwd=FRONTEND, capture_output=True, text=True, timeout=timeout)


def test_unit_tests_pass():
    out = npx("vitest", "run", "--reporter=dot")
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-4000:]


def test_generated_graphql_code_matches_the_checked_in_schema():
    out = npx("graphql-codegen", "--config", "codegen.ts", "--check")
    assert out.returncode == 0, "stale: run `npm run codegen` in frontend/\n" + out.stdout[-3000:] + out.stderr[-3000:]


def test_initial_javascript_fits_the_budget():
    index = (FRONTEND / "dist" / "index.html").read_text()
    scripts = re.findall(r'<script[^>]*src="/(assets/[^"]+\.js)"', index)
    preloads = re.findall(r'<link rel="modulepreload"[^>]*href="/(assets/[^"]+\.js)"', index)
    assert scripts, "no entry script in index.html"
    assert "<script>" not in index and not re.search(r"<script(?![^>]*src=)[^>]*>", index), "inline script in index.html"
    size = sum(len(gzip.compress((FRONTEND / "dist" / p).read_bytes(), 9)) for p in set(scripts + preloads))
    print(f"initial JavaScript: {size / 1024:.1f} KiB gzipped")
    assert size <= INITIAL_JS_BUDGET, f"initial JavaScript is {size / 1024:.1f} KiB gzipped (budget 300)"
