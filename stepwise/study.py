"""Weeks of study and the plan.

Sources (``rules/study.yaml``): the weeks by failing score from Medlearnity's "Failing Step 1"
(2020), the four-week minimum from OnlineMedEd (2018), the weekly gain from dedicated-study
outcomes (2026), the scaffold and stop rule from Residency Advisor (2026).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from stepwise.policy import score_release_window
from stepwise.profile import Profile
from stepwise.rules import Rules
from stepwise.schema import Band


@dataclass(frozen=True)
class ScoreWeeks:
    """The failing score's weeks in the 2020 Step 1 article's own terms (``study.yaml: bands``)."""

    score: int
    standard: int
    equivalent: int  # the score in the article's terms (judged against its anchor standard)
    band: Band
    weeks_min: int
    weeks_max: int
    extrapolated: bool
    explanation: str


def weeks_from_score(
    rules: Rules, exam: str, score: int | None, standard: int | None, failed: bool, from_practice: bool = False
) -> ScoreWeeks | None:
    """Weeks implied by a failing three-digit score: the article's bands, shifted to the standard that judged it.

    ``from_practice``: the score is where the practice tests put a Step 1 student of the pass/fail era,
    who has no three-digit score of the real exam.
    """
    if score is None or standard is None or not failed:
        return None
    bands = rules.study.bands
    equivalent = score + (bands.anchor_standard - standard)
    rows = sorted(bands.rows, key=lambda r: r.scores.min)
    if equivalent > rows[-1].scores.max:
        return None  # at or above the standard: no band applies
    band = next((r for r in rows if r.scores.min <= equivalent <= r.scores.max), rows[0] if equivalent < rows[0].scores.min else rows[-1])
    floor = rules.study.minimum_weeks.weeks
    lo, hi = max(band.weeks.min, floor), max(band.weeks.max, floor)
    extrapolated = not rules.step(exam).capabilities.bands_native or standard != bands.anchor_standard
    if from_practice:
        text = (
            f"Your practice tests put you at about {score}, {standard - score} points below the {standard} standard. In the "
            f"article's terms (Step 1 judged against {bands.anchor_standard}) that is like {equivalent}, {band.label}: "
            f"{_weeks(lo, hi)}."
        )
    elif not extrapolated:
        text = f"{score} is {band.label}: {_weeks(lo, hi)} more of dedicated study."
    else:
        below = standard - score
        text = (
            f"{score} is {below} points below the {standard} standard. In the article's terms (Step 1 judged against "
            f"{bands.anchor_standard}) that is like {equivalent}, {band.label}: {_weeks(lo, hi)}. {bands.note}"
        )
    return ScoreWeeks(score, standard, equivalent, band, lo, hi, extrapolated, text)


def _weeks(lo: int, hi: int) -> str:
    if lo == hi:
        return "1 week" if lo == 1 else f"{lo} weeks"
    return f"{lo}–{hi} weeks"


def weeks_word(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


@dataclass(frozen=True)
class GapWeeks:
    gap: float
    slow: int
    typical: int
    fast: int


def weeks_for_gain(points: float, per_week: float) -> int:
    return max(math.ceil(points / per_week - 1e-9), 0)


def weeks_from_gap(rules: Rules, gap: float | None) -> GapWeeks | None:
    """Weeks to close the gap at the slow / typical / fast weekly gain (Step 2 CK dedicated-study data)."""
    if gap is None:
        return None
    g = rules.study.gain_per_week
    return GapWeeks(gap, weeks_for_gain(gap, g.slow), weeks_for_gain(gap, g.typical), weeks_for_gain(gap, g.fast))


@dataclass(frozen=True)
class Recommendation:
    weeks_min: int
    weeks_max: int
    deciding: Literal["minimum", "score", "gap"]
    reason: str

    @property
    def text(self) -> str:
        return "no extra weeks" if self.weeks_max == 0 else _weeks(self.weeks_min, self.weeks_max)


def recommend(rules: Rules, by_score: ScoreWeeks | None, by_gap: GapWeeks | None, target_label: str, retake: bool = True) -> Recommendation:
    """The weeks needed: each end the most any view asks for, never below the minimum before a retake.

    Taking the larger of each end keeps the weeks from ever rising as a score rises. A first
    attempt has no minimum: the article's four weeks are for a retake.
    """
    floor = rules.study.minimum_weeks.weeks if retake else 0
    lo, hi, deciding = floor, floor, "minimum"
    reason = (
        f"At least {floor} weeks of fully committed study before a retake."
        if retake
        else f"Your practice already reaches {target_label}: no extra weeks are needed to get there."
    )
    if by_score is not None:
        lo = max(lo, by_score.weeks_min)
        if by_score.weeks_max > hi:
            hi, deciding, reason = by_score.weeks_max, "score", by_score.explanation
    if by_gap is not None:
        lo = max(lo, by_gap.fast)
        if by_gap.typical > hi:
            g = rules.study.gain_per_week
            hi, deciding = by_gap.typical, "gap"
            reason = (
                f"{by_gap.gap:.0f} points to {target_label}: {by_gap.fast} weeks at a fast pace ({g.fast:g} points a week), "
                f"{by_gap.typical} at the typical pace ({g.typical:g})."
            )
    longest = max(r.weeks.max for r in rules.study.bands.rows)
    if deciding == "gap" and hi > longest:
        reason += (
            f" That is longer than any of the article's bands ({longest} weeks at most) and than the dedicated calendars "
            "the weekly gains come from, so read it as a rough guide and plan it with your advisor."
        )
    return Recommendation(min(lo, hi), hi, deciding, reason)  # type: ignore[arg-type]


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
    phase: Literal["Questions", "Practice tests"]
    assessment: str | None
    questions_per_day: str
    checkpoint: bool
    purpose: str  # what the week is for, in words (the calendar event's description)


def plan_weeks(start: dt.date, until: dt.date | None, rec: Recommendation, earliest: dt.date | None, max_weeks: int) -> int:
    """Weeks to lay out: up to the sitting; without one, the weeks needed and never short of the earliest permitted date."""
    if until is not None:
        return min(max(math.ceil((until - start).days / 7), 0), max_weeks)
    weeks = rec.weeks_max
    if earliest is not None:
        weeks = max(weeks, math.ceil((earliest - start).days / 7))
    return min(weeks, max_weeks)


def weekly_plan(
    rules: Rules, profile: Profile, weeks: int, start: dt.date, stop_below: int | None, until: dt.date | None
) -> list[PlanWeek]:
    """Week by week: questions first, practice tests spaced as planned, the final weeks for full-length tests.

    Never schedules past the sitting (``until``): the plan is cut to the days before it.
    """
    exam_date = until
    if exam_date is not None:
        weeks = min(weeks, max(math.ceil((exam_date - start).days / 7), 0))
    if weeks <= 0:
        return []
    s = rules.study
    taken = {t.form for t in profile.practice}
    forms = [f for f in rules.practice_tests.forms if f.exam == profile.exam and f.key not in taken]
    final = [f for f in forms if f.late]
    others = [f for f in forms if not f.late][::-1]  # newest forms first
    sc = s.scaffold
    assess_weeks = min(
        sc.assessment_weeks.max if weeks >= sc.question_weeks.min + sc.assessment_weeks.max else sc.assessment_weeks.min, weeks
    )
    every = s.assessment_every_weeks.planned
    q = f"{s.questions_per_day.min}–{s.questions_per_day.max}"
    sr = s.stop_rule
    plan = []
    for n in range(1, weeks + 1):
        w_start = start + dt.timedelta(weeks=n - 1)
        w_end = w_start + dt.timedelta(days=6)
        if exam_date is not None:
            w_end = min(w_end, exam_date - dt.timedelta(days=1))
            if w_end < w_start:
                break
        in_final = n > weeks - assess_weeks
        due = n == 1 or in_final or (n - 1) % every == 0
        form = None
        if due:
            pool = final if (in_final and final) else (others or final)
            if pool:
                form = pool.pop(-1 if n == weeks else 0).name
        checkpoint = sr.after_weeks.min <= n <= sr.after_weeks.max
        if in_final:
            purpose = "Full-length practice tests under exam conditions, each reviewed the next day; light question review between."
        else:
            purpose = f"{q} questions a day, every one fully reviewed, your weakest systems daily."
        if form:
            purpose += f" Practice test this week: {form}."
        if checkpoint and stop_below is not None:
            purpose += (
                f" Stop-rule check: are your practice scores stuck at {stop_below} or lower "
                f"({sr.below_target_points}+ points below your target)? If so, rethink the date: do not sit and hope."
            )
        plan.append(PlanWeek(n, w_start, w_end, "Practice tests" if in_final else "Questions", form, q, checkpoint, purpose))
    return plan


@dataclass(frozen=True)
class KeyDate:
    name: str
    start: dt.date
    end: dt.date
    kind: Literal["assessment", "rule", "exam", "planned", "release", "checkpoint", "proposed", "season"]
    description: str


def key_dates(
    rules: Rules,
    profile: Profile,
    plan: list[PlanWeek],
    earliest: dt.date | None,
    sitting: dt.date,
    season: tuple[str, dt.date] | None,
    keeps_planned: bool,
) -> list[KeyDate]:
    """The single dates a calendar needs, dated from the one chosen ``sitting``; the study weeks themselves are the plan.

    ``keeps_planned``: the sitting is the student's own date. Otherwise their date, if still ahead, is
    marked as theirs and not advised, and the sitting, the release and the plan follow the chosen date.
    """
    out: list[KeyDate] = []
    for w in plan:
        if w.assessment:
            out.append(KeyDate(f"Practice test: {w.assessment}", w.start, w.start, "assessment", w.purpose))
    checks = [w for w in plan if w.checkpoint]
    if checks:
        out.append(KeyDate("Stop-rule check", checks[0].start, checks[0].start, "checkpoint", checks[0].purpose))
    if earliest is not None:
        out.append(
            KeyDate(
                "Earliest permitted attempt", earliest, earliest, "rule", "The USMLE attempt rules allow the next attempt from this day."
            )
        )
    exam_name = rules.step(profile.exam).name
    if keeps_planned:
        out.append(KeyDate(f"{exam_name} exam", sitting, sitting, "exam", "Your planned exam date."))
    else:
        own = profile.exam_date
        if own is not None and own >= profile.today:
            out.append(
                KeyDate("Your planned date (not advised)", own, own, "planned", "The date you entered; StepWise advises a later one.")
            )
        out.append(
            KeyDate(
                f"{exam_name}: the date StepWise advises",
                sitting,
                sitting,
                "proposed",
                "After the weeks of study you need, and not before the attempt rules allow.",
            )
        )
    lo, hi = score_release_window(rules, profile.exam, sitting)
    out.append(KeyDate("Expected score release", lo, hi, "release", f"{exam_name} scores usually arrive in this window."))
    if season is not None:
        out.append(KeyDate(season[0], season[1], season[1], "season", "Programs may first read applications from this day."))
    return sorted(out, key=lambda d: d.start)
