"""Administration types. Ids are global ids (``User:…``, ``ApiClient:…``) but these are not ``Node``s:
they are read only through the administration fields, behind administration:read."""

from __future__ import annotations

import enum
from datetime import date, datetime

import strawberry
from strawberry.relay import to_base64

from domain.governance.models import (
    AgreementParty,
    AgreementTerm,
    DataSubjectRequest,
    RequestKind,
    RequestStatus,
    SharingAgreement,
)
from domain.identity.models import AccountStatus, ApiClient, IdentityProvider, User
from domain.identity.permissions import Category
from domain.identity.principal import CITY_ROLES

CityRole = enum.Enum("CityRole", {r.value: r.value for r in sorted(CITY_ROLES, key=lambda r: r.value)}, type=str)
CityRoleEnum = strawberry.enum(CityRole, name="CityRole", description="A city user's role (the permission matrix's rows).")
AccountStatusEnum = strawberry.enum(AccountStatus, name="AccountStatus", description="Disabled accounts cannot sign in.")
DataCategoryEnum = strawberry.enum(Category, name="DataCategory", description="A category of data in the permission matrix.")
RequestKindEnum = strawberry.enum(RequestKind, name="DataSubjectRequestKind",
                                  description="access (art. 15), rectification (16), erasure (17), objection (21).")
RequestStatusEnum = strawberry.enum(RequestStatus, name="DataSubjectRequestStatus",
                                    description="received → in_progress → completed or refused.")


def _gid(type_name: str, value) -> strawberry.ID | None:
    return strawberry.ID(to_base64(type_name, value)) if value is not None else None


@strawberry.type(name="UserAccount", description="A city user account (never its password or second factor).")
class UserAccount:
    id: strawberry.ID
    username: str
    display_name: str
    role: CityRoleEnum  # type: ignore[valid-type]
    organisation_id: strawberry.ID = strawberry.field(description="The partner organisation (global id).")
    status: AccountStatusEnum  # type: ignore[valid-type]
    single_sign_on: bool = strawberry.field(description="Provisioned by the city's identity provider.")
    mfa_enrolled: bool = strawberry.field(description="A TOTP app is confirmed.")
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def from_row(cls, row: User) -> UserAccount:
        return cls(id=_gid("User", row.id), username=row.username, display_name=row.display_name,
                   role=CityRole(row.role.value), organisation_id=_gid("Organisation", row.organisation_id),
                   status=row.status, single_sign_on=row.oidc_subject is not None,
                   mfa_enrolled=row.totp_confirmed_at is not None, created_at=row.created_at,
                   last_login_at=row.last_login_at)


@strawberry.type(name="ApiClient", description="An agency system's client credentials (the secret is never readable).")
class ApiClientNode:
    id: strawberry.ID
    client_id: str
    name: str
    scopes: list[str]
    secret_version: int
    created_at: datetime
    secret_rotated_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_row(cls, row: ApiClient) -> ApiClientNode:
        return cls(id=_gid("ApiClient", row.id), client_id=row.client_id, name=row.name, scopes=list(row.scopes),
                   secret_version=row.secret_version, created_at=row.created_at,
                   secret_rotated_at=row.secret_rotated_at, revoked_at=row.revoked_at)


@strawberry.type(description="One claim value and the city role it gives.")
class RoleMappingEntry:
    claim_value: str
    role: str


@strawberry.type(name="IdentityProvider", description="The city's OpenID Connect provider (its client secret is never "
                                                      "readable).")
class IdentityProviderNode:
    id: strawberry.ID
    issuer: str
    client_id: str
    scopes: str
    role_claim: str
    role_mapping: list[RoleMappingEntry]
    organisation_id: strawberry.ID
    enabled: bool
    updated_at: datetime
    redirect_uri: str = strawberry.field(description="Register this at the provider.")
    login_url: str = strawberry.field(description="Where the city's users start single sign-on.")

    @classmethod
    def from_row(cls, row: IdentityProvider, *, base_url: str, city_slug: str) -> IdentityProviderNode:
        base = base_url.rstrip("/")
        return cls(id=_gid("IdentityProvider", row.id), issuer=row.issuer, client_id=row.client_id, scopes=row.scopes,
                   role_claim=row.role_claim,
                   role_mapping=[RoleMappingEntry(claim_value=k, role=v) for k, v in sorted(row.role_mapping.items())],
                   organisation_id=_gid("Organisation", row.organisation_id), enabled=row.enabled,
                   updated_at=row.updated_at, redirect_uri=f"{base}/auth/oidc/{city_slug}/callback",
                   login_url=f"{base}/auth/oidc/{city_slug}/login")


@strawberry.type(description="A partner organisation bound by an agreement, and who signed for it.")
class AgreementPartyNode:
    organisation_id: strawberry.ID
    signatory_name: str
    signatory_title: str | None
    signed_on: date

    @classmethod
    def from_row(cls, row: AgreementParty) -> AgreementPartyNode:
        return cls(organisation_id=_gid("Organisation", row.organisation_id), signatory_name=row.signatory_name,
                   signatory_title=row.signatory_title, signed_on=row.signed_on)


@strawberry.type(description="A category of data the agreement lets pass, with what allows it.")
class AgreementTermNode:
    category: DataCategoryEnum  # type: ignore[valid-type]
    legal_basis: str
    secrecy_provision: str

    @classmethod
    def from_row(cls, row: AgreementTerm) -> AgreementTermNode:
        return cls(category=row.category, legal_basis=row.legal_basis, secrecy_provision=row.secrecy_provision)


@strawberry.type(name="SharingAgreement", description="A data-sharing agreement between partner organisations of the city.")
class SharingAgreementNode:
    id: strawberry.ID
    reference: str
    title: str
    valid_from: date
    valid_until: date | None
    created_at: datetime
    parties: list[AgreementPartyNode]
    terms: list[AgreementTermNode]
    in_force: bool = strawberry.field(description="In force today.")

    @classmethod
    def from_row(cls, row: SharingAgreement, parties: list[AgreementParty], terms: list[AgreementTerm],
                 today: date) -> SharingAgreementNode:
        return cls(id=_gid("SharingAgreement", row.id), reference=row.reference, title=row.title,
                   valid_from=row.valid_from, valid_until=row.valid_until, created_at=row.created_at,
                   parties=[AgreementPartyNode.from_row(p) for p in parties],
                   terms=[AgreementTermNode.from_row(t) for t in terms],
                   in_force=row.valid_from <= today and (row.valid_until is None or row.valid_until >= today))


@strawberry.type(name="DataSubjectRequest", description="A request from a data subject, with its statutory deadline.")
class DataSubjectRequestNode:
    id: strawberry.ID
    kind: RequestKindEnum  # type: ignore[valid-type]
    person_id: strawberry.ID | None = strawberry.field(
        description="The person's global id once identified (open the person, with a purpose, to read them).")
    handled_by_organisation_id: strawberry.ID | None
    received_on: date
    deadline: date
    extended: bool
    extension_reason: str | None
    status: RequestStatusEnum  # type: ignore[valid-type]
    outcome: str | None
    closed_on: date | None
    created_at: datetime
    overdue: bool = strawberry.field(description="Open after its deadline.")

    @classmethod
    def from_row(cls, row: DataSubjectRequest, today: date) -> DataSubjectRequestNode:
        open_ = row.status in (RequestStatus.received, RequestStatus.in_progress)
        return cls(id=_gid("DataSubjectRequest", row.id), kind=row.kind, person_id=_gid("Person", row.person_id),
                   handled_by_organisation_id=_gid("Organisation", row.handled_by_organisation_id),
                   received_on=row.received_on, deadline=row.deadline, extended=row.extended,
                   extension_reason=row.extension_reason, status=row.status, outcome=row.outcome,
                   closed_on=row.closed_on, created_at=row.created_at, overdue=open_ and row.deadline < today)
