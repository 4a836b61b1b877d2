"""``rules/study.yaml``."""

from __future__ import annotations

import itertools
from typing import Self

from pydantic import Field, model_validator

from stepwise.schema.base import Fault, PointRange, Range, Sourced, WeekRange, _ascending, _Model, _num, _report
from stepwise.schema.retake import Text


class Band(Sourced):
    scores: Range
    weeks: WeekRange
    interpolated: bool
    label: str


class Bands(Sourced):
    """The article's weeks by failing score, in its own terms: scores judged against ``anchor_standard``."""

    anchor_standard: int = Field(ge=1, le=300)
    rows: list[Band] = Field(min_length=1)
    note: str

    @model_validator(mode="after")
    def check_rows(self) -> Self:
        rows = sorted(self.rows, key=lambda r: r.scores.min)
        faults = [
            Fault(
                f"rows[{self.rows.index(b)}].scores.min", f"{a.scores.max + 1} (no gap or overlap with the band below)", str(b.scores.min)
            )
            for a, b in itertools.pairwise(rows)
            if b.scores.min != a.scores.max + 1
        ]
        faults += [
            Fault(f"rows[{self.rows.index(b)}].weeks", "at least the weeks of the band above it", f"{b.weeks.min}–{b.weeks.max}")
            for a, b in itertools.pairwise(rows)
            if b.weeks.max > a.weeks.max
        ]
        _report(faults)
        return self


class MinimumWeeks(Sourced):
    weeks: int = Field(ge=1)
    text: str


class GainPerWeek(Sourced):
    slow: float = Field(gt=0)
    typical: float = Field(gt=0)
    fast: float = Field(gt=0)
    sample: str

    @model_validator(mode="after")
    def check_quartiles(self) -> Self:
        _report(_ascending(("slow", "typical", "fast"), (self.slow, self.typical, self.fast)))
        return self


class HoursRow(_Model):
    activity: str
    hours: float = Field(ge=0)


HOURS_IN_A_WEEK = 168


class WeeklyHours(Sourced):
    rows: list[HoursRow]

    @model_validator(mode="after")
    def check_total(self) -> Self:
        total = sum(r.hours for r in self.rows)
        if total > HOURS_IN_A_WEEK:
            _report([Fault("rows", f"hours adding up to at most {HOURS_IN_A_WEEK}", f"{_num(total)} in all")])
        return self


class QuestionsPerDay(Sourced, Range):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class Cadence(Sourced, WeekRange):
    """Practice tests every ``min``–``max`` weeks; the plan spaces them ``planned`` weeks apart."""

    min: int = Field(ge=1)
    max: int = Field(ge=1)
    planned: int = Field(ge=1)

    @model_validator(mode="after")
    def check_planned(self) -> Self:
        if not self.min <= self.planned <= self.max:
            _report([Fault("planned", f"{self.min} to {self.max}", str(self.planned))])
        return self


class Scaffold(Sourced):
    question_weeks: WeekRange
    assessment_weeks: WeekRange


class StopRule(Sourced):
    after_weeks: WeekRange
    below_target_points: int = Field(ge=0)
    text: str


class FirstAssessment(Sourced):
    reads_low: PointRange
    within_days: int = Field(ge=0)
    text: str


class TutoringClaim(Text):
    """A vendor's claim about its own tutoring, shown labelled as such."""


class Study(_Model):
    bands: Bands
    minimum_weeks: MinimumWeeks
    gain_per_week: GainPerWeek
    weekly_hours: WeeklyHours
    questions_per_day: QuestionsPerDay
    assessment_every_weeks: Cadence
    scaffold: Scaffold
    stop_rule: StopRule
    first_assessment_after_fail: FirstAssessment
    tutoring_claim: TutoringClaim
