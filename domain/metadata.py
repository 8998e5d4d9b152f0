"""All tables of the platform in one MetaData, for Alembic and the catalogue tests.

Importing the model modules registers their tables; add a new model package here.
"""

import importlib
import pkgutil

import domain
import tenants.crypto.models  # noqa: F401
import tenants.models  # noqa: F401
from tenants.rls import Base


def _import_domain_models() -> None:
    # Every domain package keeps its tables in a `models` module; import them all so that a new
    # package cannot be left out of migrations.
    for info in pkgutil.walk_packages(domain.__path__, prefix="domain."):
        if info.name.endswith(".models"):
            importlib.import_module(info.name)


_import_domain_models()
metadata = Base.metadata

# Kernel tables outside domain packages (idempotent writes, shared rate limits).
import tenants.idempotency  # noqa: E402,F401
import tenants.ratelimit  # noqa: E402,F401
