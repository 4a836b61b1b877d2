"""``rules/practice_tests.yaml``."""

from __future__ import annotations

import itertools
from typing import ClassVar, Literal, Self

from pydantic import Field, model_validator

from stepwise.schema.base import ExamKey, Fault, FloatRange, PercentRange, PointRange, Range, Sourced, _Model, _num, _report, _used_once


class FormScores(FloatRange):
    """The scores a form can print: ``max`` above ``min``."""

    max_above_min: ClassVar[bool] = True


class Form(Sourced):
    key: str = Field(pattern=r"^[a-z0-9]+$")
    name: str
    exam: ExamKey
    unit: Literal["three_digit", "percent"]
    offset: float
    scores: FormScores
    late: bool = False  # planned for the final weeks (UWSAs, Free 120)
    note: str | None = None

    @model_validator(mode="after")
    def check_percent(self) -> Self:
        if self.unit == "percent":
            _report(
                Fault(f"scores.{end}", "a percent from 0 to 100", _num(value))
                for end, value in (("min", self.scores.min), ("max", self.scores.max))
                if not 0 <= value <= 100
            )
        return self


class Accuracy(_Model):
    within_points: float = Field(gt=0)
    percent: float = Field(ge=0, le=100)


class Step2Model(Sourced):
    pivot: float
    slope: float = Field(gt=0)
    intercept: float
    residual_sd: float = Field(gt=0)
    recency_days: float = Field(gt=0)
    single_form_mean_abs_miss: float = Field(gt=0)
    range_coverage: float = Field(gt=0, lt=1)
    horizon_grace_days: int = Field(ge=0)
    accuracy: list[Accuracy] = Field(min_length=1)
    sample_mean_real: float
    sample: str
    limits: list[str]


class GainRow(_Model):
    below: int | None
    gain: float


class GainByLevel(Sourced):
    rows: list[GainRow] = Field(min_length=1)

    @model_validator(mode="after")
    def check_levels(self) -> Self:
        faults = []
        for i, row in enumerate(self.rows):
            prev = self.rows[i - 1].below if i else None
            if row.below is None and i != len(self.rows) - 1:
                faults.append(Fault(f"rows[{i}].below", "a number (only the last row may be open)", "null"))
            elif row.below is not None and prev is not None and row.below <= prev:
                faults.append(Fault(f"rows[{i}].below", f"more than {prev} (rows in increasing level)", str(row.below)))
        _report(faults)
        return self


class Free120Row(_Model):
    percent: PercentRange
    median_real: float


class Free120Bands(Sourced):
    rows: list[Free120Row] = Field(min_length=2)
    sample: str

    @model_validator(mode="after")
    def check_increasing(self) -> Self:
        faults = []
        for i, (a, b) in enumerate(itertools.pairwise(self.rows), start=1):
            if b.percent.min <= a.percent.max:
                faults.append(
                    Fault(f"rows[{i}].percent.min", f"more than {_num(a.percent.max)} (bands in increasing order)", _num(b.percent.min))
                )
            if b.median_real < a.median_real:
                faults.append(
                    Fault(f"rows[{i}].median_real", f"at least {_num(a.median_real)} (bands in increasing order)", _num(b.median_real))
                )
        _report(faults)
        return self


class Step1Model(Sourced):
    ceiling: float
    daily_factor: float = Field(gt=0, lt=1)
    error_sd: float = Field(gt=0)
    mean_miss: float
    recency_days: float = Field(gt=0)
    max_pass_when_all_below: float = Field(gt=0, lt=1)


class Points(Sourced):
    points: float


class TestDayGap(Sourced):
    points: PointRange


class ExampleTest(_Model):
    form: str
    score: int


class SeedExample(Sourced):
    tests: list[ExampleTest]
    real: int


class ProjectionLimits(Sourced):
    """Where the projection's formulas hold, and what it does outside them (docs/model.md)."""

    calibrated_from: int = Field(ge=1, le=300)
    blend_points: int = Field(gt=0, le=100)
    own_miss_weight: float = Field(ge=0, le=1)
    stale_after_weeks: int = Field(ge=1, le=104)
    max_sd: float = Field(gt=0, le=100)
    step1_scores: Range
    step1_days_max: int = Field(ge=0, le=3650)


class PracticeTests(_Model):
    community_source: str
    forms: list[Form] = Field(min_length=1)
    step2ck_model: Step2Model
    gain_by_level: GainByLevel
    free120_bands: Free120Bands
    step1_model: Step1Model
    nbme_standard_error: Points
    test_day_gap: TestDayGap
    seed_example: SeedExample
    projection_limits: ProjectionLimits

    @model_validator(mode="after")
    def check_keys(self) -> Self:
        _report(_used_once("forms", [f.key for f in self.forms], "key"))
        return self
