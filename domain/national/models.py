"""National statistics tables.

One city table (``national_sharing_agreements``: the city's own record of what it agreed to share,
under RLS like every city table) and the ``national`` schema, which holds no person, no free text
and nothing finer than a city and a month:

- ``city_profiles``, ``city_context_events``: the public face of each contributing city;
- ``measure_versions``: per-city, per-month measures, append-only and versioned by refresh run, so a
  release can be recomputed at its watermark. Small person counts are still exact here: the national
  read role (``gvi_national``) has no privilege on this table; only releases leave it.
- ``releases``, ``release_rows``, ``publications``: immutable once written (database triggers);
- ``release_jobs``: release requests worked off in the background; ``action_log``: national actions (audited).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid, func, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import created_at, uuid_pk
from tenants.rls import NATIONAL_SCHEMA, Base, TenantScoped


class SharingAgreement(TenantScoped, Base):
    """A city's agreement to contribute aggregates to national statistics (recorded by its coordinator).

    The latest agreement counts; it is in force until paused. Pausing stops new months from being
    shared; what was shared before stays in the releases that published it.
    """

    __tablename__ = "national_sharing_agreements"

    id: Mapped[uuid.UUID] = uuid_pk()
    reference: Mapped[str] = mapped_column(String(100))  # diarienummer
    signatory: Mapped[str] = mapped_column(String(200))
    signed_on: Mapped[date] = mapped_column(Date)
    measures: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = created_at()
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paused_by: Mapped[str | None] = mapped_column(String(200))


_N = {"schema": NATIONAL_SCHEMA}


class RefreshRun(Base):
    """One run of ``gvi national refresh``; its id is the data watermark releases refer to."""

    __tablename__ = "refresh_runs"
    __table_args__ = _N

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    mode: Mapped[str] = mapped_column(String(20))  # full | incremental
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cities: Mapped[int] = mapped_column(Integer, server_default="0")
    rows_written: Mapped[int] = mapped_column(Integer, server_default="0")


class CityProfile(Base):
    """A city as the nation sees it: name, code, population, programme start and phase, sharing state."""

    __tablename__ = "city_profiles"
    __table_args__ = _N

    city_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kommunkod: Mapped[str] = mapped_column(String(4))
    population: Mapped[int | None] = mapped_column(Integer)
    population_year: Mapped[int | None] = mapped_column(Integer)
    programme_started_on: Mapped[date | None] = mapped_column(Date)
    phase: Mapped[str | None] = mapped_column(String(30))
    phase_started_on: Mapped[date | None] = mapped_column(Date)
    sharing: Mapped[str] = mapped_column(String(20))  # in_force | paused
    sharing_since: Mapped[date | None] = mapped_column(Date)
    measures: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    refreshed_run: Mapped[int] = mapped_column(BigInteger)


class CityContextEvent(Base):
    """A city's dated context event marked for national evaluation: kind and dates only (no text)."""

    __tablename__ = "city_context_events"
    __table_args__ = _N

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    city_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(30))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class MeasureVersion(Base):
    """One city-month's measures as of one refresh run (a new row only when a value changed)."""

    __tablename__ = "measure_versions"
    __table_args__ = _N

    city_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)  # first day of the month
    run_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    values: Mapped[dict] = mapped_column(JSONB)  # measure -> count; only the measures the agreement covers


class Release(Base):
    """An immutable, versioned national release: its inputs, method, parameters and content hash."""

    __tablename__ = "releases"
    __table_args__ = _N

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)  # the version number
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(200))
    watermark: Mapped[int] = mapped_column(BigInteger)  # refresh run id the data is taken at
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(30))  # suppression | cell_key
    parameters: Mapped[dict] = mapped_column(JSONB)
    methodology: Mapped[str] = mapped_column(Text)
    cities: Mapped[list] = mapped_column(JSONB)  # the cities as they were: id, name, kommunkod, population, start
    content_hash: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    # Set by a trigger to the creating transaction: rows can only be added in that same transaction.
    created_xact: Mapped[int | None] = mapped_column(BigInteger)


class ReleaseRow(Base):
    """One published row: a city (or the nation: the nil UUID) × a month or a year, one value per measure.

    ``values`` maps measure → count; ``null`` is a suppressed cell; a measure missing from the map was
    not shared by that city (its agreement did not cover it, or it was paused).
    """

    __tablename__ = "release_rows"
    __table_args__ = _N

    release_id: Mapped[int] = mapped_column(Integer, ForeignKey("national.releases.id"), primary_key=True)
    city_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)  # 2019-11 or 2019
    values: Mapped[dict] = mapped_column(JSONB)


class Publication(Base):
    """A release made public (or withdrawn): the log is append-only, the latest entry counts."""

    __tablename__ = "publications"
    __table_args__ = _N

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    release_id: Mapped[int] = mapped_column(Integer, ForeignKey("national.releases.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # published | withdrawn
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    by: Mapped[str] = mapped_column(String(200))


class ReleaseJob(Base):
    """A requested release, created in the background (never inside the request that asked for it)."""

    __tablename__ = "release_jobs"
    __table_args__ = (UniqueConstraint("request_key"), _N)

    id: Mapped[uuid.UUID] = uuid_pk()
    request_key: Mapped[str | None] = mapped_column(String(100))
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    parameters: Mapped[dict] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'queued'"))  # queued|running|done|failed
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    release_id: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)


class NationalAuditEntry(Base):
    """One national action (refresh, release, publication, download): append-only."""

    __tablename__ = "action_log"
    __table_args__ = _N

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor_kind: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    object: Mapped[str | None] = mapped_column(String(100))
    request_id: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[dict | None] = mapped_column(JSONB)
