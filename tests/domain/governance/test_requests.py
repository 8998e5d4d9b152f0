"""Data-subject requests: the statutory deadline, its one extension, closing, overdue."""

from __future__ import annotations

from datetime import date

import pytest

from domain.governance import service
from domain.governance.models import RequestKind, RequestStatus
from tenants.context import tenant_context
from tenants.errors import Conflict, ValidationFailed


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 3, 14), 1, date(2026, 4, 14)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_add_months(start, months, expected):
    assert service.add_months(start, months) == expected


async def test_deadline_extension_close_and_overdue(db, tenant_a):
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            req = await service.register_request(db, kind=RequestKind.access, received_on=date(2026, 1, 31))
            late = await service.register_request(db, kind=RequestKind.erasure, received_on=date(2026, 1, 5))
            assert req.deadline == date(2026, 2, 28) and req.status is RequestStatus.received

            with pytest.raises(ValidationFailed) as exc:
                await service.extend_request(db, request_id=late.id, reason="komplext", today=date(2026, 2, 6))
            assert [e.field for e in exc.value.errors] == ["deadline"]
            with pytest.raises(ValidationFailed) as exc:
                await service.extend_request(db, request_id=req.id, reason="gäller 19811218-9876", today=date(2026, 2, 10))
            assert [e.code for e in exc.value.errors] == ["identity_number"]
            assert "9876" not in str(exc.value)

            req = await service.extend_request(db, request_id=req.id, reason="many registers to search", today=date(2026, 2, 10))
            assert req.deadline == date(2026, 4, 30) and req.extended
            with pytest.raises(ValidationFailed, match="only once"):
                await service.extend_request(db, request_id=req.id, reason="again", today=date(2026, 2, 11))

            assert [r.id for r in await service.overdue(db, today=date(2026, 3, 1))] == [late.id]
            await service.close_request(db, request_id=late.id, status=RequestStatus.completed,
                                        outcome="erased from the programme's registers", today=date(2026, 3, 1))
            with pytest.raises(Conflict):
                await service.close_request(db, request_id=late.id, status=RequestStatus.refused, outcome="x",
                                            today=date(2026, 3, 2))
            assert await service.overdue(db, today=date(2026, 3, 1)) == []
            assert [r.id for r in await service.overdue(db, today=date(2026, 5, 1))] == [req.id]
