"""One assessment per profile: every page, the summary and every export render this, and nothing else.

:func:`assess` composes the core once: the latest attempt judged by the standard on its date,
the attempt rules, whether a retake is permitted, the target, the one baseline the gap is
measured from, the weeks needed, the readiness verdict from those same weeks, the projection
on the planned date, and whether the score will be back before programs read applications.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from stepwise.policy import AttemptStatus, Standing, attempt_status, fails_on_record, passing_standard_on, percentile_of, standing
from stepwise.profile import Notice, ParsedProfile, Profile
from stepwise.projection import Projection, Reading, WhatIf, delay_what_if, project, reading_on
from stepwise.retake import Decision, decide, outcome_row
from stepwise.rules import MatchRate, OutcomeRow, Rules, Specialty
from stepwise.study import (
    Fit,
    GapWeeks,
    KeyDate,
    PlanWeek,
    Recommendation,
    ScoreWeeks,
    key_dates,
    plan_weeks,
    recommend,
    time_fit,
    weekly_plan,
    weeks_from_gap,
    weeks_from_score,
    weeks_word,
)
from stepwise.targets import Aim, SpecialtyRow, Target, aim_for, match_rate_row, specialty_rows, study_target
from stepwise.timing import Timing, score_back, season_for_cycle


@dataclass(frozen=True)
class Baseline:
    """The one number every gap is measured from, and the rule that picked it (shown on screen)."""

    value: float
    kind: Literal["practice", "score"]
    rule: str


@dataclass(frozen=True)
class Readiness:
    key: Literal["sit", "delay", "plan"]
    heading: str
    weeks_to_exam: int | None
    delay_weeks: int | None
    sit_on: dt.date | None  # the date the verdict proposes (the exam date, delayed, or the earliest sensible one)
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Option:
    """One way to sit (as planned, or delayed), side by side: the projection and the calendar on that date."""

    label: str
    exam_on: dt.date
    permitted: bool
    reading: Reading | None
    timing: Timing


@dataclass(frozen=True)
class Assessment:
    profile: Profile
    exam_name: str
    notices: tuple[Notice, ...]
    standing: Standing
    status: AttemptStatus | None
    fails: int | None
    decision: Decision
    specialty: Specialty | None
    aim: Aim | None
    target: Target
    projection: Projection | None
    baseline: Baseline | None
    gap: float | None  # target minus baseline; positive: points still to gain
    by_score: ScoreWeeks | None
    by_gap: GapWeeks | None
    weeks: Recommendation | None  # None: no retake to plan
    no_plan: str | None  # why there is no study plan
    fit: Fit | None
    readiness: Readiness | None
    options: tuple[Option, ...]
    plan: tuple[PlanWeek, ...]
    dates: tuple[KeyDate, ...]
    date_problems: tuple[str, ...]
    rows: tuple[SpecialtyRow, ...]
    retake_score: float | None
    outcome_row: OutcomeRow | None
    match_rate: MatchRate | None
    percentile: int | None
    what_ifs: tuple[WhatIf, ...]
    stop_below: int | None  # the stop rule's line: practice stuck here or lower after 4-6 weeks
    next_standard: int  # the passing standard the next attempt faces: in force on the planned (or advised) date, or today

    @property
    def failed(self) -> bool:
        return self.standing.outcome == "fail"

    @property
    def headline(self) -> str:
        """The answer in one line, the same on every page and export."""
        # Before a first attempt there is no retake to judge: the plan is the answer.
        first_attempt = self.decision.key == "not_enough_information" and self.readiness is not None
        parts = [] if first_attempt else [self.decision.heading]
        if self.readiness is not None:
            parts.append(self.readiness.heading)
        if self.weeks is not None:
            parts.append(f"{self.weeks.text} of study")
        return " · ".join(parts) or self.decision.heading


def _baseline(rules: Rules, st: Standing, projection: Projection | None, real_first: bool = False) -> Baseline | None:
    if real_first and st.score is not None:
        return Baseline(float(st.score), "score", f"Measured from your score ({st.score}): it is the one programs see.")
    if projection is not None and projection.now is not None:
        n = len(projection.counted)
        return Baseline(
            projection.now.centre,
            "practice",
            f"Measured from where your {n} practice test{'s' if n != 1 else ''}"
            f"{' since your last attempt' if projection.history else ''} put you if you sat now ({projection.now.centre:.0f}): "
            "recent practice says more than an older real score.",
        )
    if st.score is not None:
        if projection is not None and projection.counted:
            why = "your practice tests since then give no three-digit projection (the projection page says why)"
        else:
            why = "no practice test since then"
        return Baseline(float(st.score), "score", f"Measured from your latest score ({st.score}): {why}.")
    return None


def assess(rules: Rules, parsed: ParsedProfile | Profile) -> Assessment:
    """The single assessment of a profile."""
    if isinstance(parsed, Profile):
        parsed = ParsedProfile(parsed)
    p = parsed.profile
    st = standing(rules, p)
    name = rules.step(p.exam).name
    notices = (*parsed.notices, *st.notices)
    # A pass retaken under an exception still obeys the attempt limits and spacing.
    retaking_pass = st.outcome == "pass" and p.exception is True and rules.step(p.exam).scored_until is None
    undated = 1 if st.outcome is not None and not p.attempts else 0  # the judged attempt, its date not given
    status = (
        attempt_status(rules, p.attempts, st.outcome == "pass" and not retaking_pass, p.today, undated) if st.outcome is not None else None
    )
    fails = fails_on_record(p, st.outcome)
    sp = rules.specialty(p.specialty)
    aim = aim_for(rules, sp, fails) if sp is not None else None
    target = study_target(rules, p.exam, sp, fails, p.exam_date or p.today)
    first = project(rules, p, target=target.value)
    # A pass that stays a pass: programs see the real score, so gaps are measured from it.
    baseline = _baseline(rules, st, first, real_first=st.outcome == "pass" and not retaking_pass)
    gap = target.value - baseline.value if baseline is not None else None

    # Is there a next attempt to plan?
    not_taken = not p.attempts and p.score is None and p.result is None
    no_plan: str | None = None
    if st.outcome == "pass" and not retaking_pass:
        no_plan = (
            f"Your {name} is passed, so there is no retake to plan"
            + (" unless a USMLE exception applies to you (the Retake page lists them)" if p.exception is None else "")
            + ". What to do instead is on the Retake page."
            if p.exception is not True
            else f"{name} is reported as pass or fail: there is no score to raise, so there is no retake to plan."
        )
    elif status is not None and not status.eligible:
        no_plan = " ".join(status.reasons)
    elif status is None and not not_taken:
        no_plan = f"Enter whether your latest {name} attempt was a pass or a fail to plan what comes next."
    elif not_taken and p.exam == "step1":
        no_plan = (
            "StepWise plans Step 1 weeks from a failing score (the 2020 article's bands); before a first attempt, "
            "the projection of your practice tests is the guide."
        )
    elif not_taken and baseline is None:
        no_plan = f"Enter your latest {name} score or result, or your practice tests, to plan the weeks of study."

    failed = st.outcome == "fail"
    by_score = weeks_from_score(rules, p.exam, st.score, st.standard.score if st.standard else None, failed)
    if by_score is None and failed and p.exam == "step1" and baseline is not None and baseline.kind == "practice":
        # Step 1 in the pass/fail era: the practice tests are the three-digit Step 1 scores there are.
        now_std = passing_standard_on(rules, p.exam, p.today).score
        by_score = weeks_from_score(rules, p.exam, round(baseline.value), now_std, True, from_practice=True)
    by_gap = weeks_from_gap(rules, max(gap, 0.0)) if gap is not None and p.exam == "step2ck" else None
    weeks = recommend(rules, by_score, by_gap, target.label, retake=st.outcome is not None) if no_plan is None else None
    if weeks is not None and retaking_pass:
        # Retaking a pass is for a big jump: the retake article asks for its 6-8 protected weeks whatever the gap.
        # Each end the larger of the two views, as recommend() does, so weeks never rise as a score rises.
        need = rules.retake.checklist.protected_weeks_at_least
        lo, hi = max(need.min, weeks.weeks_min), max(need.max, weeks.weeks_max)
        protected = f"A retake after a pass needs {need.min}–{need.max} solid, protected weeks to restudy properly."
        if hi > weeks.weeks_max:
            weeks = Recommendation(lo, hi, "minimum", protected)
        elif lo > weeks.weeks_min:
            weeks = Recommendation(lo, hi, weeks.deciding, f"{weeks.reason} {protected}")
    earliest = status.earliest_next if status is not None and status.eligible else None
    if earliest is not None and earliest <= p.today:
        earliest = None  # already allowed: nothing to wait for

    # Readiness: sit or delay, from the same weeks.
    readiness: Readiness | None = None
    sit_on: dt.date | None = None
    if weeks is not None:
        readiness = _readiness(rules, p, weeks, earliest, baseline, first, target.value)
        sit_on = readiness.sit_on
    projection = project(rules, p, target=target.value, planned_on=sit_on) if first is not None else None
    retake_score = None
    if projection is not None:
        reading = projection.planned or projection.now
        retake_score = reading.centre if reading is not None else None
    decision = decide(rules, p, st, status, projection, retake_score)

    options: list[Option] = []
    if readiness is not None and p.exam_date is not None:
        options.append(_option(rules, p, projection, "Sit as planned", p.exam_date, earliest))
        if readiness.key == "delay" and readiness.sit_on is not None:
            options.append(_option(rules, p, projection, f"Delay {readiness.delay_weeks} weeks", readiness.sit_on, earliest))
    elif readiness is not None and readiness.sit_on is not None:
        options.append(_option(rules, p, projection, "The earliest sensible date", readiness.sit_on, earliest))

    # The stop rule comes from the Step 2 CK retake article ("stuck at 225-230"): not for Step 1, pass/fail since 2022.
    stop_below = target.value - rules.study.stop_rule.below_target_points if weeks is not None and p.exam == "step2ck" else None
    plan: list[PlanWeek] = []
    dates: list[KeyDate] = []
    if weeks is not None:
        # The plan runs to the day before the sitting: the exam date, else the date the verdict proposes.
        until = p.exam_date or (readiness.sit_on if readiness is not None else None)
        length = plan_weeks(p.today, until, weeks, earliest, rules.exams.input_limits.max_weeks)
        plan = weekly_plan(rules, p, length, p.today, stop_below, until)
        season = season_for_cycle(rules, p.cycle, p.today)
        season_mark = None
        if season is not None:
            est = " (estimate)" if season.estimated else ""
            season_mark = (f"Programs first read {season.season} applications{est}", season.programs_read)
        proposed = readiness.sit_on if readiness is not None and p.exam_date is None else None
        dates = key_dates(rules, p, plan, earliest, proposed, season_mark)
        if readiness is not None and readiness.key == "delay" and readiness.sit_on is not None:
            advised = KeyDate(
                f"Advised date ({readiness.heading.lower()})",
                readiness.sit_on,
                readiness.sit_on,
                "proposed",
                " ".join(readiness.reasons[:1]) or "The date the readiness check advises.",
            )
            dates = sorted([*dates, advised], key=lambda d: d.start)

    rows = specialty_rows(rules, fails, baseline.value if baseline is not None and p.exam == "step2ck" else None)
    what_ifs: list[WhatIf] = []
    if projection is not None and weeks is not None:
        sd = rules.retake.sit_or_delay
        delays = sorted({sd.delay_weeks.min, sd.delay_weeks.max, *([readiness.delay_weeks] if readiness and readiness.delay_weeks else [])})
        start_plan = projection.planned_on
        for n in delays:
            w = delay_what_if(rules, p, projection, n)
            if w is not None and start_plan is not None:
                what_ifs.append(w)
    return Assessment(
        profile=p,
        exam_name=name,
        notices=notices,
        standing=st,
        status=status,
        fails=fails,
        decision=decision,
        specialty=sp,
        aim=aim,
        target=target,
        projection=projection,
        baseline=baseline,
        gap=gap,
        by_score=by_score,
        by_gap=by_gap,
        weeks=weeks,
        no_plan=no_plan,
        fit=time_fit(p.weeks, weeks) if weeks is not None and p.weeks is not None else None,
        readiness=readiness,
        options=tuple(options),
        plan=tuple(plan),
        dates=tuple(dates),
        date_problems=tuple(_date_problems(rules, p, weeks, status, earliest, readiness)),
        rows=tuple(rows),
        retake_score=retake_score,
        outcome_row=outcome_row(rules, st.score, retake_score) if st.outcome == "pass" and p.exam == "step2ck" else None,
        match_rate=match_rate_row(rules, fails),
        percentile=percentile_of(rules, "step2ck", st.score) if st.score is not None and p.exam == "step2ck" else None,
        what_ifs=tuple(what_ifs),
        stop_below=stop_below,
        next_standard=passing_standard_on(rules, p.exam, max(p.exam_date or p.today, p.today)).score,
    )


def _near_exam_checks(rules: Rules, p: Profile, projection: Projection | None) -> list[str]:
    """The post-fail article's checks close to the exam: practice consistent on enough tests, none near the passing line.

    "Near" is within NBME's standard error of estimate of the standard on the exam date.
    """
    sd = rules.retake.sit_or_delay
    counted = projection.counted if projection is not None else ()
    problems = []
    if len(counted) < sd.min_consistent_tests:
        problems.append(
            f"Fewer than {sd.min_consistent_tests} practice tests since your last attempt: the article asks for scores "
            "consistent on several tests before you sit."
        )
    if counted and p.exam_date is not None:
        line = passing_standard_on(rules, p.exam, p.exam_date).score + rules.practice_tests.nbme_standard_error.points
        recent = counted[-sd.min_consistent_tests :]
        low = min(t.adjusted for t in recent)
        if low < line:
            problems.append(
                f"A recent practice test ({low:.0f}) is within NBME's margin of error of the passing line: "
                "another low or failing score is far worse than a later one."
            )
    return problems


def _on_target(rules: Rules, p: Profile, projection: Projection | None, aim: int) -> str | None:
    """The post-fail article's flowchart: practice at or above the aim on several tests since the last
    attempt, none near the passing line, means proceed with the scheduled date. The reason, or None."""
    sd = rules.retake.sit_or_delay
    counted = projection.counted if projection is not None else ()
    if p.exam_date is None or len(counted) < sd.min_consistent_tests:
        return None
    recent = counted[-sd.min_consistent_tests :]
    line = passing_standard_on(rules, p.exam, p.exam_date).score + rules.practice_tests.nbme_standard_error.points
    if min(t.adjusted for t in recent) < max(aim, line):
        return None
    scores = ", ".join(f"{t.adjusted:.0f}" for t in recent)
    return (
        f"Your last {len(recent)} practice tests since your attempt ({scores}) are at or above your aim of {aim}, "
        "none near the passing line: the article's advice is to keep your scheduled date."
    )


def _readiness(
    rules: Rules,
    p: Profile,
    weeks: Recommendation,
    earliest: dt.date | None,
    baseline: Baseline | None,
    projection: Projection | None,
    aim: int,
) -> Readiness:
    """Sit as planned, or delay N weeks: the weeks needed against the weeks to the exam date,
    and, within the article's delay window of the exam, its checks on the recent practice tests.
    Practice already at the aim on several tests keeps the date whatever the weeks say (the
    article's flowchart: the weeks are how long it usually takes to get there)."""
    sd = rules.retake.sit_or_delay
    v = rules.retake.verdicts
    need = weeks.weeks_max
    basis = [weeks.reason]
    if baseline is None:
        basis.append("Without a score or practice tests, only the minimum applies: add them to measure the gap.")
    if p.exam_date is None:
        sit_on = p.today + dt.timedelta(weeks=need)
        if earliest is not None and earliest > sit_on:
            sit_on = earliest
            basis.append(f"The attempt rules allow the next attempt from {earliest}.")
        heading = f"Ready to sit: on or after {sit_on}" if need == 0 else f"Plan {weeks.text}: sit on or after {sit_on}"
        return Readiness("plan", heading, None, None, sit_on, tuple(basis))
    start = max(p.exam_date, p.today)  # a date already past: count any delay from today
    to_exam = max((p.exam_date - p.today).days // 7, 0)
    short = need - to_exam
    blocked = earliest is not None and p.exam_date < earliest
    close = (p.exam_date - p.today).days <= sd.delay_weeks.max * 7
    checks = _near_exam_checks(rules, p, projection) if close and projection is not None else []
    there = _on_target(rules, p, projection, aim)
    if there is not None and not blocked and p.exam_date >= p.today:
        return Readiness("sit", v.sit, to_exam, None, p.exam_date, (there, *basis))
    if short <= 0 and not blocked and not checks:
        enough = "you are already at your aim" if need == 0 else f"enough for the {weeks.text} you need"
        reasons = [f"{weeks_word(to_exam)} to {p.exam_date}: {enough}.", *basis]
        if not close:
            reasons.append(
                f"In the last {sd.delay_weeks.max} weeks, check your practice tests: consistent near your aim on several tests, "
                "none near the passing line. If not, delay."
            )
        return Readiness("sit", v.sit, to_exam, None, p.exam_date, tuple(reasons))
    delay = max(short, sd.delay_weeks.min)
    reasons = []
    if short > 0:
        reasons.append(
            f"At the typical pace you need {weeks_word(need)}; {p.exam_date} is {weeks_word(to_exam)} away. "
            f"A delay is at least {weeks_word(sd.delay_weeks.min)}."
        )
    reasons += checks
    if blocked and earliest is not None:
        delay = max(delay, math.ceil((earliest - start).days / 7))
        reasons.append(f"{p.exam_date} is before {earliest}, the earliest date the attempt rules allow.")
    reasons += basis
    if delay > sd.delay_weeks.max:
        reasons.append(
            f"That is longer than the usual {sd.delay_weeks.min}–{sd.delay_weeks.max} weeks' delay: "
            "a later score is far better than another low or failing one."
        )
    sit_on = start + dt.timedelta(weeks=delay)
    return Readiness("delay", v.delay.format(weeks=delay), to_exam, delay, sit_on, tuple(reasons))


def _option(rules: Rules, p: Profile, projection: Projection | None, label: str, on: dt.date, earliest: dt.date | None) -> Option:
    reading = reading_on(rules, projection, on) if projection is not None else None
    return Option(label, on, earliest is None or on >= earliest, reading, score_back(rules, p.exam, on, p.cycle, p.today))


def _date_problems(
    rules: Rules,
    p: Profile,
    weeks: Recommendation | None,
    status: AttemptStatus | None,
    earliest: dt.date | None,
    readiness: Readiness | None,
) -> list[str]:
    if p.exam_date is None:
        return []
    out = []
    if p.exam_date < p.today:
        out.append(f"The planned date {p.exam_date} is already past (today is {p.today}).")
    elif earliest is not None and p.exam_date < earliest:
        out.append(f"{p.exam_date} is before {earliest}, the earliest date the attempt rules allow.")
    elif weeks is not None and (p.exam_date - p.today).days // 7 < weeks.weeks_min and (readiness is None or readiness.key != "sit"):
        # (Practice already at the aim keeps the date: the readiness verdict says why.)
        out.append(f"{weeks_word((p.exam_date - p.today).days // 7)} to {p.exam_date}: fewer than the {weeks.text} you need.")
    return out
