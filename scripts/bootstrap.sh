# Sourced by scripts/run and scripts/test: makes `uv` available and installs the locked dependencies.
# Needs only Python 3.11+ on the machine; uv is installed into .tools/ when it is not on PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if command -v uv >/dev/null 2>&1; then
  UV="$(command -v uv)"
else
  if [ ! -x "$ROOT/.tools/bin/uv" ]; then
    echo "• installing uv into .tools/ (one time)" >&2
    PY="$(command -v python3.13 || command -v python3.12 || command -v python3.11 || command -v python3)"
    "$PY" -m venv "$ROOT/.tools"
    "$ROOT/.tools/bin/python" -m pip install --quiet --disable-pip-version-check uv
  fi
  UV="$ROOT/.tools/bin/uv"
fi
export UV
"$UV" sync --frozen --quiet
