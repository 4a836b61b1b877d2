"""The schema of the rules files in ``rules/``: one section per file.

Each model states what a block of a file must hold. Rules that tie fields of one file together (a
range's ends in order, effective periods without gap or overlap, tables in increasing order) are
validators on the models themselves: they raise a :class:`RuleViolation` naming the field, what was
expected and what was found, in words for the person who edits the file. Checks that span two files
live in :mod:`stepwise.rules`, which also loads the files.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ExamKey = Literal["step1", "step2ck"]
DEFAULT_EXAM: ExamKey = "step2ck"  # the URL contract's default Step
Tier = Literal["highly_competitive", "moderately_competitive", "primary_care", "community_primary_care"]
Zone = Literal["hard_stop", "middle", "forgiving"]

NonNegative = Annotated[int, Field(ge=0)]
MAX_DELAY_WEEKS = 52  # a delay longer than a year is a new plan, not a delay


# --- how a validator reports --------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """One broken rule inside a block; ``field`` is relative to the block ('max', 'rows[2].percent.min')."""

    field: str
    expected: str
    found: str


class RuleViolation(ValueError):
    """Raised by a validator with every fault it found in its block."""

    def __init__(self, faults: Sequence[Fault]) -> None:
        self.faults = tuple(faults)
        super().__init__("; ".join(f"{f.field}: expected {f.expected}; found {f.found}" for f in self.faults))


def _report(faults: Iterable[Fault]) -> None:
    found = list(faults)
    if found:
        raise RuleViolation(found)


def _num(value: float | None) -> str:
    return "null" if value is None else f"{value:g}"


def _ascending(names: Sequence[str], values: Sequence[float]) -> Iterator[Fault]:
    """Figures that must not fall: quartiles, slow/typical/fast gains."""
    if any(a > b for a, b in itertools.pairwise(values)):
        yield Fault("", " <= ".join(names), " / ".join(_num(v) for v in values))


def _in_order(lo: float | None, hi: float | None, max_above_min: bool) -> Iterator[Fault]:
    if lo is None or hi is None:
        return
    if hi < lo or (max_above_min and hi == lo):
        yield Fault("max", f"{'more than' if max_above_min else 'at least'} min ({_num(lo)})", _num(hi))


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


def _used_once(field: str, keys: Sequence[str], what: str) -> Iterator[Fault]:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            yield Fault(f"{field}[{i}].{what}", f"a {what} used once", key)
        seen.add(key)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(_Model):
    """A block of figures with where they come from and the date they hold for."""

    source: str = Field(min_length=1)
    as_of: dt.date


# --- ranges: every min/max pair -------------------------------------------------------------


class Range(_Model):
    """Whole numbers from ``min`` to ``max``, both included."""

    min: int
    max: int
    max_above_min: ClassVar[bool] = False  # True: max must be more than min, not equal to it

    @model_validator(mode="after")
    def check_order(self) -> Self:
        _report(_in_order(self.min, self.max, self.max_above_min))
        return self


class WeekRange(Range):
    """A number of weeks, from ``min`` to ``max``."""

    min: NonNegative
    max: NonNegative


class PointRange(Range):
    """A number of score points, from ``min`` to ``max``."""

    min: NonNegative
    max: NonNegative


class FloatRange(_Model):
    """Numbers, not necessarily whole, from ``min`` to ``max``."""

    min: float
    max: float
    max_above_min: ClassVar[bool] = False

    @model_validator(mode="after")
    def check_order(self) -> Self:
        _report(_in_order(self.min, self.max, self.max_above_min))
        return self


class PercentRange(FloatRange):
    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)


class OpenRange(_Model):
    """Whole numbers from ``min`` to ``max``; ``null`` leaves that end open."""

    min: int | None
    max: int | None

    @model_validator(mode="after")
    def check_order(self) -> Self:
        _report(_in_order(self.min, self.max, max_above_min=False))
        return self


# --- exams.yaml -----------------------------------------------------------------------------


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


# --- specialties.yaml -----------------------------------------------------------------------


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


class Specialty(Sourced):
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    short: str | None = None  # a shorter label for charts on a phone
    tier: Tier
    zone: Zone
    note: str | None = None
    classification: Sourced
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


# --- targets.yaml ---------------------------------------------------------------------------


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


class Targets(_Model):
    tiers: list[TierTarget] = Field(min_length=1)
    buffer: Buffer
    no_specialty: NoSpecialty
    realism: list[RealismBand] = Field(min_length=1)
    realism_source: Sourced
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


# --- retake.yaml ----------------------------------------------------------------------------


class Verdicts(_Model):
    not_permitted: str
    can_make_sense: str
    probably_not: str
    required: str
    not_eligible: str
    not_enough_information: str
    first_attempt: str


class Checklist(Sourced):
    score_at_most: int
    practice_at_least: Range
    practice_min_count: int = Field(ge=1)
    protected_weeks_at_least: WeekRange
    big_jump_points: int = Field(ge=0)
    practice_above_real_points: int = Field(ge=0)
    note_history: str


class OutcomeRow(_Model):
    key: Literal["no_retake", "lower", "similar", "slightly_higher", "big_jump"]
    scenario: str
    reading: str
    delta: OpenRange


class OutcomeReading(Sourced):
    rows: list[OutcomeRow]
    note: str

    @model_validator(mode="after")
    def check_deltas(self) -> Self:
        """Rows with a delta must follow one another without overlap, so a retake falls in one row."""
        ranged = [(i, r.delta) for i, r in enumerate(self.rows) if r.delta.min is not None or r.delta.max is not None]
        faults = list(_used_once("rows", [r.key for r in self.rows], "key"))
        for (_, a), (i, b) in itertools.pairwise(ranged):
            if a.max is None or b.min is None or b.min <= a.max:
                after = "a number" if a.max is None else f"more than {a.max}"
                faults.append(Fault(f"rows[{i}].delta.min", f"{after} (rows in increasing delta, no overlap)", _num(b.min)))
        _report(faults)
        return self


class Steps(Sourced):
    steps: list[str]


class Text(Sourced):
    text: str


class DelayWeeks(WeekRange):
    min: int = Field(ge=1, le=MAX_DELAY_WEEKS)
    max: int = Field(ge=1, le=MAX_DELAY_WEEKS)


class SitOrDelay(Sourced):
    delay_weeks: DelayWeeks
    min_consistent_tests: int = Field(ge=1, le=10)
    note: str


ReadinessVerdict = Literal["sit", "delay", "plan", "new_date", "practice_first", "protect_weeks"]
Condition = Literal[
    "date_past", "date_forbidden", "no_evidence", "protected_short", "no_date", "after_fail", "at_aim", "weeks_short", "weak_practice_soon"
]
# Rows that must stand, each alone, before any "sit" row: a date past or forbidden, no evidence and too
# few protected weeks can never lead to "sit as planned".
GATES: tuple[Condition, ...] = ("date_past", "date_forbidden", "no_evidence", "protected_short")


class ReadinessRow(Sourced):
    verdict: ReadinessVerdict
    when: list[Condition]
    heading: str
    why: str


class ReadinessTable(_Model):
    """Sit, delay or what to do first: the first row whose conditions all hold decides (docs/decisions.md)."""

    weak_practice_weeks: int = Field(ge=0, le=MAX_DELAY_WEEKS)
    rows: list[ReadinessRow] = Field(min_length=1)

    @model_validator(mode="after")
    def check_rows(self) -> Self:
        faults: list[Fault] = []
        if self.rows[-1].when:
            faults.append(
                Fault(f"rows[{len(self.rows) - 1}].when", "[] (the last row is the fallback: no conditions)", str(self.rows[-1].when))
            )
        first_sit = next((i for i, r in enumerate(self.rows) if r.verdict == "sit"), len(self.rows))
        for gate in GATES:
            if not any(r.when == [gate] and r.verdict != "sit" for r in self.rows[:first_sit]):
                faults.append(Fault("rows", f"a row when: [{gate}] that is not 'sit', before the first 'sit' row", "none"))
        _report(faults)
        return self


class Retake(_Model):
    verdicts: Verdicts
    checklist: Checklist
    outcome_reading: OutcomeReading
    plan_not_retaking: Steps
    interview_advice: Text
    reflection: Text
    sit_or_delay: SitOrDelay
    readiness: ReadinessTable


# --- study.yaml -----------------------------------------------------------------------------


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
    tutoring_claim: Text


# --- practice_tests.yaml --------------------------------------------------------------------


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


# --- calendar.yaml --------------------------------------------------------------------------


class Season(Sourced):
    season: int = Field(ge=2000, le=2100)
    programs_read: dt.date


class SeasonEstimate(Sourced):
    month: int = Field(ge=1, le=12)
    days_before_last_saturday: int = Field(ge=0, le=6)
    text: str


class Calendar(_Model):
    seasons: list[Season] = Field(min_length=1)
    estimate: SeasonEstimate
    season_start_month: int = Field(ge=1, le=12)

    @model_validator(mode="after")
    def check_seasons(self) -> Self:
        _report(_used_once("seasons", [str(s.season) for s in self.seasons], "season"))
        return self


# --- articles.yaml --------------------------------------------------------------------------

ARTICLE_FILE = r"\d{3}_[0-9a-f]{16}\.txt"  # how an article's file name looks in a `source`
ArticleKey = Annotated[str, StringConstraints(pattern=rf"^{ARTICLE_FILE}$")]


class Article(Sourced):
    """One article the decision rules come from, as users see it cited; its key is its file name."""

    title: str | None
    also_titled: str | None = None  # a second title the article gives itself
    untitled: str | None = None  # what to call it when it has no title
    publisher: str | None
    date: dt.date | None

    @model_validator(mode="after")
    def check_name(self) -> Self:
        if not (self.title or self.untitled):
            _report([Fault("untitled", "a description of the article when title is null", "nothing")])
        return self


class Sites(Sourced):
    """The organisation behind each website a source links to (``usmle.org: USMLE``)."""

    names: dict[str, Annotated[str, Field(min_length=1)]]


class Articles(_Model):
    articles: dict[ArticleKey, Article] = Field(min_length=1)
    sites: Sites


# --- the files ------------------------------------------------------------------------------

RULE_MODELS: dict[str, type[_Model]] = {
    "exams": Exams,
    "specialties": Specialties,
    "targets": Targets,
    "retake": Retake,
    "study": Study,
    "practice_tests": PracticeTests,
    "calendar": Calendar,
    "articles": Articles,
}
