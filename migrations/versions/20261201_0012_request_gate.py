"""The request gate: an API client's per-request checks and its rate-limit spend in one round trip.

Every bearer request used to open a transaction to read the city and the client (BEGIN, the tenant
scope, two statements, COMMIT) and then spend from its rate-limit bucket in another statement.
``gvi_client_gate`` does all of it in one statement, run in autocommit so the spend is committed at
once (a request that later fails still counts, and the bucket's row lock is never held through a
request): it scopes itself to the token's city (``set_config(…, true)``, local to the statement's
own transaction), reads the city's status and the client (through RLS, as the runtime role: the
function is SECURITY INVOKER), and spends one token only when the city is active and the client
neither revoked nor rotated past the token (``p_spend`` off: the checks only, for when the database
refuses writes and the token comes from the instance's own bucket). The decision stays in Python
(``api.auth``).

The buckets become UNLOGGED: no WAL per request. A crash empties them, which only forgets up to a
minute of spending; they stay one table every instance shares.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

from tenants.rls import quote_ident
from tenants.settings import get_settings

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The refill-and-spend upsert is tenants.ratelimit's (one statement, no read-then-write race), on the
# bucket tenants.ratelimit.subject_hash('api_client', <client's id>) names.
GATE = """
CREATE FUNCTION gvi_client_gate(p_tenant uuid, p_client_id text, p_version integer,
                                p_capacity float8, p_rate float8, p_spend boolean)
RETURNS TABLE (tenant_status text, tenant_slug text, suspended_at timestamptz, suspension_reason text,
               client_pk uuid, client_scopes text[], secret_version integer, revoked boolean,
               allowed boolean, tokens float8)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  SELECT t.status, t.slug, t.suspended_at, t.suspension_reason
    INTO tenant_status, tenant_slug, suspended_at, suspension_reason FROM tenants t WHERE t.id = p_tenant;
  IF tenant_status = 'active' THEN
    SELECT c.id, c.scopes::text[], c.secret_version, c.revoked_at IS NOT NULL
      INTO client_pk, client_scopes, secret_version, revoked FROM api_clients c WHERE c.client_id = p_client_id;
    IF p_spend AND client_pk IS NOT NULL AND NOT revoked AND secret_version = p_version THEN
      INSERT INTO rate_limit_buckets AS b (subject_hash, tokens, allowed, updated_at)
      VALUES (encode(sha256(convert_to('api_client:' || client_pk::text, 'UTF8')), 'hex'), p_capacity - 1, 1 <= p_capacity, now())
      ON CONFLICT (subject_hash) DO UPDATE SET
        tokens = CASE WHEN least(p_capacity, b.tokens + extract(epoch FROM now() - b.updated_at)::float8 * p_rate) >= 1
                      THEN least(p_capacity, b.tokens + extract(epoch FROM now() - b.updated_at)::float8 * p_rate) - 1
                      ELSE least(p_capacity, b.tokens + extract(epoch FROM now() - b.updated_at)::float8 * p_rate) END,
        allowed = least(p_capacity, b.tokens + extract(epoch FROM now() - b.updated_at)::float8 * p_rate) >= 1,
        updated_at = now()
      RETURNING b.allowed, b.tokens INTO allowed, tokens;
    END IF;
  END IF;
  RETURN NEXT;
END $$
"""


def upgrade() -> None:
    app = quote_ident(get_settings().app_role)
    op.execute("ALTER TABLE rate_limit_buckets SET UNLOGGED")
    op.execute(GATE)
    op.execute("REVOKE ALL ON FUNCTION gvi_client_gate(uuid, text, integer, float8, float8, boolean) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION gvi_client_gate(uuid, text, integer, float8, float8, boolean) TO {app}")


def downgrade() -> None:
    op.execute("DROP FUNCTION gvi_client_gate(uuid, text, integer, float8, float8, boolean)")
    op.execute("ALTER TABLE rate_limit_buckets SET LOGGED")
