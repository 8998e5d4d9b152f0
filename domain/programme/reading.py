"""The programme's settings, phases, fidelity checks and context events: ``programme``."""

from __future__ import annotations

from domain.access.readable import register
from domain.identity.permissions import Category
from domain.programme.models import ContextEvent, FidelityCheck, ProgrammePhase, ProgrammeSettings

for _model in (ProgrammeSettings, ProgrammePhase, FidelityCheck, ContextEvent):
    register(_model, Category.programme)
