"""Test database: one PostgreSQL for the session, migrated once, each test in a rolled-back transaction.

Default: an embedded PostgreSQL (pgserver) in a temporary directory. ``GVI_TEST_DATABASE_URL``
(a role that may create databases, e.g. a superuser) points the suite at another server instead;
a fresh database is created there and dropped at the end.

Tests run as the runtime role (``gvi_app``): RLS applies to them exactly as to the app.
"""

from __future__ import annotations

import base64
import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

# A throwaway master key for the session, so the suite never creates key files in the user's data dir.
os.environ.setdefault("GVI_MASTER_KEY", base64.b64encode(os.urandom(32)).decode())
os.environ["GVI_DATA_DIR"] = tempfile.mkdtemp(prefix="gvi-test-data-")

from tenants import migrate  # noqa: E402
from tenants.database import TenantSession, create_engine, normalise_url  # noqa: E402
from tenants.models import Tenant  # noqa: E402
from tenants.settings import get_settings  # noqa: E402


@dataclass(frozen=True)
class TestServer:
    admin_url: str  # may create databases
    owner_role: str | None  # None: the admin is the owner

    def url_for(self, database: str, user: str | None = None) -> str:
        u = make_url(self.admin_url).set(database=database)
        if user:
            u = u.set(username=user, password=None)
        return u.render_as_string(hide_password=False)


async def create_database(server: TestServer, name: str) -> None:
    engine = create_engine(server.admin_url, pool_size=1, max_overflow=0, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            owner = f' OWNER "{server.owner_role}"' if server.owner_role else ""
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await conn.execute(text(f'CREATE DATABASE "{name}"{owner}'))
    finally:
        await engine.dispose()


async def drop_database(server: TestServer, name: str) -> None:
    engine = create_engine(server.admin_url, pool_size=1, max_overflow=0, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


@dataclass(frozen=True)
class TestDatabase:
    server: TestServer
    name: str
    owner_url: str
    app_url: str


@pytest.fixture(scope="session")
def test_server() -> TestServer:
    external = os.environ.get("GVI_TEST_DATABASE_URL")
    if external:
        return TestServer(admin_url=normalise_url(external), owner_role=None)
    from tenants import embedded

    data_dir = Path(tempfile.mkdtemp(prefix="gvi-test-"))
    settings = get_settings()
    urls = embedded.start(data_dir, settings.owner_role, settings.app_role)
    return TestServer(admin_url=urls.superuser, owner_role=settings.owner_role)


@pytest.fixture(scope="session")
async def test_database(test_server: TestServer) -> AsyncIterator[TestDatabase]:
    name = f"gvi_test_{uuid.uuid4().hex[:8]}"
    await create_database(test_server, name)
    owner_user = test_server.owner_role
    db = TestDatabase(
        server=test_server,
        name=name,
        owner_url=test_server.url_for(name, owner_user),
        app_url=test_server.url_for(name, get_settings().app_role),
    )
    await migrate.upgrade(db.owner_url)
    yield db
    await drop_database(test_server, name)


@pytest.fixture(scope="session")
async def app_engine(test_database: TestDatabase) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(test_database.app_url, pool_size=5, max_overflow=5)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def owner_engine(test_database: TestDatabase) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(test_database.owner_url, pool_size=2, max_overflow=2)
    yield engine
    await engine.dispose()


@pytest.fixture
async def app_connection(app_engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A runtime-role connection inside an outer transaction rolled back after the test."""
    async with app_engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        await outer.rollback()


@pytest.fixture
async def db(app_connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    """A session as the runtime role; its commits become savepoints of the rolled-back transaction."""
    session = AsyncSession(
        bind=app_connection,
        sync_session_class=TenantSession,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
    )
    yield session
    await session.close()


_spare_codes = (f"{n:04d}" for n in range(9999, 0, -1))


def spare_kommunkod() -> str:
    """A kommunkod no other test tenant holds (one tenant per kommunkod; never a real one, so the
    demo cities keep theirs)."""
    from tenants.municipalities import lookup

    return next(code for code in _spare_codes if lookup(code) is None)


_real_codes = None


def real_spare_kommunkod() -> str:
    """A real municipality's code no other test tenant holds (for tests that look codes up), taken
    from the end of the list so it never meets the demo cities' or a test's explicit early codes."""
    global _real_codes
    if _real_codes is None:
        from tenants.municipalities import municipalities

        demo = {"1280", "1480", "0180", "1880"}
        _real_codes = iter(sorted((c for c in municipalities() if c not in demo), reverse=True))
    return next(_real_codes)


async def make_tenant(session: AsyncSession, slug: str | None = None, kommunkod: str | None = None) -> Tenant:
    tenant = Tenant(
        id=uuid.uuid4(), slug=slug or f"t-{uuid.uuid4().hex[:10]}", name=f"Test city {slug or ''}".strip(),
        kommunkod=kommunkod or spare_kommunkod(),
    )
    session.add(tenant)
    await session.flush()
    return tenant


@pytest.fixture
async def tenant_a(db: AsyncSession) -> Tenant:
    return await make_tenant(db)


@pytest.fixture
async def tenant_b(db: AsyncSession) -> Tenant:
    return await make_tenant(db)


# --- committed data (audit, rotation, lifecycle tests: several transactions, other connections) ---


@pytest.fixture(scope="session")
def app_sessions(app_engine: AsyncEngine):
    from tenants.database import session_factory

    return session_factory(app_engine)


@pytest.fixture(scope="session")
def owner_sessions(owner_engine: AsyncEngine):
    from tenants.database import session_factory

    return session_factory(owner_engine)


async def purge_tenant(owner_engine: AsyncEngine, tenant_id: uuid.UUID) -> None:
    """Delete a committed test tenant with everything it owns (its audit entries included)."""
    async with owner_engine.begin() as conn:
        await conn.execute(text("select set_config('app.audit_purge_tenant', :t, true)"), {"t": str(tenant_id)})
        await conn.execute(text("delete from tenants where id = :t"), {"t": tenant_id})


@pytest.fixture
async def committed_tenant(app_sessions, owner_engine: AsyncEngine) -> AsyncIterator[Tenant]:
    tenant = Tenant(id=uuid.uuid4(), slug=f"c-{uuid.uuid4().hex[:10]}", name="Committed city", kommunkod=spare_kommunkod())
    async with app_sessions() as s, s.begin():
        s.add(tenant)
    yield tenant
    await purge_tenant(owner_engine, tenant.id)


@pytest.fixture(scope="session")
async def demo(app_engine, owner_engine) -> AsyncIterator[dict[str, Tenant]]:
    """The demo cities, loaded once in committed transactions (removed again, audit entries included, at the end)."""
    from sqlalchemy import select

    from domain.demo import load
    from domain.demo.load import DEMO_CITIES
    from tenants.database import session_factory

    sessions = session_factory(app_engine)
    await load(sessions)
    slugs = [c.slug for c in DEMO_CITIES]
    async with sessions() as s:
        tenants = {t.slug: t for t in await s.scalars(select(Tenant).where(Tenant.slug.in_(slugs)))}
    yield tenants
    for tenant in tenants.values():
        await purge_tenant(owner_engine, tenant.id)


# The longest groups, longest first (measured on a loaded two-core machine: the browser tests ~4 min, the
# CLI modules 1.5-2 min as every command is a fresh process, each matrix walk ~1 min). xdist hands groups
# out in queue order; one of these handed out last would run alone while the other worker idles.
LONG_GROUPS = (
    "browser",
    "tests/identity/test_cli.py",
    "tests/tenants/test_cli.py",
    "tests/api/graphql/test_matrix_paths.py::test_every_path_on_the_scenario_city_answers_what_the_matrix_says",
    "tests/api/graphql/test_matrix_paths.py::test_every_path_on_the_demo_city_answers_what_the_matrix_says",
    "tests/api/graphql/test_compiled_reads.py",
    "tests/tenants/test_serve.py",
    "tests/national/test_cli.py",
    "tests/domain/lifecycle/test_demo_lifecycle.py",
    "tests/identity/test_two_processes.py",
    "tests/identity/test_demo.py",
)
# Modules whose tests share no module fixture worth keeping together: one group per test function, so
# their long walks run on both workers.
SPLIT_BY_TEST = {"tests/api/graphql/test_matrix_paths.py"}


def xdist_group_of(nodeid: str) -> str:
    """A module's tests stay on one worker, so module fixtures (servers, clusters) start once; the browser
    tests share one served demo, so they are one group."""
    module, _, rest = nodeid.split("@", 1)[0].partition("::")
    if module.startswith("tests/web/"):
        return "browser"
    return f"{module}::{rest.split('[', 1)[0]}" if module in SPLIT_BY_TEST else module


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` (as ``scripts/test`` runs the whole suite) with the groups above, longest first.

    Grouped here from the node ids rather than by ``xdist_group`` marks: pytest-xdist 3.8 writes a mark's
    group into ``item._nodeid``, which pytest 9 no longer reads, so the marks grouped nothing and every
    test was scheduled alone (module servers started on both workers)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class LongestFirst(LoadGroupScheduling):
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            return xdist_group_of(nodeid)

        def _assign_work_unit(self, node) -> None:
            if not self.ordered:  # the queue is complete at the first assignment
                rank = {group: i for i, group in enumerate(LONG_GROUPS)}
                queue = self.workqueue
                for group in sorted(queue, key=lambda g: (rank.get(g, len(rank)), -len(queue[g]))):
                    queue.move_to_end(group)
                self.ordered = True
            super()._assign_work_unit(node)

    return LongestFirst(config, log)
