"""The permission matrix, every cell — in the policy, through principals and through the HTTP layer.

``EXPECTED`` is written out independently of ``domain.identity.permissions.MATRIX``: changing who may
see what means changing both, deliberately. Cells: ``-`` none, ``r``/``w`` all rows, ``o`` own
organisation only; each cell is read+write.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.routing import APIRoute

from api.auth.dependencies import Requires
from domain.identity.permissions import (
    ALL_SCOPES,
    CLIENT_CATEGORIES,
    MATRIX,
    Access,
    Action,
    Category,
    access,
    can,
    require,
    role_access,
    role_needs_mfa,
)
from domain.identity.principal import CITY_ROLES, Principal, Role, SubjectKind
from tenants.errors import PermissionDenied

ROLES = ["coordinator", "analyst", "caseworker", "outreach", "viewer", "auditor", "national_coordinator", "evaluator",
         "platform_admin"]
#                 coord analyst casew  outr   viewer audit  natco  evalu  padmin
EXPECTED_TEXT = """
programme         rw    r-      r-     r-     r-     --     --     --     --
groups            rw    rw      --     --     --     --     --     --     --
people            rw    rw      rw     o-     --     --     --     --     --
incidents         rw    rw      --     --     --     --     --     --     --
callins           rw    r-      r-     --     --     --     --     --     --
notifications     rw    r-      rw     --     --     --     --     --     --
enforcement       rw    rw      --     --     --     --     --     --     --
support           rw    --      rw     oo     --     --     --     --     --
outreach          rw    --      --     oo     --     --     --     --     --
tasks             rw    rw      rw     oo     --     --     --     --     --
figures           rw    r-      r-     r-     r-     --     --     --     --
audit             --    --      --     --     --     r-     --     --     --
subject_access    r-    --      --     --     --     --     --     --     --
administration    rw    --      --     --     --     --     --     --     --
national          --    --      --     --     --     --     rw     --     --
releases          --    --      --     --     --     --     rw     r-     --
tenants           --    --      --     --     --     --     --     --     rw
"""
_CELL = {"-": Access.none, "r": Access.all, "w": Access.all, "o": Access.own_org}


def _expected() -> dict[tuple[Role, Category, Action], Access]:
    out = {}
    for line in EXPECTED_TEXT.strip().splitlines():
        category, *cells = line.split()
        assert len(cells) == len(ROLES), line
        for role, cell in zip(ROLES, cells, strict=True):
            out[(Role(role), Category(category), Action.read)] = _CELL[cell[0]]
            out[(Role(role), Category(category), Action.write)] = _CELL[cell[1]]
    return out


EXPECTED = _expected()
CELLS = sorted(EXPECTED, key=lambda k: (k[0].value, k[1].value, k[2].value))


def test_expected_table_covers_every_cell():
    assert len(EXPECTED) == len(Role) * len(Category) * len(Action)
    assert set(MATRIX) == set(Role)


@pytest.mark.parametrize(("role", "category", "action"), CELLS, ids=lambda v: getattr(v, "value", v))
def test_matrix_cell(role, category, action):
    want = EXPECTED[(role, category, action)]
    assert role_access(role, category, action) is want
    kind = SubjectKind.national_user if role.is_national else SubjectKind.user
    principal = Principal(kind=kind, id=uuid.uuid4(), name="t", role=role, mfa=True,
                          tenant_id=None if role.is_national else uuid.uuid4())
    assert access(principal, category, action) is want
    assert can(principal, category, action) is (want is not Access.none)
    if want is Access.none:
        with pytest.raises(PermissionDenied, match=f"may not {action.value} {category.value}"):
            require(principal, category, action)
    else:
        assert require(principal, category, action) is want


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_mfa_for_every_role_reaching_person_data(role):
    person = {Category.people, Category.groups, Category.incidents, Category.callins, Category.notifications,
              Category.enforcement, Category.support, Category.outreach, Category.tasks, Category.audit}
    reaches = any(EXPECTED[(role, c, Action.read)] is not Access.none for c in person)
    assert role_needs_mfa(role) is reaches


def test_a_role_in_the_wrong_kind_of_account_gets_nothing():
    for role in Role:
        wrong = SubjectKind.user if role.is_national else SubjectKind.national_user
        p = Principal(kind=wrong, id=uuid.uuid4(), name="x", role=role)
        assert all(access(p, c, a) is Access.none for c in Category for a in Action)


@pytest.mark.parametrize("scope", sorted(ALL_SCOPES))
def test_api_client_gets_exactly_its_scopes(scope):
    p = Principal(kind=SubjectKind.api_client, id=uuid.uuid4(), name="c", tenant_id=uuid.uuid4(), scopes=frozenset({scope}))
    for category in Category:
        for action in Action:
            want = Access.all if f"{category.value}:{action.value}" == scope else Access.none
            assert access(p, category, action) is want


def test_api_client_never_reaches_audit_administration_or_national_data():
    p = Principal(kind=SubjectKind.api_client, id=uuid.uuid4(), name="c", tenant_id=uuid.uuid4(),
                  scopes=frozenset(f"{c.value}:{a.value}" for c in Category for a in Action))
    for category in set(Category) - CLIENT_CATEGORIES:
        assert not can(p, category, Action.read) and not can(p, category, Action.write)


POLICE_ONLY = (Category.groups, Category.enforcement, Category.incidents)
CITY_CATEGORIES = frozenset(Category) - {Category.national, Category.releases, Category.tenants}


def test_outreach_cannot_reach_police_intelligence():
    p = Principal(kind=SubjectKind.user, id=uuid.uuid4(), name="o", tenant_id=uuid.uuid4(), role=Role.outreach, mfa=True)
    for category in POLICE_ONLY:
        for action in Action:
            assert access(p, category, action) is Access.none
    # and only their own organisation's people and support cases
    assert access(p, Category.people, Action.read) is Access.own_org
    assert access(p, Category.support, Action.read) is Access.own_org


def test_platform_admin_gets_no_city_data_in_the_policy():
    p = Principal(kind=SubjectKind.national_user, id=uuid.uuid4(), name="a", role=Role.platform_admin)
    for category in CITY_CATEGORIES:
        for action in Action:
            assert access(p, category, action) is Access.none, category


# --- through HTTP: every route that declares what it needs answers each role accordingly ---


def requirements(app) -> list[tuple[APIRoute, Requires]]:
    found = []

    def walk(dependant, route):
        for dep in dependant.dependencies:
            if isinstance(dep.call, Requires):
                found.append((route, dep.call))
            walk(dep, route)

    def routes(items):
        for route in items:
            original = getattr(route, "original_router", None)  # FastAPI's lazily included routers
            if original is not None:
                yield from routes(original.routes)
            elif isinstance(route, APIRoute):
                yield route

    for route in routes(app.routes):
        walk(route.dependant, route)
    return found


def _call(route: APIRoute):
    method = sorted(route.methods - {"HEAD"})[0]
    path = route.path_format.replace("{", "").replace("}", "")
    return method, path


async def test_routes_declare_requirements(web):
    reqs = requirements(web.app)
    assert any(r.category is Category.programme for _, r in reqs)
    assert any(r.category is Category.administration for _, r in reqs)


@pytest.mark.parametrize("role", sorted(CITY_ROLES, key=lambda r: r.value), ids=lambda r: r.value)
async def test_every_route_answers_city_roles_per_matrix(web, city, role):
    from tests.identity.conftest import sign_in_role

    csrf = await sign_in_role(web, role, city)
    for route, req in requirements(web.app):
        method, path = _call(route)
        r = await web.request(method, path, headers={"X-CSRF-Token": csrf}, json={})
        allowed = EXPECTED[(role, req.category, req.action)] is not Access.none
        if allowed:
            assert r.status_code not in (401, 403), (role, method, path, r.text)
        else:
            assert r.status_code == 403, (role, method, path, r.text)
            assert f"may not {req.action.value} {req.category.value}" in r.json()["detail"]


@pytest.mark.parametrize("role", [Role.platform_admin, Role.national_coordinator, Role.evaluator], ids=lambda r: r.value)
async def test_national_users_get_no_city_data_anywhere(web, nationals, city, role):
    from tests.identity.conftest import sign_in_role

    csrf = await sign_in_role(web, role, nationals=nationals)
    checked = 0
    for route, req in requirements(web.app):
        if req.category not in CITY_CATEGORIES:
            continue
        method, path = _call(route)
        r = await web.request(method, path, headers={"X-CSRF-Token": csrf}, json={})
        assert r.status_code == 403, (method, path, r.text)
        checked += 1
    assert checked >= 2


async def test_platform_admin_sees_no_rows_even_below_the_policy(nationals, city, sessions):
    """No tenant in context (a national principal's) means every tenant table reads as empty."""
    from sqlalchemy import text

    from tenants.context import tenant_context
    from tenants.database import transaction

    with tenant_context(None):
        async with transaction(sessions) as s:
            for table in ("users", "organisations", "api_clients", "identity_providers"):
                assert await s.scalar(text(f"select count(*) from {table}")) == 0


async def test_outreach_gets_403_on_every_police_only_route(web, city):
    from tests.identity.conftest import sign_in_role

    csrf = await sign_in_role(web, Role.outreach, city)
    for route, req in requirements(web.app):
        if req.category in POLICE_ONLY or req.category in (Category.administration, Category.audit):
            method, path = _call(route)
            r = await web.request(method, path, headers={"X-CSRF-Token": csrf}, json={})
            assert r.status_code == 403, (method, path)


async def test_police_only_routes_refuse_outreach_and_admit_analysts(web, city, nationals):
    """A police-intelligence route (groups, enforcement) as other issues will add them: outreach gets 403."""
    from fastapi import Depends

    from tests.identity.conftest import sign_in_role

    async def police_data():
        return {"risk_assessment": "high"}

    for category in (Category.groups, Category.enforcement):
        web.app.add_api_route(f"/test-only/{category.value}", police_data,
                              dependencies=[Depends(Requires(category, Action.read))])
    await sign_in_role(web, Role.outreach, city)
    for category in ("groups", "enforcement"):
        r = await web.get(f"/test-only/{category}")
        assert r.status_code == 403 and f"role outreach may not read {category}" == r.json()["detail"]
    await sign_in_role(web, Role.platform_admin, nationals=nationals)
    assert (await web.get("/test-only/groups")).status_code == 403
    await sign_in_role(web, Role.analyst, city)
    assert (await web.get("/test-only/groups")).json() == {"risk_assessment": "high"}
