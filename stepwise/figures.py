"""The Sources page: every figure in force, in plain words, cited and dated, grouped by the question it answers.

Each block of the rules is described by its schema class (:data:`DESCRIBE`); ``tests/test_words.py``
checks that every sourced block in ``rules/`` has a description a user can read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stepwise.readiness import CONDITION_WORDS, VERDICT_WORDS
from stepwise.rules import Rules, iter_sourced
from stepwise.schema import (
    AttemptLimit,
    AttemptPolicy,
    Band,
    Bands,
    Buffer,
    Cadence,
    Capabilities,
    Checklist,
    Classification,
    Display,
    FirstAssessment,
    Form,
    Free120Bands,
    GainByLevel,
    GainPerWeek,
    HistoryNote,
    InputLimits,
    InterviewAdvice,
    Licensing,
    MatchRates,
    MinimumWeeks,
    NoSpecialty,
    OutcomeReading,
    PassingStandard,
    PDSurvey,
    Percentiles,
    Points,
    ProjectionLimits,
    QuestionsPerDay,
    ReadinessRow,
    RealismSource,
    Reflection,
    RetakeAfterPass,
    Scaffold,
    Scale,
    ScoreRelease,
    ScoreScale,
    Season,
    SeasonEstimate,
    SeedCorrection,
    SeedExample,
    SitOrDelay,
    Sourced,
    Specialty,
    Step1Model,
    Step2Model,
    Steps,
    StopRule,
    TestDayGap,
    TierTarget,
    TutoringClaim,
    WeeklyHours,
    Weights,
)
from stepwise.sources import age_words, cite, n_words, number_words, range_words

_FILES = ("exams", "specialties", "targets", "retake", "study", "practice_tests", "calendar")

# --- the sources page ---------------------------------------------------------------------------

QUESTIONS = (
    "Retake?",
    "What score do I need?",
    "How long must I study?",
    "Where are my practice tests heading?",
    "The USMLE rules",
    "Calendar",
    "StepWise's own settings",
)
RETAKE, SCORE, STUDY, PRACTICE, USMLE, CALENDAR, OWN = QUESTIONS


@dataclass(frozen=True)
class Figure:
    question: str
    what: str  # the figure in plain words, with its numbers
    cited: str  # its source, by :func:`cite`
    source: str  # as written in the rules
    as_of: dt.date
    age_days: int
    stale: bool


Describe = Callable[[Rules, Any], "tuple[str, str] | None"]


def _step_of(rules: Rules, block: Any) -> str:
    """The Step a per-Step block belongs to, by identity (the block itself does not say)."""
    for step in rules.exams.steps.values():
        if block is step.scale or block is step.percentiles or block is step.score_release or block is step.capabilities:
            return step.name
        if any(block is s for s in step.passing_standards):
            return step.name
    return "USMLE"


def _standard(rules: Rules, b: Any) -> tuple[str, str]:
    when = f"from {b.start} to {b.end}" if b.end else f"since {b.start}"
    return USMLE, f"{_step_of(rules, b)} passing standard: {b.score}, {when}"


def _scale(rules: Rules, b: Any) -> tuple[str, str]:
    return (
        SCORE,
        f"{_step_of(rules, b)} scores of {b.cohort}: average {n_words(b.mean)}, spread (SD) {n_words(b.sd)}"
        + (f", measurement error about {n_words(b.sem)}" if b.sem else ""),
    )


def _percentiles(rules: Rules, b: Any) -> tuple[str, str]:
    lo, hi = min(b.table), max(b.table)
    return SCORE, f"Where a {_step_of(rules, b)} score from {lo} to {hi} falls among examinees ({b.norm_group})"


def _release(rules: Rules, b: Any) -> tuple[str, str]:
    return CALENDAR, f"{_step_of(rules, b)} scores usually come back {range_words(b.weeks.min, b.weeks.max)} weeks after the exam"


def _capabilities(rules: Rules, b: Any) -> tuple[str, str]:
    has = [
        words
        for flag, words in (
            (b.gap_weeks, "weeks from the gap at the measured weekly gains"),
            (b.specialty_aims, "aims by specialty"),
            (b.low_pass_checklist, "the low-pass retake checklist"),
            (b.stop_rule, "the stop rule"),
            (b.first_test_reads_low, "the first-practice-test-reads-low caveat"),
        )
        if flag
    ]
    model = "the community NBME-to-real formula" if b.projection == "community_formula" else "the published CBSSA formula"
    return OWN, f"What StepWise applies to {_step_of(rules, b)}: {model}" + (f"; {', '.join(has)}" if has else "")


def _attempts(rules: Rules, b: Any) -> tuple[str, str]:
    nth = {4: "fourth"}.get(b.spacing_applies_from_attempt, f"attempt {b.spacing_applies_from_attempt}")
    return USMLE, (
        f"At most {b.max_attempts} attempts at a Step{', incomplete ones included' if b.counts_incomplete else ''}; "
        f"no more than {b.max_in_window} in any {b.window_months} months; a {nth} or later attempt at least "
        f"{b.months_after_first} months after the first and {b.months_after_latest} months after the latest"
    )


def _limit_history(rules: Rules, b: Any) -> tuple[str, str]:
    return USMLE, f"The attempt limit was {b.max_attempts} for {b.note}"


def _retake_after_pass(rules: Rules, b: Any) -> tuple[str, str]:
    names = " or ".join(e.name.lower() for e in b.exceptions)
    return RETAKE, f"A passed Step cannot be retaken, except under the {names}" if names else "A passed Step cannot be retaken"


def _checklist(rules: Rules, b: Any) -> tuple[str, str]:
    return RETAKE, (
        f"When retaking a low pass can make sense: a score of {b.score_at_most} or lower, practice tests of "
        f"{b.practice_at_least.min}–{b.practice_at_least.max} or more before it, {range_words(b.protected_weeks_at_least.min, b.protected_weeks_at_least.max)} "
        f"protected weeks, a jump of {b.big_jump_points}+ points in reach"
    )


def _sit_or_delay(rules: Rules, b: Any) -> tuple[str, str]:
    return RETAKE, (
        f"Ready to sit after a fail: at least {b.min_consistent_tests} practice tests since the attempt, consistent near your aim "
        f"and clear of the passing line; if not, delay ({range_words(b.delay_weeks.min, b.delay_weeks.max)} weeks, the article says)"
    )


def _readiness_row(rules: Rules, b: Any) -> tuple[str, str]:
    when = " and ".join(CONDITION_WORDS[c] for c in b.when) or "every condition above is clear"
    return RETAKE, f"Sit or delay: “{VERDICT_WORDS[b.verdict]}” when {when}"


def _specialty(rules: Rules, b: Any) -> tuple[str, str]:
    n = len(rules.specialties.specialties)
    return (
        SCORE,
        f"Step 2 CK scores of matched applicants in {n} specialties (lower quartile, median, upper quartile), and of those who did not match",
    )


def _tier(rules: Rules, b: Any) -> tuple[str, str]:
    return SCORE, f"Step 2 CK to aim for after a fail, {b.label}: {b.target}+"


def _form(rules: Rules, b: Any) -> tuple[str, str] | None:
    if b.unit == "percent":
        return PRACTICE, f"{b.name}: percent correct, read as a three-digit score"
    if rules.step(b.exam).capabilities.projection == "cbssa_formula":
        return PRACTICE, "The Step 1 practice forms (CBSSA) the published Step 1 formula reads"
    off = [
        f"{f.name} about {abs(f.offset):g} {'high' if f.offset > 0 else 'low'}"
        for f in rules.practice_tests.forms
        if rules.step(f.exam).capabilities.projection == "community_formula" and f.unit == "three_digit" and f.offset
    ]
    return PRACTICE, "How each NBME and UWSA form reads against the real Step 2 CK: " + (
        ", ".join(off) + "; the others on scale" if off else "all on scale"
    )


def _band(rules: Rules, b: Any) -> tuple[str, str]:
    std = rules.study.bands.anchor_standard
    scores = f"{b.scores.max} or less" if b.scores.min <= 1 else f"{b.scores.min}–{b.scores.max}"
    guess = " (StepWise's estimate between two of the article's bands)" if b.interpolated else ""
    return STUDY, f"A failing Step 1 score of {scores} (standard {std}): {range_words(b.weeks.min, b.weeks.max)} more weeks of study{guess}"


def _hours(rules: Rules, b: Any) -> tuple[str, str]:
    parts = ", ".join(f"{r.activity} {n_words(r.hours)}" for r in b.rows)
    return STUDY, f"Hours a week: {parts}"


def _season(rules: Rules, b: Any) -> tuple[str, str]:
    return CALENDAR, f"Programs first read {b.season} applications on {b.programs_read}"


def _gain_by_level(rules: Rules, b: Any) -> tuple[str, str]:
    first, last = b.rows[0], b.rows[-1]
    return PRACTICE, (
        f"Typical gain over the practice average by starting level: +{n_words(first.gain)} below {first.below} "
        f"down to +{n_words(last.gain)} at the top"
    )


def _free120(rules: Rules, b: Any) -> tuple[str, str]:
    rows = b.rows
    return PRACTICE, (
        f"Free 120 percent correct and the median real score ({b.sample}): {n_words(rows[0].percent.min)}% → {n_words(rows[0].median_real)}, "
        f"{n_words(rows[-1].percent.min)}%+ → {n_words(rows[-1].median_real)}"
    )


def _model(rules: Rules, b: Any) -> tuple[str, str]:
    acc = ", ".join(f"{n_words(a.percent)}% within {n_words(a.within_points)} points" for a in b.accuracy)
    return PRACTICE, f"From practice tests to the real Step 2 CK ({b.sample}): {acc}"


def _example(rules: Rules, b: Any) -> tuple[str, str]:
    tests = ", ".join(f"{t.form} {t.score}" for t in b.tests)
    return PRACTICE, f"The retake article's example of practice against the real exam: {tests}; real {b.real}"


def _limits(rules: Rules, b: Any) -> tuple[str, str]:
    return PRACTICE, (
        f"Where the projection is trusted: practice averages from {b.calibrated_from} up; none more than "
        f"{b.stale_after_weeks} weeks after the newest practice test"
    )


def _input_limits(rules: Rules, b: Any) -> tuple[str, str]:
    return OWN, (
        f"What a link may carry: up to {b.max_weeks} study weeks, {b.max_practice_tests} practice tests, "
        f"{b.max_prior_fails} failed attempts at other Steps, dates from {b.earliest_date.year} to {b.latest_date.year}"
    )


DESCRIBE: dict[type[Sourced], Describe] = {
    # exams.yaml
    PassingStandard: _standard,
    Scale: _scale,
    Percentiles: _percentiles,
    ScoreRelease: _release,
    Capabilities: _capabilities,
    ScoreScale: lambda r, b: (USMLE, f"Three-digit scores run from {b.min} to {b.max}"),
    AttemptPolicy: _attempts,
    AttemptLimit: _limit_history,
    RetakeAfterPass: _retake_after_pass,
    Licensing: lambda r, b: (USMLE, f"Many licensing boards want every Step passed within {b.all_steps_within_years} years"),
    InputLimits: _input_limits,
    Display: lambda r, b: (OWN, f"A figure older than {age_words(b.stale_after_days)} is flagged on this page"),
    SeedCorrection: lambda r, b: None,  # its own section: where the articles are out of date
    # specialties.yaml
    Specialty: _specialty,
    Classification: lambda r, b: (
        SCORE,
        "Each specialty's competitiveness and how forgiving it is of a low pass",
    ),
    # targets.yaml
    TierTarget: _tier,
    Buffer: lambda r, b: (SCORE, f"After a fail, study as if you needed {b.min}–{b.max} points more than the target"),
    NoSpecialty: lambda r, b: (SCORE, f"With no specialty chosen, the aim is the passing standard plus {b.margin}"),
    RealismSource: lambda r, b: (
        SCORE,
        "How far a score is from the aim, in words: " + ", ".join(x.label.lower() for x in r.targets.realism),
    ),
    MatchRates: lambda r, b: (
        SCORE,
        "Rough chance of matching: " + ", ".join(f"{x.label.lower()} {n_words(x.percent)}%" for x in b.rows),
    ),
    PDSurvey: lambda r, b: (
        RETAKE,
        f"{n_words(b.percent_citing_failed_attempt)}% of program directors cite any failed attempt as a factor "
        f"(importance {n_words(b.mean_importance)} of {b.importance_scale_max})",
    ),
    Weights: lambda r, b: (SCORE, "What else programs weigh, besides Step 2 CK (an illustration)"),
    HistoryNote: lambda r, b: None,  # its own section: history
    # retake.yaml
    Checklist: _checklist,
    OutcomeReading: lambda r, b: (RETAKE, "How programs read each outcome of a retake after a low pass"),
    Steps: lambda r, b: (RETAKE, f"What to do instead of retaking ({number_words(len(b.steps))} steps)"),
    InterviewAdvice: lambda r, b: (RETAKE, "How to answer “I see you took Step 2 twice” in an interview"),
    Reflection: lambda r, b: (RETAKE, "The question to ask yourself before retaking a pass"),
    SitOrDelay: _sit_or_delay,
    ReadinessRow: _readiness_row,
    # study.yaml
    Bands: lambda r, b: (STUDY, f"Weeks of study by failing score, written for Step 1 scores judged against {b.anchor_standard}"),
    Band: _band,
    MinimumWeeks: lambda r, b: (STUDY, f"At least {number_words(b.weeks)} weeks of committed study before a retake"),
    GainPerWeek: lambda r, b: (
        STUDY,
        f"Points gained per week of study: about {n_words(b.typical)} typically, {n_words(b.slow)} for a slow quarter, {n_words(b.fast)} for a fast quarter",
    ),
    WeeklyHours: _hours,
    QuestionsPerDay: lambda r, b: (STUDY, f"{b.min}–{b.max} practice questions a day, every one reviewed"),
    Cadence: lambda r, b: (
        STUDY,
        f"A practice test every {b.min}–{b.max} weeks (StepWise's plan: every {number_words(b.planned)})",
    ),
    Scaffold: lambda r, b: (
        STUDY,
        f"A retake plan: {b.question_weeks.min}–{b.question_weeks.max} weeks of questions, then "
        f"{b.assessment_weeks.min}–{b.assessment_weeks.max} of full practice tests",
    ),
    StopRule: lambda r, b: (
        STUDY,
        f"The stop rule: practice stuck {b.below_target_points}+ points below the target after "
        f"{b.after_weeks.min}–{b.after_weeks.max} weeks means rethinking the date",
    ),
    FirstAssessment: lambda r, b: (
        PRACTICE,
        f"The first practice test after a fail often reads {b.reads_low.min}–{b.reads_low.max} points low",
    ),
    TutoringClaim: lambda r, b: (STUDY, "A tutoring company's claim of large score gains (its own marketing)"),
    # practice_tests.yaml
    Form: _form,
    Step2Model: _model,
    GainByLevel: _gain_by_level,
    Free120Bands: _free120,
    Step1Model: lambda r, b: (PRACTICE, "The published formula from a Step 1 practice score (CBSSA) to the real one"),
    Points: lambda r, b: (
        PRACTICE,
        f"NBME's own margin of error on a practice score: about {n_words(b.points)} points",
    ),
    TestDayGap: lambda r, b: (
        RETAKE,
        f"Practice {b.points.min}–{b.points.max}+ points above the real score points to a test-day problem",
    ),
    SeedExample: _example,
    ProjectionLimits: _limits,
    # calendar.yaml
    Season: _season,
    SeasonEstimate: lambda r, b: (CALENDAR, f"Seasons not yet published: estimated as {b.text}"),
}


def _fallback(path: str) -> tuple[str, str]:
    """A block no describer knows (a field added to the schema later): its last name in words."""
    last = re.sub(r"\[[^\]]*\]", "", path).rsplit(".", 1)[-1]
    return OWN, last.replace("_", " ").capitalize()


def figures_by_question(rules: Rules, today: dt.date) -> list[tuple[str, list[Figure]]]:
    """Every figure in force, described and cited, grouped by the question it answers (in :data:`QUESTIONS` order).

    Blocks that read the same (the 23 specialties, the forms) are listed once. Older than
    ``display.stale_after_days`` is stale.
    """
    limit = rules.exams.display.stale_after_days
    groups: dict[str, list[Figure]] = {q: [] for q in QUESTIONS}
    seen: set[tuple[str, str, str, dt.date]] = set()
    for stem in _FILES:
        for path, block in iter_sourced(getattr(rules, stem)):
            describe = DESCRIBE.get(type(block))
            got = describe(rules, block) if describe is not None else _fallback(path)
            if got is None:
                continue
            question, what = got
            if (question, what, block.source, block.as_of) in seen:
                continue
            seen.add((question, what, block.source, block.as_of))
            age = (today - block.as_of).days
            groups[question].append(Figure(question, what, cite(rules, block.source), block.source, block.as_of, age, age > limit))
    return [(q, figs) for q, figs in groups.items() if figs]
