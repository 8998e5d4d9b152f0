"""Data-sharing agreements: validation, which agreement covers a flow, disclosures that name it."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from domain.audit.models import AuditAction, AuditEntry, AuditOutcome
from domain.governance import service
from domain.governance.service import PartyInput, TermInput
from domain.identity.permissions import Category
from domain.organisations.models import Organisation, OrganisationKind
from tenants.context import tenant_context
from tenants.errors import PermissionDenied, ValidationFailed
from tests.domain.audit.helpers import user

SOCIAL = TermInput(Category.people, "GDPR art. 6.1 e och 10; brottsdatalagen 2 kap. 1 §", "OSL 10 kap. 18 a §")


async def orgs(session, tenant_id) -> list[uuid.UUID]:
    made = [Organisation(tenant_id=tenant_id, id=uuid.uuid4(), name=n, kind=k) for n, k in (
        ("Polisen", OrganisationKind.police), ("Socialtjänsten", OrganisationKind.social_services),
        ("Föreningen", OrganisationKind.civil_society))]
    session.add_all(made)
    await session.flush()
    return [o.id for o in made]


async def test_agreement_is_validated_field_by_field(db, tenant_a):
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            police, _, _ = await orgs(db, tenant_a.id)
            with pytest.raises(ValidationFailed) as exc:
                await service.create_agreement(
                    db, reference=" ", title="Samverkan", valid_from=date(2026, 1, 1), valid_until=date(2025, 1, 1),
                    parties=[PartyInput(police, "", date(2025, 12, 1)), PartyInput(uuid.uuid4(), "X", date(2025, 12, 1))],
                    terms=[SOCIAL, TermInput(Category.people, "x", " ")])
    fields = {e.field for e in exc.value.errors}
    assert fields == {"reference", "valid_until", "parties[0].signatory_name", "parties[1].organisation_id",
                      "terms[1].category", "terms[1].secrecy_provision"}


async def test_covering_agreement_depends_on_parties_category_and_dates(db, tenant_a):
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            police, social, ngo = await orgs(db, tenant_a.id)
            agreement = await service.create_agreement(
                db, reference="KS 2026/17", title="Sluta skjut samverkansavtal", valid_from=date(2026, 1, 1),
                valid_until=date(2026, 12, 31),
                parties=[PartyInput(police, "Polisområdeschef", date(2025, 12, 10)),
                         PartyInput(social, "Socialdirektör", date(2025, 12, 12))], terms=[SOCIAL])
            covering = service.covering_agreement
            assert (await covering(db, from_organisation_id=social, to_organisation_id=police, category=Category.people,
                                   on=date(2026, 6, 1))).id == agreement.id
            assert await covering(db, from_organisation_id=social, to_organisation_id=ngo, category=Category.people,
                                  on=date(2026, 6, 1)) is None
            assert await covering(db, from_organisation_id=social, to_organisation_id=police, category=Category.support,
                                  on=date(2026, 6, 1)) is None
            assert await covering(db, from_organisation_id=social, to_organisation_id=police, category=Category.people,
                                  on=date(2027, 1, 1)) is None


async def test_disclosure_names_its_agreement_or_is_refused_and_logged(committed_tenant, app_sessions):
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            police, social, ngo = await orgs(s, committed_tenant.id)
            agreement = await service.create_agreement(
                s, reference="KS 2026/18", title="Avtal", valid_from=date(2026, 1, 1), valid_until=None,
                parties=[PartyInput(police, "A", date(2026, 1, 1)), PartyInput(social, "B", date(2026, 1, 1))],
                terms=[SOCIAL])
        caseworker = user(committed_tenant, name="Sara Socialsekreterare", organisation_id=social)
        person = uuid.uuid4()
        entry = await service.disclose(app_sessions, principal=caseworker, to_organisation_id=police,
                                       category=Category.people, object_type="person", object_id=person,
                                       purpose="förebygga brott (under 21)", request_id="r1", on=date(2026, 3, 1))
        assert entry.agreement_id == agreement.id
        with pytest.raises(PermissionDenied, match="no data-sharing agreement"):
            await service.disclose(app_sessions, principal=caseworker, to_organisation_id=ngo, category=Category.people,
                                   object_type="person", object_id=person, purpose="x", request_id="r2", on=date(2026, 3, 1))
        async with app_sessions() as s, s.begin():
            rows = list(await s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    assert [(e.action, e.outcome, e.agreement_id) for e in rows] == [
        (AuditAction.disclose, AuditOutcome.allowed, agreement.id), (AuditAction.disclose, AuditOutcome.denied, None)]
    assert rows[0].details == {"to_organisation_id": str(police), "category": "people"}
    assert rows[0].organisation_id == social
