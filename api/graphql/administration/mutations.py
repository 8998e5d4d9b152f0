"""Administration writes (administration:write — the city's coordinator), through the one write path of
every mutation (``write_once``: matrix check, savepoint, idempotency key, one audit entry).

Secrets (a new user's initial password, an API client's secret) are in the payload of the write that
made them and nowhere else: not in the audit entry, not in the idempotency record — a replay answers
with the object and a null secret.
"""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from api.graphql.administration.queries import agreement_nodes
from api.graphql.administration.types import (
    AccountStatusEnum,
    ApiClientNode,
    CityRoleEnum,
    DataCategoryEnum,
    DataSubjectRequestNode,
    IdentityProviderNode,
    RequestKindEnum,
    RequestStatusEnum,
    SharingAgreementNode,
    UserAccount,
)
from api.graphql.errors import UserError
from api.graphql.mutations.base import Record, gid, input_errors, payload_type, write_once
from domain.governance import service as governance
from domain.governance.models import DataSubjectRequest, SharingAgreement
from domain.identity import clients, providers, users
from domain.identity.models import AccountStatus, ApiClient, IdentityProvider, User
from domain.identity.permissions import Category
from domain.rules import today
from tenants.context import require_tenant_id
from tenants.errors import Conflict, DomainError, NotFound
from tenants.settings import get_settings

A = Category.administration


def describe(text: str) -> str:
    return (f"{text} Requires administration:write (the city's coordinator); refused in the payload (code forbidden) "
            f"otherwise. Leaves one audit entry (never a secret in it). With `idempotencyKey`, a retry returns the "
            f"first result instead of writing twice.")


# --- inputs -----------------------------------------------------------------------------------------


@strawberry.input
class CreateUserInput:
    username: str = strawberry.field(description="2–100 characters: a–z, digits, '.', '_', '@', '-'; unique in the city.")
    display_name: str
    role: CityRoleEnum  # type: ignore[valid-type]
    organisation_id: strawberry.ID = strawberry.field(description="The partner organisation the user works for.")


@strawberry.input
class SetUserRoleInput:
    user_id: strawberry.ID
    role: CityRoleEnum  # type: ignore[valid-type]


@strawberry.input
class SetUserStatusInput:
    user_id: strawberry.ID
    status: AccountStatusEnum  # type: ignore[valid-type]


@strawberry.input
class ResetUserMfaInput:
    user_id: strawberry.ID


@strawberry.input
class CreateApiClientInput:
    name: str = strawberry.field(description="What the agency system is, e.g. 'Polisen ärendesystem'.")
    scopes: list[str] = strawberry.field(description="category:action, e.g. incidents:write, people:read.")


@strawberry.input
class ApiClientInput:
    api_client_id: strawberry.ID


@strawberry.input
class RoleMappingInput:
    claim_value: str
    role: CityRoleEnum  # type: ignore[valid-type]


@strawberry.input
class SaveIdentityProviderInput:
    issuer: str = strawberry.field(description="The provider's https issuer URL.")
    client_id: str
    client_secret: str | None = strawberry.field(default=None, description="Required the first time; empty keeps the "
                                                                           "stored one. Never readable afterwards.")
    organisation_id: strawberry.ID = strawberry.field(description="The organisation its users belong to.")
    role_claim: str = "groups"
    role_mapping: list[RoleMappingInput] = strawberry.field(description="At least one claim value → role.")
    scopes: str = "openid profile email"


@strawberry.input
class AgreementPartyInput:
    organisation_id: strawberry.ID
    signatory_name: str
    signed_on: date
    signatory_title: str | None = None


@strawberry.input
class AgreementTermInput:
    category: DataCategoryEnum  # type: ignore[valid-type]
    legal_basis: str = strawberry.field(description="e.g. GDPR art. 6.1 e, 10; lag (2018:218) 3 kap. 8 §")
    secrecy_provision: str = strawberry.field(description="e.g. OSL 10 kap. 18 a §")


@strawberry.input
class RecordSharingAgreementInput:
    reference: str = strawberry.field(description="The registration number (diarienummer), unique in the city.")
    title: str
    valid_from: date
    valid_until: date | None = None
    parties: list[AgreementPartyInput] = strawberry.field(description="At least two different organisations.")
    terms: list[AgreementTermInput] = strawberry.field(description="At least one category of data.")


@strawberry.input
class EndSharingAgreementInput:
    agreement_id: strawberry.ID
    valid_until: date = strawberry.field(description="The last day the agreement is in force.")


@strawberry.input
class RegisterDataSubjectRequestInput:
    kind: RequestKindEnum  # type: ignore[valid-type]
    received_on: date = strawberry.field(description="Not in the future; the deadline runs one month from it.")
    person_id: strawberry.ID | None = strawberry.field(default=None, description="The person, once identified.")
    handled_by_organisation_id: strawberry.ID | None = None


@strawberry.input
class DataSubjectRequestInput:
    request_id: strawberry.ID


@strawberry.input
class ExtendDataSubjectRequestInput:
    request_id: strawberry.ID
    reason: str = strawberry.field(description="Why two more months are needed (no identity numbers).")


@strawberry.input
class CloseDataSubjectRequestInput:
    request_id: strawberry.ID
    status: RequestStatusEnum = strawberry.field(description="completed or refused.")  # type: ignore[valid-type]
    outcome: str = strawberry.field(description="What was done or why it was refused (no identity numbers).")


# --- payloads ---------------------------------------------------------------------------------------

UserAccountPayload = payload_type("UserAccountPayload", "user", UserAccount)
ApiClientPayload = payload_type("ApiClientPayload", "api_client", ApiClientNode)
IdentityProviderPayload = payload_type("IdentityProviderPayload", "identity_provider", IdentityProviderNode)
SharingAgreementPayload = payload_type("SharingAgreementPayload", "agreement", SharingAgreementNode)
DataSubjectRequestPayload = payload_type("DataSubjectRequestPayload", "request", DataSubjectRequestNode)


@strawberry.type(description="The new user and their initial password, shown once.")
class CreateUserPayload:
    user: UserAccount | None
    initial_password: str | None = strawberry.field(description="Shown once, in this answer only (null on a replay): "
                                                                "hand it over; a TOTP app is enrolled at the first sign-in.")
    errors: list[UserError]
    replayed: bool = False


@strawberry.type(description="The API client and its secret, shown once.")
class ApiClientSecretPayload:
    api_client: ApiClientNode | None
    client_secret: str | None = strawberry.field(description="Shown once, in this answer only (null on a replay): store it "
                                                             "in the agency system's secret store.")
    errors: list[UserError]
    replayed: bool = False


# --- the write path ---------------------------------------------------------------------------------


async def _write(info: Info, *, operation: str, input: Any, key: str | None,
                 run: Callable[[Any], Awaitable[tuple[Any, dict | None]]]) -> tuple[uuid.UUID | None, bool, list[UserError]]:
    """``run(session)`` writes and returns ``(row, audit details)``; answers ``(row id, replayed, errors)``."""
    async def record(session: Any, _level: Any) -> Record:
        row, details = await run(session)
        return Record({"id": str(row.id)}, row.id, details)

    try:
        outcome = await write_once(info, category=A, operation=operation, input=input, key=key, run=record)
    except DomainError as exc:
        return None, False, input_errors(exc)
    return uuid.UUID(outcome.result["id"]), outcome.replayed, []


async def _load(info: Info, model: type, row_id: uuid.UUID) -> Any:
    async with info.context.db() as session:
        row = await session.get(model, (info.context.principal.tenant_id, row_id))
        if row is not None:
            await session.refresh(row)  # server defaults and onupdate columns
        return row


async def _user(session: Any, user_id: str) -> User:
    user = await users.get_user(session, gid(user_id, "User", "user_id"))
    if user is None:
        raise NotFound.single("user_id", "not_found", "no such user in this city")
    return user


async def _client(session: Any, api_client_id: str) -> ApiClient:
    client_uuid = gid(api_client_id, "ApiClient", "api_client_id")
    client = await session.get(ApiClient, (require_tenant_id(), client_uuid))
    if client is None:
        raise NotFound.single("api_client_id", "not_found", "no such API client in this city")
    return client


async def _user_payload(info: Info, operation: str, input: Any, key: str | None, run) -> Any:
    row_id, replayed, errors = await _write(info, operation=operation, input=input, key=key, run=run)
    if errors:
        return UserAccountPayload(user=None, errors=errors, replayed=False)
    row = await _load(info, User, row_id)
    return UserAccountPayload(user=UserAccount.from_row(row), errors=[], replayed=replayed)


async def _client_payload(info: Info, operation: str, input: Any, key: str | None, run) -> Any:
    row_id, replayed, errors = await _write(info, operation=operation, input=input, key=key, run=run)
    if errors:
        return ApiClientPayload(api_client=None, errors=errors, replayed=False)
    return ApiClientPayload(api_client=ApiClientNode.from_row(await _load(info, ApiClient, row_id)), errors=[],
                            replayed=replayed)


async def _agreement_payload(info: Info, operation: str, input: Any, key: str | None, run) -> Any:
    row_id, replayed, errors = await _write(info, operation=operation, input=input, key=key, run=run)
    if errors:
        return SharingAgreementPayload(agreement=None, errors=errors, replayed=False)
    [node] = await agreement_nodes(info, [await _load(info, SharingAgreement, row_id)])
    return SharingAgreementPayload(agreement=node, errors=[], replayed=replayed)


async def _request_payload(info: Info, operation: str, input: Any, key: str | None, run) -> Any:
    row_id, replayed, errors = await _write(info, operation=operation, input=input, key=key, run=run)
    if errors:
        return DataSubjectRequestPayload(request=None, errors=errors, replayed=False)
    row = await _load(info, DataSubjectRequest, row_id)
    return DataSubjectRequestPayload(request=DataSubjectRequestNode.from_row(row, today()), errors=[], replayed=replayed)


def _organisation(value: str) -> uuid.UUID:
    """An organisation's id for a service that validates every field at once: a malformed one is an unknown
    organisation (reported with the other fields' problems), not a refusal before the rest are checked."""
    try:
        return gid(value, "Organisation", "organisation_id")
    except NotFound:
        return uuid.UUID(int=0)


def _request_id(value: str) -> uuid.UUID:
    return gid(value, "DataSubjectRequest", "request_id")


# --- mutations --------------------------------------------------------------------------------------


@strawberry.type
class AdministrationMutations:
    @strawberry.mutation(description=describe("Create a city user with a generated initial password (shown once)."))
    async def create_user(self, info: Info, input: CreateUserInput, idempotency_key: str | None = None) -> CreateUserPayload:
        password = secrets.token_urlsafe(15)
        city = await info.context.loaders.tenant_by_id.load(info.context.principal.tenant_id)

        async def run(session):
            user = await users.create_user(session, username=input.username, display_name=input.display_name,
                                           organisation_id=_organisation(input.organisation_id),
                                           role=input.role.value, password=password, city_name=city.name if city else "")
            return user, {"change": "created", "role": user.role.value}

        row_id, replayed, errors = await _write(info, operation="createUser", input=input, key=idempotency_key, run=run)
        if errors:
            for error in errors:  # the service names the organisation `organisation`; the input calls it organisationId
                if error.field == "input.organisation":
                    error.field = "input.organisationId"
            return CreateUserPayload(user=None, initial_password=None, errors=errors, replayed=False)
        row = await _load(info, User, row_id)
        return CreateUserPayload(user=UserAccount.from_row(row), initial_password=None if replayed else password,
                                 errors=[], replayed=replayed)

    @strawberry.mutation(description=describe("Give a user another city role (not your own)."))
    async def set_user_role(self, info: Info, input: SetUserRoleInput,
                            idempotency_key: str | None = None) -> UserAccountPayload:
        async def run(session):
            user = await _user(session, input.user_id)
            users.refuse_self(info.context.principal.id, user, "user_id", "change the role of")
            before = user.role.value
            await users.set_role(session, user, input.role.value)
            return user, {"change": "role", "from": before, "to": user.role.value}

        return await _user_payload(info, "setUserRole", input, idempotency_key, run)

    @strawberry.mutation(description=describe("Disable a user (sign-ins refused, open sessions end at their next "
                                              "request) or enable them again (not your own account)."))
    async def set_user_status(self, info: Info, input: SetUserStatusInput,
                              idempotency_key: str | None = None) -> UserAccountPayload:
        async def run(session):
            user = await _user(session, input.user_id)
            users.refuse_self(info.context.principal.id, user, "user_id", "disable or enable")
            if input.status is AccountStatus.disabled:
                await users.disable(session, user)
            else:
                await users.enable(session, user)
            return user, {"change": "status", "to": user.status.value}

        return await _user_payload(info, "setUserStatus", input, idempotency_key, run)

    @strawberry.mutation(description=describe("Forget a user's TOTP app: the next sign-in enrols a new one."))
    async def reset_user_mfa(self, info: Info, input: ResetUserMfaInput,
                             idempotency_key: str | None = None) -> UserAccountPayload:
        async def run(session):
            user = await _user(session, input.user_id)
            await users.reset_mfa(session, user)
            return user, {"change": "second factor reset"}

        return await _user_payload(info, "resetUserMfa", input, idempotency_key, run)

    @strawberry.mutation(description=describe("Create an API client for an agency system; its secret is in this answer "
                                              "only."))
    async def create_api_client(self, info: Info, input: CreateApiClientInput,
                                idempotency_key: str | None = None) -> ApiClientSecretPayload:
        city = await info.context.loaders.tenant_by_id.load(info.context.principal.tenant_id)
        issued: list[clients.IssuedSecret] = []

        async def run(session):
            issued.append(await clients.create(session, tenant_slug=city.slug, name=input.name, scopes=input.scopes))
            return issued[-1].client, {"change": "created", "scopes": issued[-1].client.scopes}

        return await _secret_payload(info, "createApiClient", input, idempotency_key, run, issued)

    @strawberry.mutation(description=describe("Issue a new secret (in this answer only); the old one and every token "
                                              "issued under it stop working."))
    async def rotate_api_client_secret(self, info: Info, input: ApiClientInput,
                                       idempotency_key: str | None = None) -> ApiClientSecretPayload:
        issued: list[clients.IssuedSecret] = []

        async def run(session):
            client = await _client(session, input.api_client_id)
            if client.revoked:
                raise Conflict.single("api_client_id", "revoked", "the client is revoked: create a new one")
            issued.append(await clients.rotate(session, client))
            return client, {"change": "secret rotated", "secret_version": client.secret_version}

        return await _secret_payload(info, "rotateApiClientSecret", input, idempotency_key, run, issued)

    @strawberry.mutation(description=describe("Revoke an API client: no new tokens, and its existing tokens are refused."))
    async def revoke_api_client(self, info: Info, input: ApiClientInput,
                                idempotency_key: str | None = None) -> ApiClientPayload:
        async def run(session):
            client = await _client(session, input.api_client_id)
            await clients.revoke(session, client)
            return client, {"change": "revoked"}

        return await _client_payload(info, "revokeApiClient", input, idempotency_key, run)

    @strawberry.mutation(description=describe("Connect or reconfigure the city's OpenID Connect provider."))
    async def save_identity_provider(self, info: Info, input: SaveIdentityProviderInput,
                                     idempotency_key: str | None = None) -> IdentityProviderPayload:
        settings = get_settings()
        city = await info.context.loaders.tenant_by_id.load(info.context.principal.tenant_id)

        async def run(session):
            mapping = {m.claim_value.strip(): m.role.value for m in input.role_mapping if m.claim_value.strip()}
            idp = await providers.configure(
                session, issuer=input.issuer.strip(), client_id=input.client_id, client_secret=input.client_secret or None,
                role_mapping=mapping, organisation_id=_organisation(input.organisation_id),
                role_claim=input.role_claim.strip() or "groups", scopes=input.scopes,
                allow_http=settings.is_development)
            return idp, {"change": "configured", "issuer": idp.issuer, "role_mapping": idp.role_mapping}

        row_id, replayed, errors = await _write(info, operation="saveIdentityProvider", input=_without_secret(input),
                                                key=idempotency_key, run=run)
        if errors:
            for error in errors:
                if error.field == "input.organisation":
                    error.field = "input.organisationId"
            return IdentityProviderPayload(identity_provider=None, errors=errors, replayed=False)
        row = await _load(info, IdentityProvider, row_id)
        node = IdentityProviderNode.from_row(row, base_url=settings.public_url, city_slug=city.slug)
        return IdentityProviderPayload(identity_provider=node, errors=[], replayed=replayed)

    @strawberry.mutation(description=describe("Register a signed data-sharing agreement between two or more partner "
                                              "organisations, with the categories of data it lets pass."))
    async def record_sharing_agreement(self, info: Info, input: RecordSharingAgreementInput,
                                       idempotency_key: str | None = None) -> SharingAgreementPayload:
        async def run(session):
            parties = [governance.PartyInput(organisation_id=gid(p.organisation_id, "Organisation",
                                                                 f"parties[{i}].organisation_id"),
                                             signatory_name=p.signatory_name, signed_on=p.signed_on,
                                             signatory_title=(p.signatory_title or "").strip() or None)
                       for i, p in enumerate(input.parties)]
            terms = [governance.TermInput(category=t.category, legal_basis=t.legal_basis,
                                          secrecy_provision=t.secrecy_provision) for t in input.terms]
            agreement = await governance.create_agreement(session, reference=input.reference, title=input.title,
                                                          valid_from=input.valid_from, valid_until=input.valid_until,
                                                          parties=parties, terms=terms)
            return agreement, {"change": "recorded", "reference": agreement.reference,
                               "categories": sorted(t.category.value for t in terms)}

        return await _agreement_payload(info, "recordSharingAgreement", input, idempotency_key, run)

    @strawberry.mutation(description=describe("End a sharing agreement on a date (the register keeps it)."))
    async def end_sharing_agreement(self, info: Info, input: EndSharingAgreementInput,
                                    idempotency_key: str | None = None) -> SharingAgreementPayload:
        async def run(session):
            agreement = await governance.end_agreement(
                session, agreement_id=gid(input.agreement_id, "SharingAgreement", "agreement_id"),
                valid_until=input.valid_until)
            return agreement, {"change": "ended", "valid_until": agreement.valid_until.isoformat()}

        return await _agreement_payload(info, "endSharingAgreement", input, idempotency_key, run)

    @strawberry.mutation(description=describe("Register a data-subject request the day it was received (deadline: one "
                                              "month). A person named must be one the caller may see."))
    async def register_data_subject_request(self, info: Info, input: RegisterDataSubjectRequestInput,
                                            idempotency_key: str | None = None) -> DataSubjectRequestPayload:
        async def run(session):
            request = await governance.register_request(
                session, kind=input.kind, received_on=input.received_on,
                person_id=gid(input.person_id, "Person", "person_id"),
                handled_by_organisation_id=gid(input.handled_by_organisation_id, "Organisation",
                                               "handled_by_organisation_id"),
                today=today())
            return request, {"change": "registered", "kind": request.kind.value}

        return await _request_payload(info, "registerDataSubjectRequest", input, idempotency_key, run)

    @strawberry.mutation(description=describe("Start handling a request (received → in_progress)."))
    async def start_data_subject_request(self, info: Info, input: DataSubjectRequestInput,
                                         idempotency_key: str | None = None) -> DataSubjectRequestPayload:
        async def run(session):
            request = await governance.start_request(session, request_id=_request_id(input.request_id))
            return request, {"change": "started"}

        return await _request_payload(info, "startDataSubjectRequest", input, idempotency_key, run)

    @strawberry.mutation(description=describe("Extend the deadline to three months from receipt (once, within the first "
                                              "month, with the reason)."))
    async def extend_data_subject_request(self, info: Info, input: ExtendDataSubjectRequestInput,
                                          idempotency_key: str | None = None) -> DataSubjectRequestPayload:
        async def run(session):
            request = await governance.extend_request(session, request_id=_request_id(input.request_id),
                                                      reason=input.reason, today=today())
            return request, {"change": "extended", "deadline": request.deadline.isoformat()}

        return await _request_payload(info, "extendDataSubjectRequest", input, idempotency_key, run)

    @strawberry.mutation(description=describe("Close a request as completed or refused, with its outcome."))
    async def close_data_subject_request(self, info: Info, input: CloseDataSubjectRequestInput,
                                         idempotency_key: str | None = None) -> DataSubjectRequestPayload:
        async def run(session):
            request = await governance.close_request(session, request_id=_request_id(input.request_id),
                                                     status=input.status, outcome=input.outcome, today=today())
            return request, {"change": "closed", "status": request.status.value}

        return await _request_payload(info, "closeDataSubjectRequest", input, idempotency_key, run)


async def _secret_payload(info: Info, operation: str, input: Any, key: str | None, run,
                          issued: list[clients.IssuedSecret]) -> ApiClientSecretPayload:
    row_id, replayed, errors = await _write(info, operation=operation, input=input, key=key, run=run)
    if errors:
        return ApiClientSecretPayload(api_client=None, client_secret=None, errors=errors, replayed=False)
    client = ApiClientNode.from_row(await _load(info, ApiClient, row_id))
    secret = issued[-1].secret if issued and not replayed else None
    return ApiClientSecretPayload(api_client=client, client_secret=secret, errors=[], replayed=replayed)


def _without_secret(input: SaveIdentityProviderInput) -> SaveIdentityProviderInput:
    """The input as the idempotency record hashes it: the client secret goes to the provider's row only."""
    return dataclasses.replace(input, client_secret="***" if input.client_secret else None)
