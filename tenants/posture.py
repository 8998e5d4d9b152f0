"""The database's security posture, read from the live catalogue (``gvi db check``).

Checks what the isolation guarantee rests on, so that a table or grant added by hand — or a
migration that forgot the convention — is caught:
- every table with ``tenant_id`` has RLS enabled **and forced** and the fail-closed policy;
- every table without ``tenant_id`` is listed in ``GLOBAL_TABLES`` (or lives in the national schema);
- the runtime role is not superuser, not BYPASSRLS and owns nothing;
- the national role has no privilege at all on a tenant table, nor on the national schema's raw
  (unprotected) measures;
- the national statistics job roles: the writer may only *read* city tables (under RLS) and write the
  national schema; the publisher has no privilege outside the national schema.
- the runtime role carries a ``statement_timeout`` and a ``temp_file_limit``, so one request can
  neither run forever nor fill the disk with temporary files (migration 0008 sets them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from tenants.rls import GLOBAL_TABLES, NATIONAL_SCHEMA, POLICY_NAME

PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
# National tables holding exact (unprotected) counts: never readable by the national users' role.
PRIVATE_NATIONAL_TABLES = frozenset({"measure_versions"})


@dataclass
class TableReport:
    schema: str
    name: str
    owner: str
    tenant_table: bool
    rls_enabled: bool
    rls_forced: bool
    policies: list[str]
    app_privileges: list[str]
    national_privileges: list[str]
    writer_privileges: list[str] = field(default_factory=list)
    publisher_privileges: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class RoleReport:
    name: str
    exists: bool
    superuser: bool = False
    bypassrls: bool = False
    createrole: bool = False
    createdb: bool = False
    owned_objects: int = 0
    settings: dict[str, str] = field(default_factory=dict)  # role defaults (ALTER ROLE … SET)
    problems: list[str] = field(default_factory=list)


# Runtime-role settings that must be present and not switched off ('0' or '-1' mean unlimited).
REQUIRED_RUNTIME_SETTINGS = {
    "statement_timeout": "a statement could run forever and hold the database for every city",
    "temp_file_limit": "one statement could fill the disk with temporary files",
}


@dataclass
class Posture:
    tables: list[TableReport]
    roles: list[RoleReport]

    @property
    def problems(self) -> list[str]:
        out = [f"table {t.schema}.{t.name}: {p}" for t in self.tables for p in t.problems]
        out += [f"role {r.name}: {p}" for r in self.roles for p in r.problems]
        return out

    @property
    def safe(self) -> bool:
        return not self.problems


_TABLES = text(
    """
    select n.nspname as schema, c.relname as name, pg_get_userbyid(c.relowner) as owner,
           c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                   and not a.attisdropped) as tenant_table,
           coalesce((select array_agg(p.polname::text || ': ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '')
                                      || ' / ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
                                      order by p.polname)
                     from pg_policy p where p.polrelid = c.oid), '{}') as policies,
           array(select p from unnest(cast(:privs as text[])) p join pg_roles r on r.rolname = :app_role
                 where has_table_privilege(r.oid, c.oid, p)) as app_privileges,
           array(select p from unnest(cast(:privs as text[])) p join pg_roles r on r.rolname = :national_role
                 where has_table_privilege(r.oid, c.oid, p)) as national_privileges,
           array(select p from unnest(cast(:privs as text[])) p join pg_roles r on r.rolname = :writer_role
                 where has_table_privilege(r.oid, c.oid, p)) as writer_privileges,
           array(select p from unnest(cast(:privs as text[])) p join pg_roles r on r.rolname = :publisher_role
                 where has_table_privilege(r.oid, c.oid, p)) as publisher_privileges
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm')
      and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
    order by n.nspname, c.relname
    """
)


async def _role(conn: AsyncConnection, name: str) -> RoleReport:
    row = (
        await conn.execute(
            text(
                """select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
                          (select count(*) from pg_class c where c.relowner = r.oid)
                        + (select count(*) from pg_namespace s where s.nspowner = r.oid) as owned
                   from pg_roles r where rolname = :name"""
            ),
            {"name": name},
        )
    ).first()
    if row is None:
        return RoleReport(name=name, exists=False, problems=["does not exist (run `gvi migrate`)"])
    settings = dict(
        item.split("=", 1) for item in (await conn.execute(text(
            """select unnest(s.setconfig) from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
               where r.rolname = :name and s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
               order by s.setdatabase"""), {"name": name})).scalars())
    report = RoleReport(name, True, row.rolsuper, row.rolbypassrls, row.rolcreaterole, row.rolcreatedb, row.owned,
                        settings)
    if row.rolsuper:
        report.problems.append("is a superuser")
    if row.rolbypassrls:
        report.problems.append("has BYPASSRLS")
    if row.rolcreaterole or row.rolcreatedb:
        report.problems.append("may create roles or databases")
    if row.owned:
        report.problems.append(f"owns {row.owned} objects (owners are exempt from RLS unless forced)")
    return report


async def inspect(conn: AsyncConnection, app_role: str, national_role: str,
                  writer_role: str = "gvi_national_writer", publisher_role: str = "gvi_national_publisher") -> Posture:
    tables: list[TableReport] = []
    params = {"privs": list(PRIVILEGES), "app_role": app_role, "national_role": national_role,
              "writer_role": writer_role, "publisher_role": publisher_role}
    for row in (await conn.execute(_TABLES, params)).mappings():
        t = TableReport(
            schema=row["schema"],
            name=row["name"],
            owner=row["owner"],
            tenant_table=row["tenant_table"],
            rls_enabled=row["rls_enabled"],
            rls_forced=row["rls_forced"],
            policies=list(row["policies"]),
            app_privileges=list(row["app_privileges"]),
            national_privileges=list(row["national_privileges"]),
            writer_privileges=list(row["writer_privileges"]),
            publisher_privileges=list(row["publisher_privileges"]),
        )
        if t.tenant_table:
            if not t.rls_enabled:
                t.problems.append("tenant table without row-level security")
            if not t.rls_forced:
                t.problems.append("tenant table without FORCE ROW LEVEL SECURITY")
            if not any(p.startswith(POLICY_NAME + ":") for p in t.policies):
                t.problems.append(f"tenant table without the {POLICY_NAME} policy")
            if t.national_privileges:
                t.problems.append(f"national role holds {', '.join(t.national_privileges)}")
        elif t.schema != NATIONAL_SCHEMA and t.name not in GLOBAL_TABLES:
            t.problems.append("no tenant_id and not listed as a global table")
        if t.owner == app_role:
            t.problems.append("owned by the runtime role")
        if t.national_privileges and t.schema != NATIONAL_SCHEMA and not t.tenant_table:
            t.problems.append(f"national role holds {', '.join(t.national_privileges)} outside the national schema")
        if t.schema == NATIONAL_SCHEMA and t.name in PRIVATE_NATIONAL_TABLES and t.national_privileges:
            t.problems.append(f"national role holds {', '.join(t.national_privileges)} on unprotected counts")
        if t.schema != NATIONAL_SCHEMA and set(t.writer_privileges) - {"SELECT"}:
            t.problems.append(f"national writer may change it ({', '.join(t.writer_privileges)})")
        if t.schema != NATIONAL_SCHEMA and t.publisher_privileges:
            t.problems.append(f"national publisher holds {', '.join(t.publisher_privileges)} outside the national schema")
        tables.append(t)
    roles = [await _role(conn, r) for r in (app_role, national_role, writer_role, publisher_role)]
    runtime = roles[0]
    if runtime.exists:
        for setting, risk in REQUIRED_RUNTIME_SETTINGS.items():
            if runtime.settings.get(setting, "0") in ("0", "-1"):
                runtime.problems.append(f"no {setting}: {risk} (run `gvi migrate`, see migration 0008)")
    return Posture(tables=tables, roles=roles)
