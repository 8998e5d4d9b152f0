"""The organisations that delivered custom notifications: rows ``(notification_id, Organisation)``."""

from __future__ import annotations

from sqlalchemy import Select, and_, select

from api.graphql.dataloaders.base import JoinedByKey
from domain.access.readable import visible
from domain.access.viewer import Viewer
from domain.notifications.models import NotificationOrganisation as NO
from domain.organisations.models import Organisation


class OrganisationsByNotificationLoader(JoinedByKey):
    def statement(self, keys: list, viewer: Viewer) -> Select:
        return (select(NO.notification_id, Organisation)
                .join(Organisation, and_(Organisation.tenant_id == NO.tenant_id, Organisation.id == NO.organisation_id))
                .where(NO.notification_id.in_(keys), visible(NO, viewer)).order_by(Organisation.name))
