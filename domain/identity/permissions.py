"""The permission matrix: role × data category × action, in one place for REST, GraphQL and CLI.

Need-to-know: each role sees only what its work needs. ``Access.own_org`` means rows assigned to
the caller's partner organisation only (enforced by each entity's readable statement,
``domain.access.readable``). API clients get what their scopes name (``"<category>:<action>"``),
and never more than a coordinator of their city.
The README's "Permissions" section is generated from ``MATRIX`` (see ``matrix_markdown``).
"""

from __future__ import annotations

import enum

from domain.identity.principal import Principal, Role, SubjectKind
from tenants.errors import PermissionDenied


class Category(str, enum.Enum):
    programme = "programme"  # settings, phases, fidelity, partners, context events
    groups = "groups"  # groups, relationships, memberships, risk assessments (police intelligence)
    people = "people"  # person records, identity numbers, designations
    incidents = "incidents"  # incidents and incident reviews
    callins = "callins"
    notifications = "notifications"  # custom notifications
    enforcement = "enforcement"  # enforcement actions, focus list (police intelligence)
    support = "support"  # support cases, referrals, consent
    outreach = "outreach"  # outreach activity
    tasks = "tasks"
    figures = "figures"  # the city's aggregated figures
    audit = "audit"  # the audit log
    subject_access = "subject_access"  # a data subject's export (registerutdrag): every organisation's records
    administration = "administration"  # users, API clients, identity providers
    national = "national"  # national aggregates and release preparation
    releases = "releases"  # published national releases
    tenants = "tenants"  # onboarding and suspending cities


class Action(str, enum.Enum):
    read = "read"
    write = "write"


class Access(enum.IntEnum):
    none = 0
    own_org = 1
    all = 2


N, O, A = Access.none, Access.own_org, Access.all
C = Category

# role → category → (read, write)
MATRIX: dict[Role, dict[Category, tuple[Access, Access]]] = {
    Role.coordinator: {
        C.programme: (A, A), C.groups: (A, A), C.people: (A, A), C.incidents: (A, A), C.callins: (A, A),
        C.notifications: (A, A), C.enforcement: (A, A), C.support: (A, A), C.outreach: (A, A), C.tasks: (A, A),
        C.figures: (A, A), C.administration: (A, A), C.subject_access: (A, N),
    },
    Role.analyst: {
        C.programme: (A, N), C.groups: (A, A), C.people: (A, A), C.incidents: (A, A), C.callins: (A, N),
        C.notifications: (A, N), C.enforcement: (A, A), C.tasks: (A, A), C.figures: (A, N),
    },
    Role.caseworker: {
        C.programme: (A, N), C.people: (A, A), C.callins: (A, N), C.notifications: (A, A), C.support: (A, A),
        C.tasks: (A, A), C.figures: (A, N),
    },
    Role.outreach: {
        C.programme: (A, N), C.people: (O, N), C.support: (O, O), C.outreach: (O, O), C.tasks: (O, O), C.figures: (A, N),
    },
    Role.viewer: {C.programme: (A, N), C.figures: (A, N)},
    Role.auditor: {C.audit: (A, N)},
    Role.national_coordinator: {C.national: (A, A), C.releases: (A, A)},
    Role.evaluator: {C.releases: (A, N)},
    Role.platform_admin: {C.tenants: (A, A)},
}

# Scopes an API client may be given: the city's programme data, never audit, subject access (a data-protection
# act of a coordinator), administration or national data.
CLIENT_CATEGORIES = frozenset(
    {C.programme, C.groups, C.people, C.incidents, C.callins, C.notifications, C.enforcement, C.support, C.outreach,
     C.tasks, C.figures}
)
ALL_SCOPES = frozenset(f"{c.value}:{a.value}" for c in CLIENT_CATEGORIES for a in Action)

# Roles that reach person-level data must use a second factor.
PERSON_CATEGORIES = frozenset({C.people, C.groups, C.incidents, C.callins, C.notifications, C.enforcement, C.support,
                               C.outreach, C.tasks, C.audit, C.subject_access})


def role_access(role: Role, category: Category, action: Action) -> Access:
    read, write = MATRIX.get(role, {}).get(category, (N, N))
    return read if action is Action.read else write


def role_needs_mfa(role: Role) -> bool:
    return any(role_access(role, c, Action.read) is not N for c in PERSON_CATEGORIES)


def access(principal: Principal, category: Category, action: Action) -> Access:
    """How far ``principal`` may ``action`` data of ``category`` (none, own organisation, all)."""
    if principal.kind is SubjectKind.api_client:
        if category in CLIENT_CATEGORIES and f"{category.value}:{action.value}" in principal.scopes:
            return A
        return N
    if principal.role is None:
        return N
    if principal.kind is SubjectKind.user and principal.role.is_national:
        return N  # a city account can never carry a national role
    if principal.kind is SubjectKind.national_user and not principal.role.is_national:
        return N
    return role_access(principal.role, category, action)


def can(principal: Principal, category: Category, action: Action) -> bool:
    return access(principal, category, action) is not N


def require(principal: Principal, category: Category, action: Action) -> Access:
    """Refuse with 403 unless allowed; returns the access level (callers filter on ``own_org``)."""
    level = access(principal, category, action)
    if level is N:
        raise PermissionDenied(f"{_who(principal)} may not {action.value} {category.value}")
    return level


def _who(principal: Principal) -> str:
    if principal.kind is SubjectKind.api_client:
        return "this API client (scopes: " + (", ".join(sorted(principal.scopes)) or "none") + ")"
    return f"role {principal.role.value if principal.role else 'none'}"


def matrix_markdown() -> str:
    """The matrix as a Markdown table (r = read, w = write, o = own organisation only)."""
    roles = list(MATRIX)
    lines = ["| category | " + " | ".join(r.value for r in roles) + " |", "|---|" + "---|" * len(roles)]
    for category in Category:
        cells = []
        for role in roles:
            read, write = MATRIX[role].get(category, (N, N))
            cell = ("r" if read is A else "r(o)" if read is O else "") + ("w" if write is A else "w(o)" if write is O else "")
            cells.append(cell or "–")
        lines.append(f"| {category.value} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
