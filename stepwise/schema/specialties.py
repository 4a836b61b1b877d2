"""``rules/specialties.yaml``."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from stepwise.schema.base import Sourced, Tier, Zone, _ascending, _Model, _report, _used_once


class Matched(_Model):
    n: int = Field(ge=0)
    q1: int
    median: int
    q3: int

    @model_validator(mode="after")
    def check_quartiles(self) -> Self:
        _report(_ascending(("q1", "median", "q3"), (self.q1, self.median, self.q3)))
        return self


class NotMatched(_Model):
    n: int = Field(ge=0)
    median: int


class Classification(Sourced):
    """Where a specialty's tier and zone come from."""


class Specialty(Sourced):
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    short: str | None = None  # a shorter label for charts on a phone
    tier: Tier
    zone: Zone
    note: str | None = None
    classification: Classification
    matched: Matched
    not_matched: NotMatched | None


class Specialties(_Model):
    nrmp_source: str
    nrmp_label: str
    classification_source: str
    specialties: list[Specialty] = Field(min_length=1)

    @model_validator(mode="after")
    def check_slugs(self) -> Self:
        _report(_used_once("specialties", [s.slug for s in self.specialties], "slug"))
        return self
