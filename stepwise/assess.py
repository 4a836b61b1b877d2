"""One assessment per profile: every page, the summary and every export render this, and nothing else.

:func:`assess` runs named stages, each a pure function:

1. **standing** — the latest attempt judged by the standard on its date (``policy.standing``);
2. **eligibility** — attempts used and left, the earliest permitted date, whether there is an attempt to plan;
3. **evidence** — what the practice tests since the attempt say now, and the one baseline every gap is measured from;
4. **aim** — the specialty's aim, or the standard in force on the chosen date plus a margin;
5. **weeks** — the weeks of study the score and the gap imply;
6. **readiness and the chosen date** — the first row of the readiness table that holds (``stepwise.readiness``);
   the aim and the passing line are those in force on the chosen date, so stages 4–6 repeat until the
   date stops moving (standards only rise, so a few rounds settle it);
7. **timeline** — everything dated from the chosen date: the plan, the key dates and the score release,
   the projection's reading, the options side by side and whether the score is back before programs read.

The retake verdict (``retake.decide``) comes last: for a kept pass it reads the projection on the chosen date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from stepwise.policy import AttemptStatus, Standing, attempt_status, fails_on_record, passing_standard_on, percentile_of, standing
from stepwise.profile import Notice, ParsedProfile, Profile
from stepwise.projection import Projection, Reading, WhatIf, delay_what_if, project
from stepwise.readiness import Evidence, Inputs, Readiness, decide_readiness
from stepwise.registry import RETAKE
from stepwise.retake import Decision, decide, outcome_row
from stepwise.rules import Rules
from stepwise.schema import MatchRate, OutcomeRow, Specialty
from stepwise.study import (
    Fit,
    GapWeeks,
    KeyDate,
    PlanWeek,
    Recommendation,
    ScoreWeeks,
    recommend,
    time_fit,
    weeks_from_gap,
    weeks_from_score,
)
from stepwise.targets import Aim, SpecialtyRow, Target, aim_for, match_rate_row, specialty_rows, study_target
from stepwise.timeline import Option, options, timeline, why_not_now

# The rounds of stages 4-6: a later date can only raise the standard, so the date settles within a few.
_ROUNDS = 4
# A verdict that says no retake should happen: no sitting date goes in the headline.
_NO_SITTING = ("not_permitted", "not_eligible", "probably_not")
Weeks = tuple[ScoreWeeks | None, GapWeeks | None, Recommendation | None]


@dataclass(frozen=True)
class Baseline:
    """The one number every gap is measured from, and the rule that picked it (shown on screen)."""

    value: float
    kind: Literal["practice", "score"]
    rule: str


@dataclass(frozen=True)
class Eligibility:
    status: AttemptStatus | None
    retaking_pass: bool  # a pass retaken under a USMLE exception
    earliest: dt.date | None  # the earliest permitted date, when it is after today
    no_plan: str | None  # why there is no attempt to plan


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
    target: Target  # the aim for the next attempt, in force on the chosen date
    projection: Projection | None
    evidence: Evidence
    baseline: Baseline | None
    gap: float | None  # target minus baseline; positive: points still to gain
    by_score: ScoreWeeks | None
    by_gap: GapWeeks | None
    weeks: Recommendation | None  # None: no attempt to plan
    no_plan: str | None  # why there is no study plan
    fit: Fit | None
    readiness: Readiness | None
    options: tuple[Option, ...]
    plan: tuple[PlanWeek, ...]
    dates: tuple[KeyDate, ...]
    rows: tuple[SpecialtyRow, ...]
    retake_score: float | None
    outcome_row: OutcomeRow | None
    match_rate: MatchRate | None
    percentile: int | None
    stop_below: int | None  # the stop rule's line: practice stuck here or lower after 4-6 weeks
    next_standard: int  # the passing standard the next attempt faces: in force on the chosen date, or today
    what_if: WhatIf | None  # sitting the article's shortest delay after the chosen date (slow, typical, fast)

    @property
    def failed(self) -> bool:
        return self.standing.outcome == "fail"

    @property
    def chosen_on(self) -> dt.date | None:
        """The one date everything dated follows: the sitting the readiness verdict chose."""
        return self.readiness.sit_on if self.readiness is not None else None

    @property
    def shows_sitting(self) -> bool:
        """Whether the answer names a sitting: never where the verdict says not to retake."""
        return self.readiness is not None and self.decision.key not in _NO_SITTING

    @property
    def chosen_reading(self) -> Reading | None:
        """The projection on the chosen date (else "if you sat now"): the reading every page draws."""
        if self.projection is None:
            return None
        return self.projection.planned or self.projection.now

    @property
    def headline(self) -> str:
        """The answer in one line, the same on every page and export."""
        parts = [] if self.decision.key == "first_attempt" else [self.decision.heading]
        r, w = self.readiness, self.weeks
        if r is not None and self.shows_sitting:
            parts.append(r.heading)
            weeks_in_heading = r.key in ("plan", "protect_weeks")
            at_aim_sooner = r.key == "sit" and r.weeks_to_exam is not None and w is not None and r.weeks_to_exam < w.weeks_max
            if w is not None and not weeks_in_heading and not at_aim_sooner:
                parts.append(f"{w.text} of study")
        return " · ".join(parts) or self.decision.heading


# --- stage 2: eligibility -----------------------------------------------------------------


def eligibility(rules: Rules, p: Profile, st: Standing, name: str) -> Eligibility:
    """Attempts used and left, the earliest permitted date, and whether there is an attempt to plan."""
    retaking_pass = st.outcome == "pass" and p.exception is True and rules.step(p.exam).scored_until is None
    undated = 1 if st.outcome is not None and not p.attempts else 0  # the judged attempt, its date not given
    kept_pass = st.outcome == "pass" and not retaking_pass
    status = attempt_status(rules, p.attempts, kept_pass, p.today, undated) if st.outcome is not None else None
    if status is not None and retaking_pass and not status.eligible:
        # The latest attempt passed: only this Step's own limit stands in the way, not "attempts without a pass".
        why = f"You have used {status.used} of {status.limit} attempts at {name}: no further attempt at it is allowed, even with an exception."
        status = replace(status, reasons=(why,))
    earliest = status.earliest_next if status is not None and status.eligible else None
    if earliest is not None and earliest <= p.today:
        earliest = None  # already allowed: nothing to wait for
    not_taken = not p.attempts and p.score is None and p.result is None
    no_plan: str | None = None
    if kept_pass:
        no_plan = (
            f"Your {name} is passed, so there is no retake to plan"
            + (f" unless a USMLE exception applies to you ({RETAKE.words} lists them)" if p.exception is None else "")
            + f". What to do instead is on {RETAKE.words}."
            if p.exception is not True
            else f"{name} is reported as pass or fail: there is no score to raise, so there is no retake to plan."
        )
    elif status is not None and not status.eligible:
        no_plan = " ".join(status.reasons)
    elif status is None and not not_taken:
        no_plan = f"Enter whether your latest {name} attempt was a pass or a fail to plan what comes next."
    elif not_taken and not rules.step(p.exam).capabilities.plans_first_attempt:
        no_plan = (
            "StepWise plans Step 1 weeks from a failing score (the 2020 article's bands); before a first attempt, "
            "the projection of your practice tests is the guide."
        )
    return Eligibility(status, retaking_pass, earliest, no_plan)


# --- stage 3: evidence --------------------------------------------------------------------


def evidence(rules: Rules, p: Profile, projection: Projection | None) -> Evidence:
    """What the practice tests since the latest attempt say now. Step 1's CBSSAs outside the published
    formula's range still say where the student is (the level the article's weeks are read from)."""
    if projection is None:
        return Evidence((), False, "No practice test entered since your latest attempt." if p.attempts else "No practice test entered yet.")
    counted = projection.counted
    stale = rules.practice_tests.projection_limits.stale_after_weeks
    fresh = projection.newest is not None and (p.today - projection.newest).days <= stale * 7
    cbssa = rules.step(p.exam).capabilities.projection == "cbssa_formula"
    if projection.now is not None or (cbssa and projection.basis is not None and fresh):
        return Evidence(counted, True, None)
    why = next(iter(projection.notices), projection.regime_text) if projection.notices else projection.regime_text
    return Evidence(counted, False, why)


def baseline_of(rules: Rules, st: Standing, projection: Projection | None, real_first: bool) -> Baseline | None:
    """The number every gap is measured from: the practice "if you sat now", else the real score."""
    if real_first and st.score is not None:
        return Baseline(float(st.score), "score", f"Measured from your score ({st.score}): it is the one programs see.")
    if projection is not None and projection.anchor is not None:
        n = len(projection.counted)
        since = " since your last attempt" if projection.history else ""
        where = None
        if rules.step(projection.exam).capabilities.projection == "cbssa_formula":
            # The CBSSAs' own level, as the 2020 article reads a score: the formula's study credit is the projection's.
            value = projection.anchor
            where = f"your practice scores{since} (about {value:.0f}, the newest weighing most)"
        elif projection.now is not None:
            value = projection.now.centre
            where = f"where your {n} practice test{'s' if n != 1 else ''}{since} put you if you sat now ({value:.0f})"
        if where is not None:
            return Baseline(value, "practice", f"Measured from {where}: recent practice says more than an older real score.")
    if st.score is not None:
        if projection is not None and projection.counted:
            why = "your practice tests since then give no three-digit projection (the projection page says why)"
        else:
            why = "no practice test since then"
        return Baseline(float(st.score), "score", f"Measured from your latest score ({st.score}): {why}.")
    return None


# --- stage 5: weeks -----------------------------------------------------------------------


def weeks_needed(rules: Rules, p: Profile, st: Standing, el: Eligibility, baseline: Baseline | None, target: Target) -> Weeks:
    """The weeks by the failing score (the 2020 article's bands) and by the gap to the aim; each end the larger."""
    gap = target.value - baseline.value if baseline is not None else None
    failed = st.outcome == "fail"
    cap = rules.step(p.exam).capabilities
    by_score = weeks_from_score(rules, p.exam, st.score, st.standard.score if st.standard else None, failed)
    if by_score is None and failed and cap.projection == "cbssa_formula" and baseline is not None and baseline.kind == "practice":
        # A pass/fail report: the CBSSAs are the three-digit scores there are, on the Step's own scale.
        now_std = passing_standard_on(rules, p.exam, p.today).score
        by_score = weeks_from_score(rules, p.exam, round(baseline.value), now_std, True, from_practice=True)
    by_gap = weeks_from_gap(rules, max(gap, 0.0)) if gap is not None and cap.gap_weeks else None
    if el.no_plan is not None or (st.outcome is None and baseline is None):
        return by_score, by_gap, None
    weeks = recommend(rules, by_score, by_gap, target.label, retake=st.outcome is not None)
    if el.retaking_pass:
        # Retaking a pass is for a big jump: the retake article asks for its 6-8 protected weeks whatever the gap.
        need = rules.retake.checklist.protected_weeks_at_least
        lo, hi = max(need.min, weeks.weeks_min), max(need.max, weeks.weeks_max)
        protected = f"A retake after a pass needs {need.min}–{need.max} solid, protected weeks to restudy properly."
        if hi > weeks.weeks_max:
            weeks = Recommendation(lo, hi, "minimum", protected)
        elif lo > weeks.weeks_min:
            weeks = Recommendation(lo, hi, weeks.deciding, f"{weeks.reason} {protected}")
    return by_score, by_gap, weeks


# --- stages 4-6 ---------------------------------------------------------------------------


def settle(
    rules: Rules,
    p: Profile,
    st: Standing,
    el: Eligibility,
    ev: Evidence,
    baseline: Baseline | None,
    who: tuple[Specialty | None, int | None],
) -> tuple[Target, Weeks, Readiness | None]:
    """The aim, the weeks and the readiness verdict, settled on one date: the aim and the passing line are those
    in force on the chosen date, so they repeat until the date stops moving (standards only rise)."""
    sp, fails = who
    on = max(p.exam_date or p.today, p.today)
    for _ in range(_ROUNDS):
        target = study_target(rules, p.exam, sp, fails, on)
        weeks = weeks_needed(rules, p, st, el, baseline, target)
        rec = weeks[2]
        asked = Inputs(rec, el.earliest, ev, target.value, st.outcome == "fail", on) if rec is not None else None
        readiness = decide_readiness(rules, p, asked) if asked is not None else None
        chosen = readiness.sit_on if readiness is not None else on
        if passing_standard_on(rules, p.exam, chosen) == passing_standard_on(rules, p.exam, on):
            break
        on = chosen
    return target, weeks, readiness


# --- the pipeline -------------------------------------------------------------------------


def assess(rules: Rules, parsed: ParsedProfile | Profile) -> Assessment:
    """The single assessment of a profile."""
    if isinstance(parsed, Profile):
        parsed = ParsedProfile(parsed)
    p = parsed.profile
    st = standing(rules, p)
    name = rules.step(p.exam).name
    el = eligibility(rules, p, st, name)
    fails = fails_on_record(p, st.outcome)
    sp = rules.specialty(p.specialty)
    aim = aim_for(rules, sp, fails) if sp is not None else None
    now_projection = project(rules, p)
    ev = evidence(rules, p, now_projection)
    baseline = baseline_of(rules, st, now_projection, real_first=st.outcome == "pass" and not el.retaking_pass)
    target, (by_score, by_gap, weeks), readiness = settle(rules, p, st, el, ev, baseline, (sp, fails))
    gap = target.value - baseline.value if baseline is not None else None
    no_plan = el.no_plan
    if no_plan is None and weeks is None:
        no_plan = f"Enter your latest {name} score or result, or your practice tests, to plan the weeks of study."

    # Stage 7: everything dated from the chosen date.
    chosen_on = readiness.sit_on if readiness is not None else None
    projection = project(rules, p, target=target.value, planned_on=chosen_on) if now_projection is not None else None
    reading = (projection.planned or projection.now) if projection is not None else None
    retake_score = reading.centre if reading is not None else None
    decision = decide(rules, p, st, el.status, projection, retake_score)
    cap = rules.step(p.exam).capabilities
    stop_below = target.value - rules.study.stop_rule.below_target_points if weeks is not None and cap.stop_rule else None
    plan, dates = timeline(rules, p, weeks, readiness, el.earliest, stop_below)
    sides = options(rules, p, projection, readiness, el.earliest)
    if readiness is not None:
        readiness = why_not_now(readiness, sides, st.outcome == "fail")
    return Assessment(
        profile=p,
        exam_name=name,
        notices=(*parsed.notices, *st.notices),
        standing=st,
        status=el.status,
        fails=fails,
        decision=decision,
        specialty=sp,
        aim=aim,
        target=target,
        projection=projection,
        evidence=ev,
        baseline=baseline,
        gap=gap,
        by_score=by_score,
        by_gap=by_gap,
        weeks=weeks,
        no_plan=no_plan,
        fit=time_fit(p.weeks, weeks) if weeks is not None and p.weeks is not None else None,
        readiness=readiness,
        options=sides,
        plan=plan,
        dates=dates,
        rows=tuple(specialty_rows(rules, fails, baseline.value if baseline is not None and cap.specialty_aims else None)),
        retake_score=retake_score,
        outcome_row=outcome_row(rules, st.score, retake_score) if st.outcome == "pass" and cap.low_pass_checklist else None,
        match_rate=match_rate_row(rules, fails),
        percentile=percentile_of(rules, p.exam, st.score) if st.score is not None else None,
        stop_below=stop_below,
        next_standard=passing_standard_on(rules, p.exam, chosen_on or p.today).score,
        what_if=(
            delay_what_if(rules, p, projection, rules.retake.sit_or_delay.delay_weeks.min, chosen_on)
            if projection is not None and projection.now is not None and chosen_on is not None
            else None
        ),
    )
