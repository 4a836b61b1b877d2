"""Weeks of study and the plan: seed 004 bands, seed 001 minimum, gain per week, seed 002/003 plan."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from stepwise.policy import attempt_status_of, latest_outcome, passing_standard_on, score_release_window
from stepwise.profile import Profile
from stepwise.projection import Projection
from stepwise.rules import Band, Rules
from stepwise.targets import Target


@dataclass(frozen=True)
class ScoreWeeks:
    below: int
    standard: int
    band: Band | None
    weeks_min: int
    weeks_max: int
    explanation: str


def weeks_from_score(rules: Rules, profile: Profile) -> ScoreWeeks | None:
    """Seed 004's bands by distance below the standard in force on the attempt's date."""
    if profile.score is None:
        return None
    std = passing_standard_on(rules, profile.exam, profile.decided_on).score
    below = std - profile.score
    floor = rules.study.minimum_weeks.weeks
    if below <= 0:
        return ScoreWeeks(
            0,
            std,
            None,
            floor,
            floor,
            f"{profile.score} is not below the standard {std}: no band applies; the minimum of {floor} weeks stands.",
        )
    band = next(b for b in rules.study.bands if b.min_below <= below and (b.max_below is None or below <= b.max_below))
    lo, hi = max(band.weeks_min, floor), max(band.weeks_max, floor)
    text = f"{profile.score} is {below} below the standard of {std} on {profile.decided_on}: {band.label} → {lo}–{hi} weeks."
    if profile.exam == "step2ck":
        text += " " + rules.study.bands_note
    return ScoreWeeks(below, std, band, lo, hi, text)


@dataclass(frozen=True)
class GapWeeks:
    start: float
    start_label: str
    target: Target
    gap: float
    slow: int
    typical: int
    fast: int


def weeks_for_gain(points: float, per_week: float) -> int:
    return max(math.ceil(points / per_week - 1e-9), 0)


def weeks_from_gap(rules: Rules, profile: Profile, projection: Projection | None, target: Target) -> GapWeeks | None:
    """Weeks to close the gap to the target at the slow / typical / fast weekly gain."""
    if projection is not None:
        start, label = projection.centre, f"projection {projection.centre:.0f}"
    elif profile.score is not None:
        start, label = float(profile.score), f"latest score {profile.score}"
    else:
        return None
    gap = max(target.value - start, 0.0)
    g = rules.study.gain_per_week
    return GapWeeks(start, label, target, gap, weeks_for_gain(gap, g.slow), weeks_for_gain(gap, g.typical), weeks_for_gain(gap, g.fast))


@dataclass(frozen=True)
class Recommendation:
    weeks_min: int
    weeks_max: int
    reason: str


def recommend(rules: Rules, by_score: ScoreWeeks | None, by_gap: GapWeeks | None) -> Recommendation:
    """The larger of the two views, never below the seed-001 minimum."""
    floor = rules.study.minimum_weeks.weeks
    views: list[tuple[int, int, str]] = [(floor, floor, f"the minimum of {floor} weeks (seed 001)")]
    if by_score is not None:
        views.append((by_score.weeks_min, by_score.weeks_max, "the score's distance below the standard (seed 004)"))
    if by_gap is not None:
        views.append((by_gap.fast, by_gap.typical, f"the gap of {by_gap.gap:.0f} points to the target at fast to typical gain"))
    lo = max(v[0] for v in views)
    hi = max(max(v[1] for v in views), lo)
    deciding = max(views, key=lambda v: (v[1], v[0]))[2]
    return Recommendation(lo, hi, f"The larger view decides: {deciding}. A plan shorter than the larger view leaves the other unmet.")


Fit = Literal["enough", "tight", "not enough"]


def time_fit(available: int, rec: Recommendation) -> Fit:
    if available >= rec.weeks_max:
        return "enough"
    return "tight" if available >= rec.weeks_min else "not enough"


@dataclass(frozen=True)
class PlanWeek:
    week: int
    start: dt.date
    end: dt.date
    phase: str
    assessment: str | None
    questions_per_day: str
    checkpoint: bool


def plan_length(profile: Profile, rec: Recommendation, max_weeks: int) -> int:
    """Weeks to lay out: up to the planned exam date, else the protected weeks, else the recommendation."""
    if profile.exam_date is not None:
        return min(max(math.ceil((profile.exam_date - profile.today).days / 7), 0), max_weeks)
    return profile.weeks if profile.weeks else rec.weeks_max


def weekly_plan(rules: Rules, profile: Profile, weeks: int, start: dt.date) -> list[PlanWeek]:
    """Week by week: questions first, practice tests spaced 1–3 weeks, the final 1–2 weeks for assessments.

    Never schedules past the exam date: the plan is cut to the days before it.
    """
    if profile.exam_date is not None:
        weeks = min(weeks, max(math.ceil((profile.exam_date - start).days / 7), 0))
    if weeks <= 0:
        return []
    s = rules.study
    taken = {t.form for t in profile.practice}
    forms = [f for f in rules.practice_tests.forms if f.exam == profile.exam and f.key not in taken]
    final = [f for f in forms if f.late]
    others = [f for f in forms if not f.late][::-1]  # newest forms first
    assess_weeks = min(
        s.scaffold.assessment_weeks.max
        if weeks >= s.scaffold.question_weeks.min + s.scaffold.assessment_weeks.max
        else s.scaffold.assessment_weeks.min,
        weeks,
    )
    every = s.assessment_every_weeks.planned
    q = f"{s.questions_per_day.min}–{s.questions_per_day.max}"
    plan = []
    for n in range(1, weeks + 1):
        w_start = start + dt.timedelta(weeks=n - 1)
        w_end = w_start + dt.timedelta(days=6)
        if profile.exam_date is not None:
            w_end = min(w_end, profile.exam_date - dt.timedelta(days=1))
            if w_end < w_start:
                break
        in_final = n > weeks - assess_weeks
        due = n == 1 or in_final or (n - 1) % every == 0
        form = None
        if due:
            pool = final if (in_final and final) else (others or final)
            if pool:
                form = pool.pop(-1 if n == weeks else 0).name
        phase = "Practice tests" if in_final else "Questions"
        checkpoint = s.stop_rule.after_weeks.min <= n <= s.stop_rule.after_weeks.max
        plan.append(PlanWeek(n, w_start, w_end, phase, form, q, checkpoint))
    return plan


@dataclass(frozen=True)
class KeyDate:
    name: str
    start: dt.date
    end: dt.date
    kind: Literal["study", "assessment", "rule", "exam", "release", "checkpoint"]


def key_dates(rules: Rules, profile: Profile, plan: list[PlanWeek]) -> list[KeyDate]:
    """The dates a calendar needs: study blocks, practice tests, the earliest permitted attempt, the exam, the release."""
    out: list[KeyDate] = []
    if plan:
        q_weeks = [w for w in plan if not w.phase.startswith("Practice")]
        a_weeks = [w for w in plan if w.phase.startswith("Practice")]
        if q_weeks:
            out.append(KeyDate("Study block: questions", q_weeks[0].start, q_weeks[-1].end, "study"))
        if a_weeks:
            out.append(KeyDate("Study block: practice tests", a_weeks[0].start, a_weeks[-1].end, "study"))
        for w in plan:
            if w.assessment:
                out.append(KeyDate(f"Practice test: {w.assessment}", w.start, w.start, "assessment"))
        checks = [w for w in plan if w.checkpoint]
        if checks:
            out.append(KeyDate("Stop-rule check: 10+ below target?", checks[0].start, checks[-1].end, "checkpoint"))
    if latest_outcome(rules, profile) == "fail" or profile.attempts:
        status = attempt_status_of(rules, profile)
        if status.earliest_next is not None:
            out.append(KeyDate("Earliest permitted attempt", status.earliest_next, status.earliest_next, "rule"))
    if profile.exam_date is not None:
        out.append(KeyDate(f"{rules.step(profile.exam).name} exam", profile.exam_date, profile.exam_date, "exam"))
        lo, hi = score_release_window(rules, profile.exam, profile.exam_date)
        out.append(KeyDate("Expected score release", lo, hi, "release"))
    return out


@dataclass(frozen=True)
class DateCheck:
    ok: bool
    message: str


def check_exam_date(rules: Rules, profile: Profile, rec: Recommendation) -> list[DateCheck]:
    """Flags for a planned date the attempt rules forbid or that leaves fewer weeks than needed."""
    if profile.exam_date is None:
        return []
    out = []
    if latest_outcome(rules, profile) == "fail" or len(profile.attempts) > 1:
        status = attempt_status_of(rules, profile)
        if not status.eligible:
            out.append(DateCheck(False, " ".join(status.reasons)))
        elif status.earliest_next and profile.exam_date < status.earliest_next:
            out.append(
                DateCheck(
                    False,
                    f"{profile.exam_date} is before the earliest permitted attempt, {status.earliest_next}. " + " ".join(status.reasons),
                )
            )
    weeks_left = (profile.exam_date - profile.today).days / 7
    if weeks_left < 0:
        out.append(DateCheck(False, f"The planned date {profile.exam_date} is already past (today is {profile.today})."))
    elif weeks_left < rec.weeks_min:
        out.append(
            DateCheck(False, f"{weeks_left:.1f} weeks to {profile.exam_date}: fewer than the {rec.weeks_min}–{rec.weeks_max} needed.")
        )
    else:
        out.append(DateCheck(True, f"{weeks_left:.1f} weeks to {profile.exam_date}; {rec.weeks_min}–{rec.weeks_max} needed."))
    return out


@dataclass(frozen=True)
class StudyView:
    """The study page's result, shared with the targets and summary pages."""

    by_score: ScoreWeeks | None
    by_gap: GapWeeks | None
    recommendation: Recommendation
    plan: list[PlanWeek]
    dates: list[KeyDate]
    fit: Fit | None


def study_view(rules: Rules, profile: Profile, projection: Projection | None, target: Target) -> StudyView:
    """Both views of the weeks needed, the recommendation, the plan and its key dates."""
    by_score = weeks_from_score(rules, profile)
    by_gap = weeks_from_gap(rules, profile, projection, target)
    rec = recommend(rules, by_score, by_gap)
    plan = weekly_plan(rules, profile, plan_length(profile, rec, rules.exams.input_limits.max_weeks), profile.today)
    fit = time_fit(profile.weeks, rec) if profile.weeks is not None else None
    return StudyView(by_score, by_gap, rec, plan, key_dates(rules, profile, plan), fit)
