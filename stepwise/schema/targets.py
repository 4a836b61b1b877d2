"""``rules/targets.yaml``."""

from __future__ import annotations

import itertools
from typing import Self

from pydantic import Field, model_validator

from stepwise.schema.base import Fault, PointRange, Sourced, Tier, _Model, _num, _report, _used_once


class TierTarget(Sourced):
    key: Tier
    label: str
    risk_after_fail: str
    target: int


class Buffer(Sourced, PointRange):
    text: str


class NoSpecialty(Sourced):
    margin: int = Field(ge=0)


class RealismBand(_Model):
    max_gap: int
    label: str


class MatchRate(_Model):
    fails: int = Field(ge=0)
    label: str
    percent: float = Field(ge=0, le=100)


class MatchRates(Sourced):
    rows: list[MatchRate] = Field(min_length=1)
    caveat: str

    @model_validator(mode="after")
    def check_order(self) -> Self:
        _report(
            Fault(f"rows[{i}].fails", f"more than {a.fails} (rows in increasing fails)", str(b.fails))
            for i, (a, b) in enumerate(itertools.pairwise(self.rows), start=1)
            if b.fails <= a.fails
        )
        return self


class PDSurvey(Sourced):
    percent_citing_failed_attempt: float = Field(ge=0, le=100)
    mean_importance: float = Field(ge=0)
    importance_scale_max: int = Field(ge=1)

    @model_validator(mode="after")
    def check_importance(self) -> Self:
        if self.mean_importance > self.importance_scale_max:
            _report([Fault("mean_importance", f"at most importance_scale_max ({self.importance_scale_max})", _num(self.mean_importance))])
        return self


class Weight(_Model):
    part: str
    weight: float = Field(ge=0)


class Weights(Sourced):
    rows: list[Weight]
    caveat: str


class HistoryNote(Sourced):
    text: str


class RealismSource(Sourced):
    """Where the realism bands' words come from."""


class Targets(_Model):
    tiers: list[TierTarget] = Field(min_length=1)
    buffer: Buffer
    no_specialty: NoSpecialty
    realism: list[RealismBand] = Field(min_length=1)
    realism_source: RealismSource
    match_rate_by_fails: MatchRates
    program_director_survey: PDSurvey
    application_weights: Weights
    history: list[HistoryNote]

    @model_validator(mode="after")
    def check_tables(self) -> Self:
        faults = list(_used_once("tiers", [t.key for t in self.tiers], "key"))
        gaps = [b.max_gap for b in self.realism]
        if any(b <= a for a, b in itertools.pairwise(gaps)):
            faults.append(Fault("realism", "bands in increasing max_gap", ", ".join(map(str, gaps))))
        _report(faults)
        return self
