"""``rules/exams.yaml``."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Annotated, ClassVar, Literal, Self

from pydantic import Field, model_validator

from stepwise.schema.base import ExamKey, Fault, Range, Sourced, WeekRange, _Model, _report, _used_once


def _periods(field: str, rows: Sequence[PassingStandard | AttemptLimit]) -> Iterator[Fault]:
    """Effective periods must be ordered, not overlap, leave no gap, and only the last may be open."""
    for i, row in enumerate(rows):
        if row.end is not None and row.end < row.start:
            yield Fault(f"{field}[{i}].end", f"a date on or after start {row.start}", str(row.end))
        if row.end is None and i != len(rows) - 1:
            yield Fault(f"{field}[{i}].end", "a date (only the last period may be open)", "null")
        prev_end = rows[i - 1].end if i else None
        if prev_end is not None and row.start != prev_end + dt.timedelta(days=1):
            what = "an overlap" if row.start <= prev_end else "a gap"
            yield Fault(f"{field}[{i}].start", f"the day after {prev_end}", f"{row.start} ({what})")


class PassingStandard(Sourced):
    score: int = Field(ge=1, le=300)
    start: dt.date
    end: dt.date | None


class Scale(Sourced):
    mean: float
    sd: float = Field(gt=0)
    sem: float | None = Field(default=None, gt=0)  # standard error of measurement, where a source gives one
    cohort: str


class Percentiles(Sourced):
    norm_group: str
    table: dict[int, Annotated[int, Field(ge=0, le=100)]]

    @model_validator(mode="after")
    def check_not_falling(self) -> Self:
        items = sorted(self.table.items())
        _report(
            Fault(f"table[{s2}]", f"a percentile of at least {p1}", str(p2)) for (_s1, p1), (s2, p2) in itertools.pairwise(items) if p2 < p1
        )
        return self


class ScoreRelease(Sourced):
    weeks: WeekRange


class Capabilities(Sourced):
    """What the rules StepWise holds say about this Step: the core asks these, never the Step's key."""

    projection: Literal["community_formula", "cbssa_formula"]  # how practice tests become a real score
    gap_weeks: bool  # weeks from the gap at the weekly gains (measured on this Step)
    bands_native: bool  # the 2020 article's weeks-by-score bands were written for this Step's scores
    plans_first_attempt: bool  # weeks of study before a first attempt (else the projection is the guide)
    specialty_aims: bool  # NRMP's matched ranges by specialty are scores on this Step
    low_pass_checklist: bool  # the retake-after-a-low-pass checklist is about this Step
    stop_rule: bool  # the stop rule's article is about this Step
    first_test_reads_low: bool  # the "first NBME after a fail reads low" caveat is about this Step
    own_miss: bool  # practice before the attempt against its real score (needs three-digit real scores)


class Step(_Model):
    name: str
    scored_until: dt.date | None
    passing_standards: list[PassingStandard] = Field(min_length=1)
    scale: Scale
    percentiles: Percentiles | None
    score_release: ScoreRelease
    capabilities: Capabilities

    @model_validator(mode="after")
    def check_periods(self) -> Self:
        _report(_periods("passing_standards", self.passing_standards))
        return self


class ScoreScale(Sourced, Range):
    max_above_min: ClassVar[bool] = True


class AttemptLimit(Sourced):
    max_attempts: int = Field(ge=1)
    start: dt.date
    end: dt.date | None
    note: str


class AttemptPolicy(Sourced):
    max_attempts: int = Field(ge=1)
    limit_history: list[AttemptLimit]
    max_in_window: int = Field(ge=1)
    window_months: int = Field(ge=1)
    spacing_applies_from_attempt: int = Field(ge=2)
    months_after_first: int = Field(ge=0)
    months_after_latest: int = Field(ge=0)
    counts_incomplete: bool

    @model_validator(mode="after")
    def check_limits(self) -> Self:
        faults = list(_periods("limit_history", self.limit_history))
        if self.max_in_window > self.max_attempts:
            faults.append(Fault("max_in_window", f"at most max_attempts ({self.max_attempts})", str(self.max_in_window)))
        _report(faults)
        return self


class RetakeException(_Model):
    key: str
    name: str
    conditions: list[str] = Field(min_length=1)


class RetakeAfterPass(Sourced):
    allowed: bool
    summary: str
    exceptions: list[RetakeException]

    @model_validator(mode="after")
    def check_keys(self) -> Self:
        _report(_used_once("exceptions", [e.key for e in self.exceptions], "key"))
        return self


class Licensing(Sourced):
    all_steps_within_years: int = Field(ge=1)


class InputLimits(Sourced):
    max_weeks: int = Field(ge=1)
    max_prior_fails: int = Field(ge=0)
    max_practice_tests: int = Field(ge=1)
    max_param_chars: int = Field(ge=10)
    # Two dates rather than a Range: the details dialog reads them by these names.
    earliest_date: dt.date
    latest_date: dt.date

    @model_validator(mode="after")
    def check_dates(self) -> Self:
        if self.latest_date <= self.earliest_date:
            _report([Fault("latest_date", f"a date after earliest_date {self.earliest_date}", str(self.latest_date))])
        return self


class Display(Sourced):
    stale_after_days: int = Field(ge=1)


class SeedCorrection(Sourced):
    seed: str
    text: str


class Exams(_Model):
    steps: dict[ExamKey, Step]
    score_scale: ScoreScale
    attempt_policy: AttemptPolicy
    retake_after_pass: RetakeAfterPass
    licensing: Licensing
    input_limits: InputLimits
    display: Display
    seed_corrections: list[SeedCorrection]

    @model_validator(mode="after")
    def check_steps(self) -> Self:
        faults = [Fault(f"steps.{key}", "this Step", "nothing") for key in ("step1", "step2ck") if key not in self.steps]
        lo, hi = self.score_scale.min, self.score_scale.max
        within = f"a score within the score scale {lo}–{hi}"
        for key, step in self.steps.items():
            for i, standard in enumerate(step.passing_standards):
                if not lo <= standard.score <= hi:
                    faults.append(Fault(f"steps.{key}.passing_standards[{i}].score", within, str(standard.score)))
            for score in step.percentiles.table if step.percentiles else ():
                if not lo <= score <= hi:
                    faults.append(Fault(f"steps.{key}.percentiles.table", within, str(score)))
        _report(faults)
        return self
