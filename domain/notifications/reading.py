"""Custom notifications: ``notifications`` for all rows."""

from __future__ import annotations

from domain.access.readable import register
from domain.identity.permissions import Category
from domain.notifications.models import CustomNotification, NotificationOrganisation

for _model in (CustomNotification, NotificationOrganisation):
    register(_model, Category.notifications)
