"""``createRelease`` / ``publishRelease`` (national coordinators) and ``recordNationalSharing`` /
``pauseNationalSharing`` (a city's coordinator). Refusals come back in the payload's ``errors``."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.graphql.errors import UserError
from api.graphql.mutations.base import input_errors, mutate, payload_type
from api.graphql.national.types import NationalRelease, NationalSharingAgreement, ReleaseJobNode, ReleaseMethodName
from domain.identity.permissions import Action, Category, require
from domain.national import agreements, releases
from domain.national.models import SharingAgreement
from tenants.database import transaction
from tenants.errors import DomainError, PermissionDenied, ValidationFailed

log = logging.getLogger(__name__)


@strawberry.input(description="What a city agrees to share with national statistics.")
class RecordNationalSharingInput:
    reference: str = strawberry.field(description="The agreement's reference (diarienummer), 1–100 characters.")
    signatory: str = strawberry.field(description="Who signed for the city, 1–200 characters.")
    signed_on: date = strawberry.field(description="Not in the future.")
    measures: list[str] | None = strawberry.field(default=None, description="Measures covered; null = every national measure.")


@strawberry.input(description="A release's parameters; every one optional.")
class CreateReleaseInput:
    k: int = strawberry.field(default=5, description="Person counts 0 < n < k are suppressed (2–50).")
    protection: int | None = strawberry.field(default=None, description="Minimum interval width of a suppressed cell (default k).")
    period_from: str | None = strawberry.field(default=None, name="from", description="First month, YYYY-MM.")
    period_to: str | None = strawberry.field(default=None, name="to", description="Last month, YYYY-MM.")
    method: ReleaseMethodName = strawberry.field(default=ReleaseMethodName.SUPPRESSION,
                                                 description="How person counts are protected.")
    d: int | None = strawberry.field(default=None, description="cell_key: the largest perturbation D (default k).")
    v: float | None = strawberry.field(default=None, description="cell_key: the perturbation's variance V (default 2).")


NationalSharingPayload = payload_type("NationalSharingPayload", "agreement", NationalSharingAgreement)


@strawberry.type(description="The queued release job (poll national.releaseJob), or why it was refused.")
class CreateReleasePayload:
    job: ReleaseJobNode | None
    errors: list[UserError]
    replayed: bool = False


@strawberry.type(description="The release with its new publication state, or why it was refused.")
class PublishReleasePayload:
    release: NationalRelease | None
    errors: list[UserError]


async def _agreement(info: Info, agreement_id) -> NationalSharingAgreement | None:
    async with info.context.db() as session:
        row = await session.get(SharingAgreement, (info.context.principal.tenant_id, agreement_id))
    return NationalSharingAgreement.from_row(row) if row else None


def _national_write(info: Info) -> None:
    require(info.context.principal, Category.releases, Action.write)


def _start_worker(info: Info, job_id) -> None:
    """Create the release in the background: the request answers with the queued job at once."""
    national = info.context.national
    task = asyncio.get_running_loop().create_task(releases.work(national.publisher_sessions, job_id=job_id))
    national.tasks.add(task)  # keep a reference until it ends

    def done(t: asyncio.Task) -> None:
        national.tasks.discard(t)
        if not t.cancelled() and t.exception() is not None:
            log.error("release job %s failed", job_id, exc_info=t.exception())

    task.add_done_callback(done)


@strawberry.type
class NationalMutations:
    @strawberry.mutation(description="Record the city's national sharing agreement (replaces the previous one). Requires "
                                     "administration:write (the city's coordinator). Leaves one audit entry.")
    async def record_national_sharing(self, info: Info, input: RecordNationalSharingInput,
                                      idempotency_key: str | None = None) -> NationalSharingPayload:
        principal = info.context.principal
        return await mutate(info, NationalSharingPayload, category=Category.administration, operation="recordNationalSharing",
                            input=input, key=idempotency_key, load=lambda i: _agreement(info, i),
                            run=lambda s, _: agreements.record(s, reference=input.reference, signatory=input.signatory,
                                                               signed_on=input.signed_on, measures=input.measures,
                                                               recorded_by=principal.name))

    @strawberry.mutation(description="Pause the city's agreement: new months are no longer shared; releases keep what they "
                                     "published. Requires administration:write. Leaves one audit entry.")
    async def pause_national_sharing(self, info: Info, idempotency_key: str | None = None) -> NationalSharingPayload:
        principal = info.context.principal
        return await mutate(info, NationalSharingPayload, category=Category.administration, operation="pauseNationalSharing",
                            input=None, key=idempotency_key, load=lambda i: _agreement(info, i),
                            run=lambda s, _: agreements.pause(s, paused_by=principal.name))

    @strawberry.mutation(description="Request a national release (releases:write, national coordinators). It is created in "
                                     "the background from the last refresh; the payload carries the queued job.")
    async def create_release(self, info: Info, input: CreateReleaseInput | None = None,
                             idempotency_key: Annotated[str | None, strawberry.argument(
                                 description="A repeated key returns the first job.")] = None) -> CreateReleasePayload:
        input = input or CreateReleaseInput()
        try:
            _national_write(info)
            params = releases.ReleaseParameters(k=input.k, protection=input.protection, period_from=input.period_from,
                                                period_to=input.period_to, method=input.method.value, d=input.d, v=input.v)
            async with transaction(info.context.national.publisher_sessions) as session:
                job = await releases.request(session, params, requested_by=info.context.principal.name,
                                             request_key=f"{info.context.principal.id}:{idempotency_key}"
                                             if idempotency_key else None)
                replayed = job.status != "queued" or job.requested_by != info.context.principal.name
                from domain.national.models import NationalAuditEntry

                session.add(NationalAuditEntry(actor_kind="national_user", actor=info.context.principal.name,
                                               action="release.request", object=f"job:{job.id}",
                                               request_id=info.context.request_id, details=params.as_dict()))
        except (DomainError, PermissionDenied) as exc:
            return CreateReleasePayload(job=None, errors=input_errors(exc))
        if job.status == "queued":
            _start_worker(info, job.id)
        return CreateReleasePayload(job=ReleaseJobNode.from_row(job), errors=[], replayed=replayed)

    @strawberry.mutation(description="Queue a failed release job again (e.g. one whose worker was killed: such a job is "
                                     "marked failed, never left running) and create it in the background. Requires "
                                     "releases:write.")
    async def retry_release_job(self, info: Info, id: strawberry.ID) -> CreateReleasePayload:
        try:
            _national_write(info)
            try:
                job_id = uuid.UUID(str(id))
            except ValueError:
                raise ValidationFailed.single("id", "not_an_id", "not a release job id") from None
            async with transaction(info.context.national.publisher_sessions) as session:
                job = await releases.retry(session, job_id, by=info.context.principal.name)
        except (DomainError, PermissionDenied) as exc:
            return CreateReleasePayload(job=None, errors=input_errors(exc, prefix="id"))
        _start_worker(info, job.id)
        return CreateReleasePayload(job=ReleaseJobNode.from_row(job), errors=[])

    @strawberry.mutation(description="Publish a release (its tables, and nothing else, become readable without signing in at "
                                     "/public/releases/ID) or withdraw it. Requires releases:write.")
    async def publish_release(self, info: Info, id: int, withdraw: bool = False) -> PublishReleasePayload:
        try:
            _national_write(info)
            async with transaction(info.context.national.publisher_sessions) as session:
                await releases.publish(session, id, by=info.context.principal.name, withdraw=withdraw)
                release = await releases.get(session, id)
        except (DomainError, PermissionDenied) as exc:
            return PublishReleasePayload(release=None, errors=input_errors(exc, prefix="id"))
        return PublishReleasePayload(release=NationalRelease.from_row(release, not withdraw), errors=[])
