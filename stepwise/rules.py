"""The rules and benchmark files in ``rules/``: schema, loading, validation.

Every figure carries ``source`` and ``as_of``. A file that fails validation yields one
:class:`Problem` per fault (file, field, expected, found) and no :class:`Rules` object, so
no page ever runs on broken rules.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

RULES_ENV = "STEPWISE_RULES_DIR"
DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
RULE_FILES = ("exams", "specialties", "targets", "retake", "study", "practice_tests", "calendar")

ExamKey = Literal["step1", "step2ck"]
Tier = Literal["highly_competitive", "moderately_competitive", "primary_care", "community_primary_care"]
Zone = Literal["hard_stop", "middle", "forgiving"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(_Model):
    """A block of figures with where they come from and the date they hold for."""

    source: str = Field(min_length=1)
    as_of: dt.date


class ScoreBounds(_Model):
    min: int
    max: int


# --- exams.yaml -----------------------------------------------------------------------------


class PassingStandard(Sourced):
    score: int = Field(ge=1, le=300)
    start: dt.date
    end: dt.date | None


class Scale(Sourced):
    mean: float
    sd: float = Field(gt=0)
    sem: float = Field(gt=0)
    cohort: str


class Percentiles(Sourced):
    norm_group: str
    table: dict[int, int]


class ScoreRelease(Sourced):
    min_weeks: int = Field(ge=0)
    max_weeks: int = Field(ge=0)


class Step(_Model):
    name: str
    scored_until: dt.date | None
    passing_standards: list[PassingStandard] = Field(min_length=1)
    scale: Scale
    percentiles: Percentiles | None
    score_release: ScoreRelease


class ScoreScale(Sourced):
    min: int
    max: int


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


class RetakeException(_Model):
    key: str
    name: str
    conditions: list[str] = Field(min_length=1)


class RetakeAfterPass(Sourced):
    allowed: bool
    summary: str
    exceptions: list[RetakeException]


class Licensing(Sourced):
    all_steps_within_years: int = Field(ge=1)


class InputLimits(Sourced):
    max_weeks: int = Field(ge=1)
    max_prior_fails: int = Field(ge=0)
    max_practice_tests: int = Field(ge=1)
    max_param_chars: int = Field(ge=10)
    earliest_date: dt.date
    latest_date: dt.date


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


# --- specialties.yaml -----------------------------------------------------------------------


class Matched(_Model):
    n: int = Field(ge=0)
    q1: int
    median: int
    q3: int


class NotMatched(_Model):
    n: int = Field(ge=0)
    median: int


class Specialty(Sourced):
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
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


# --- targets.yaml ---------------------------------------------------------------------------


class TierTarget(Sourced):
    key: Tier
    label: str
    risk_after_fail: str
    target: int


class Buffer(Sourced):
    min: int = Field(ge=0)
    max: int = Field(ge=0)
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


class PDSurvey(Sourced):
    percent_citing_failed_attempt: float
    mean_importance: float
    importance_scale_max: int


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


# --- retake.yaml ----------------------------------------------------------------------------


class Verdicts(_Model):
    not_permitted: str
    can_make_sense: str
    probably_not: str
    required: str
    not_eligible: str
    not_enough_information: str
    sit: str
    delay: str


class Checklist(Sourced):
    score_at_most: int
    practice_at_least: int
    practice_at_least_upper: int
    practice_min_count: int = Field(ge=1)
    protected_weeks_at_least: int = Field(ge=0)
    protected_weeks_upper: int = Field(ge=0)
    big_jump_points: int
    practice_above_real_points: int
    note_history: str


class OutcomeRow(_Model):
    key: Literal["no_retake", "lower", "similar", "slightly_higher", "big_jump"]
    scenario: str
    reading: str
    min_delta: int | None
    max_delta: int | None


class OutcomeReading(Sourced):
    rows: list[OutcomeRow]
    note: str


class Steps(Sourced):
    steps: list[str]


class Text(Sourced):
    text: str


class SitOrDelay(Sourced):
    near_target_points: int = Field(ge=0)
    min_consistent_tests: int = Field(ge=1)
    passing_line_margin: int = Field(ge=0)
    delay_weeks_min: int = Field(ge=1)
    delay_weeks_max: int = Field(ge=1)
    recent_days: int = Field(ge=1)
    note: str


class Retake(_Model):
    verdicts: Verdicts
    checklist: Checklist
    outcome_reading: OutcomeReading
    plan_not_retaking: Steps
    interview_advice: Text
    reflection: Text
    sit_or_delay: SitOrDelay


# --- study.yaml -----------------------------------------------------------------------------


class Band(Sourced):
    scores: ScoreBounds
    weeks: ScoreBounds
    interpolated: bool
    label: str


class Bands(Sourced):
    anchor_standard: int = Field(ge=1, le=300)
    rows: list[Band] = Field(min_length=1)
    note: str


class MinimumWeeks(Sourced):
    weeks: int = Field(ge=1)
    text: str


class GainPerWeek(Sourced):
    slow: float = Field(gt=0)
    typical: float = Field(gt=0)
    fast: float = Field(gt=0)
    sample: str


class HoursRow(_Model):
    activity: str
    hours: float = Field(ge=0)


class WeeklyHours(Sourced):
    rows: list[HoursRow]


class Range(Sourced):
    min: int
    max: int


class Cadence(Range):
    planned: int = Field(ge=1)


class Scaffold(Sourced):
    question_weeks_min: int
    question_weeks_max: int
    assessment_weeks_min: int
    assessment_weeks_max: int


class StopRule(Sourced):
    after_weeks_min: int
    after_weeks_max: int
    below_target_points: int
    text: str


class FirstAssessment(Sourced):
    reads_low_min: int
    reads_low_max: int
    within_days: int
    text: str


class Study(_Model):
    bands: Bands
    minimum_weeks: MinimumWeeks
    gain_per_week: GainPerWeek
    weekly_hours: WeeklyHours
    questions_per_day: Range
    assessment_every_weeks: Cadence
    scaffold: Scaffold
    stop_rule: StopRule
    first_assessment_after_fail: FirstAssessment
    tutoring_claim: Text


# --- practice_tests.yaml --------------------------------------------------------------------


class Form(Sourced):
    key: str = Field(pattern=r"^[a-z0-9]+$")
    name: str
    exam: ExamKey
    unit: Literal["three_digit", "percent"]
    offset: float
    min: float
    max: float
    late: bool = False  # planned for the final weeks (UWSAs, Free 120)
    note: str | None = None


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
    rows: list[GainRow]


class Free120Row(_Model):
    min_percent: float
    max_percent: float
    median_real: float


class Free120Bands(Sourced):
    rows: list[Free120Row] = Field(min_length=2)
    sample: str


class Step1Model(Sourced):
    ceiling: float
    daily_factor: float = Field(gt=0, lt=1)
    error_sd: float = Field(gt=0)
    mean_miss: float
    recency_days: float = Field(gt=0)


class Points(Sourced):
    points: float


class TestDayGap(Sourced):
    min_points: int
    max_points: int


class ExampleTest(_Model):
    form: str
    score: int


class SeedExample(Sourced):
    tests: list[ExampleTest]
    real: int


class ProjectionLimits(Sourced):
    calibrated_from: int
    blend_points: int = Field(gt=0)
    own_miss_weight: float = Field(ge=0, le=1)
    stale_after_weeks: int = Field(ge=1, le=104)
    max_sd: float = Field(gt=0)
    step1_scores: ScoreBounds
    step1_days_max: int = Field(ge=0)


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


# --- the whole set --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    exams: Exams
    specialties: Specialties
    targets: Targets
    retake: Retake
    study: Study
    practice_tests: PracticeTests
    calendar: Calendar
    folder: str

    def specialty(self, slug: str | None) -> Specialty | None:
        return next((s for s in self.specialties.specialties if s.slug == slug), None)

    def tier(self, key: str) -> TierTarget:
        return next(t for t in self.targets.tiers if t.key == key)

    def form(self, key: str) -> Form | None:
        return next((f for f in self.practice_tests.forms if f.key == key), None)

    def step(self, exam: str) -> Step:
        return self.exams.steps[exam]  # type: ignore[index]


_MODELS: dict[str, type[_Model]] = {
    "exams": Exams,
    "specialties": Specialties,
    "targets": Targets,
    "retake": Retake,
    "study": Study,
    "practice_tests": PracticeTests,
    "calendar": Calendar,
}


@dataclass(frozen=True)
class Problem:
    """One fault in one rules file, phrased for the person who edits that file."""

    file: str
    field: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: expected {self.expected}; found {self.found}"


class RulesInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def rules_dir() -> Path:
    """The rules folder: ``$STEPWISE_RULES_DIR`` (a school's own copy) or the bundled one."""
    return Path(os.environ.get(RULES_ENV) or DEFAULT_RULES_DIR)


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _loc(parts: tuple[int | str, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def _problems_from(file: str, err: ValidationError) -> list[Problem]:
    problems = []
    for e in err.errors(include_url=False):
        kind = e["type"]
        if kind == "missing":
            expected, found = "this field", "nothing"
        elif kind == "extra_forbidden":
            expected, found = "no such field (check its spelling)", _short(e.get("input"))
        else:
            expected, found = e["msg"].removeprefix("Input should be ").removeprefix("Value error, "), _short(e.get("input"))
        problems.append(Problem(file, _loc(e["loc"]), expected, found))
    return problems


def _read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "(file)", "a rules file at " + str(path), "no such file")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, "(file)", "a readable UTF-8 text file", type(exc).__name__)]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        return None, [Problem(name, where, "valid YAML", str(getattr(exc, "problem", exc)))]
    if not isinstance(data, dict):
        return None, [Problem(name, "(top level)", "a mapping of fields", type(data).__name__)]
    return data, []


def load_rules(folder: Path | str | None = None) -> Rules:
    """Read, validate and cross-check the six rules files; raise :class:`RulesInvalid` if any fails."""
    base = Path(folder) if folder is not None else rules_dir()
    parsed: dict[str, Any] = {}
    problems: list[Problem] = []
    for stem, model in _MODELS.items():
        data, found = _read_yaml(base / f"{stem}.yaml")
        problems += found
        if data is None:
            continue
        try:
            parsed[stem] = model.model_validate(data)
        except ValidationError as err:
            problems += _problems_from(f"{stem}.yaml", err)
    if problems:
        raise RulesInvalid(problems)
    rules = Rules(**parsed, folder=str(base))
    problems = cross_check(rules)
    if problems:
        raise RulesInvalid(problems)
    return rules


def _periods(file: str, field: str, rows: list[Any], start: str = "start", end: str = "end") -> Iterator[Problem]:
    """Effective periods must be ordered, not overlap, leave no gap, and only the last may be open."""
    for i, row in enumerate(rows):
        s, e = getattr(row, start), getattr(row, end)
        if e is not None and e < s:
            yield Problem(file, f"{field}[{i}].{end}", f"a date on or after {start} {s}", str(e))
        if e is None and i != len(rows) - 1:
            yield Problem(file, f"{field}[{i}].{end}", "a date (only the last period may be open)", "null")
        if i:
            prev_end = getattr(rows[i - 1], end)
            if prev_end is not None and s != prev_end + dt.timedelta(days=1):
                what = "an overlap" if s <= prev_end else "a gap"
                yield Problem(file, f"{field}[{i}].{start}", f"the day after {prev_end}", f"{s} ({what})")


def cross_check(rules: Rules) -> list[Problem]:
    """Checks across fields that a schema cannot state: periods, monotonic tables, references."""
    out: list[Problem] = []
    for key, step in rules.exams.steps.items():
        out += _periods("exams.yaml", f"steps.{key}.passing_standards", step.passing_standards)
        if step.percentiles:
            items = sorted(step.percentiles.table.items())
            for (_s1, p1), (s2, p2) in itertools.pairwise(items):
                if p2 < p1:
                    out.append(Problem("exams.yaml", f"steps.{key}.percentiles.table[{s2}]", f"a percentile of at least {p1}", str(p2)))
            for s, p in items:
                if not 0 <= p <= 100:
                    out.append(Problem("exams.yaml", f"steps.{key}.percentiles.table[{s}]", "0 to 100", str(p)))
        if step.score_release.max_weeks < step.score_release.min_weeks:
            out.append(
                Problem("exams.yaml", f"steps.{key}.score_release.max_weeks", "at least min_weeks", str(step.score_release.max_weeks))
            )
    for missing in {"step1", "step2ck"} - set(rules.exams.steps):
        out.append(Problem("exams.yaml", f"steps.{missing}", "this Step", "nothing"))
    out += _periods("exams.yaml", "attempt_policy.limit_history", rules.exams.attempt_policy.limit_history)
    lim = rules.exams.input_limits
    if lim.latest_date <= lim.earliest_date:
        out.append(Problem("exams.yaml", "input_limits.latest_date", f"a date after {lim.earliest_date}", str(lim.latest_date)))
    tiers = {t.key for t in rules.targets.tiers}
    seen: set[str] = set()
    for i, sp in enumerate(rules.specialties.specialties):
        if sp.tier not in tiers:
            out.append(Problem("specialties.yaml", f"specialties[{i}].tier", f"one of {sorted(tiers)}", sp.tier))
        if sp.slug in seen:
            out.append(Problem("specialties.yaml", f"specialties[{i}].slug", "a slug used once", sp.slug))
        seen.add(sp.slug)
        m = sp.matched
        if not m.q1 <= m.median <= m.q3:
            out.append(Problem("specialties.yaml", f"specialties[{i}].matched", "q1 <= median <= q3", f"{m.q1} / {m.median} / {m.q3}"))
    if rules.targets.buffer.max < rules.targets.buffer.min:
        out.append(Problem("targets.yaml", "buffer.max", f"at least {rules.targets.buffer.min}", str(rules.targets.buffer.max)))
    gaps = [b.max_gap for b in rules.targets.realism]
    if gaps != sorted(gaps):
        out.append(Problem("targets.yaml", "realism", "bands in increasing max_gap", str(gaps)))
    rows = rules.study.bands.rows
    for i, b in enumerate(rows):
        for part in ("scores", "weeks"):
            r = getattr(b, part)
            if r.max < r.min:
                out.append(Problem("study.yaml", f"bands.rows[{i}].{part}.max", f"at least min {r.min}", str(r.max)))
        if i and b.scores.max != rows[i - 1].scores.min - 1:
            out.append(
                Problem("study.yaml", f"bands.rows[{i}].scores.max", f"{rows[i - 1].scores.min - 1} (rows from high to low, no gap)", str(b.scores.max))
            )
    g = rules.study.gain_per_week
    cad = rules.study.assessment_every_weeks
    if not cad.min <= cad.planned <= cad.max:
        out.append(Problem("study.yaml", "assessment_every_weeks.planned", f"{cad.min} to {cad.max}", str(cad.planned)))
    if not g.slow <= g.typical <= g.fast:
        out.append(Problem("study.yaml", "gain_per_week", "slow <= typical <= fast", f"{g.slow} / {g.typical} / {g.fast}"))
    keys: set[str] = set()
    for i, f in enumerate(rules.practice_tests.forms):
        if f.key in keys:
            out.append(Problem("practice_tests.yaml", f"forms[{i}].key", "a key used once", f.key))
        keys.add(f.key)
        if f.max <= f.min:
            out.append(Problem("practice_tests.yaml", f"forms[{i}].max", f"more than min {f.min}", str(f.max)))
    rows = rules.practice_tests.free120_bands.rows
    for i in range(1, len(rows)):
        if rows[i].min_percent <= rows[i - 1].max_percent or rows[i].median_real < rows[i - 1].median_real:
            out.append(Problem("practice_tests.yaml", f"free120_bands.rows[{i}]", "bands in increasing order", str(rows[i].model_dump())))
    return out


def iter_sourced(obj: Any, path: str = "") -> Iterator[tuple[str, Sourced]]:
    """Every block of figures with its dotted path, for the sources page."""
    if isinstance(obj, Sourced):
        yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_sourced(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            label = getattr(item, "slug", None) or getattr(item, "key", None) or str(i)
            yield from iter_sourced(item, f"{path}[{label}]")
    elif isinstance(obj, dict):
        for k, item in obj.items():
            yield from iter_sourced(item, f"{path}.{k}")
