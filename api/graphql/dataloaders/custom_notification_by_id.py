"""Custom notifications by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.notifications.models import CustomNotification


class CustomNotificationByIdLoader(ById):
    model = CustomNotification
