"""Sit, delay, or what to do first: the readiness decision table (``retake.yaml: readiness``).

:func:`facts` states each condition the table may name, in the student's own numbers;
:func:`decide_readiness` takes the first row whose conditions all hold and chooses the one date
everything else is dated from. Every verdict but "sit" chooses the earliest date that meets the
weeks needed, the attempt rules and, after a fail with weak practice, the article's delay; "sit"
keeps the student's own date. So the chosen date is ``max(planned date, earliest sensible date)``,
and a later planned date never advises an earlier sitting. docs/decisions.md prints the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stepwise.policy import passing_standard_on
from stepwise.practice import AdjustedTest
from stepwise.profile import Profile
from stepwise.rules import Rules
from stepwise.schema import Condition, ReadinessVerdict
from stepwise.study import Recommendation, weeks_word

# The readiness table's verdicts and conditions in words (docs/decisions.md and the Sources page).
VERDICT_WORDS = {
    "sit": "sit as planned",
    "delay": "delay",
    "plan": "plan the weeks, then sit",
    "new_date": "choose a new date",
    "practice_first": "take a practice test first",
    "protect_weeks": "protect more study weeks first",
}
CONDITION_WORDS = {
    "date_past": "the planned date is already past",
    "date_forbidden": "the planned date is before the attempt rules allow",
    "no_evidence": "no recent practice test since the latest attempt gives a reading",
    "protected_short": "the protected study weeks are fewer than the least needed",
    "no_date": "no exam date is entered",
    "after_fail": "the latest attempt was a fail",
    "at_aim": "the last two practice tests since the attempt are at or above the aim and clear of the passing line by NBME's margin",
    "weeks_short": "the planned date comes before today plus the weeks needed at the typical pace",
    "unconfirmed": "fewer than two practice tests since the latest attempt, or a recent one within NBME's margin of the passing line",
    "weak_practice_soon": "practice is not yet consistent (fewer than two tests since, or one within NBME's margin of the passing line) "
    "and the date is within the weeks weak practice keeps clear",
}


@dataclass(frozen=True)
class Evidence:
    """What the practice tests since the latest attempt say (the readiness table's evidence)."""

    counted: tuple[AdjustedTest, ...]  # tests since the latest attempt, oldest first
    reading_now: bool  # they give a level now (a projection, or Step 1's CBSSA level)
    why_none: str | None  # why they give none, in words


@dataclass(frozen=True)
class Facts:
    """Each condition of the table, true or false, and the reason in the student's numbers where true."""

    holds: dict[Condition, bool]
    said: dict[Condition, str]
    earliest_sensible: dt.date  # the earliest date that meets the weeks, the attempt rules and the article's delay


@dataclass(frozen=True)
class Readiness:
    key: ReadinessVerdict
    heading: str
    weeks_to_exam: int | None  # whole weeks from today to the planned date
    sit_on: dt.date  # the chosen date: everything dated is dated from it
    later_days: int | None  # how much later than the planned date (None: no planned date)
    reasons: tuple[str, ...]


def later_text(days: int) -> str:
    """'3 weeks later', '2 weeks and 3 days later'."""
    w, d = divmod(days, 7)
    parts = [weeks_word(w)] if w else []
    if d:
        parts.append("1 day" if d == 1 else f"{d} days")
    return " and ".join(parts) + " later"


@dataclass(frozen=True)
class Inputs:
    """What the table is asked about: the weeks needed, the attempt rules' date, the evidence, the aim, and the
    date whose standard the passing line uses (the chosen date, settled by the assessment)."""

    weeks: Recommendation
    earliest: dt.date | None
    evidence: Evidence
    aim: int
    failed: bool
    on: dt.date


def facts(rules: Rules, p: Profile, i: Inputs) -> Facts:
    """The table's conditions, in the student's numbers."""
    weeks, earliest, ev, aim, failed, on = i.weeks, i.earliest, i.evidence, i.aim, i.failed, i.on
    sd = rules.retake.sit_or_delay
    table = rules.retake.readiness
    e = p.exam_date
    today = p.today
    line = passing_standard_on(rules, p.exam, on).score + rules.practice_tests.nbme_standard_error.points
    recent = ev.counted[-sd.min_consistent_tests :]
    low = min((t.adjusted for t in recent), default=None)
    at_aim = ev.reading_now and len(recent) >= sd.min_consistent_tests and low is not None and low >= max(aim, line)
    few = len(ev.counted) < sd.min_consistent_tests
    near_line = low is not None and low < line
    weak = failed and not at_aim and (few or near_line or not ev.reading_now)
    need_until = today + dt.timedelta(weeks=weeks.weeks_max)
    weak_until = today + dt.timedelta(weeks=table.weak_practice_weeks)
    bounds = [today, earliest or today]
    if not at_aim:
        bounds.append(need_until)
    if weak:
        bounds.append(weak_until)
    sensible = max(bounds)
    holds: dict[Condition, bool] = {
        "date_past": e is not None and e < today,
        "date_forbidden": e is not None and e >= today and earliest is not None and e < earliest,
        "no_evidence": not ev.reading_now,
        "protected_short": p.weeks is not None and p.weeks < weeks.weeks_min,
        "no_date": e is None,
        "after_fail": failed,
        "at_aim": at_aim,
        "weeks_short": e is not None and e < need_until and not at_aim,
        "weak_practice_soon": weak and e is not None and e < weak_until,
        "unconfirmed": not at_aim and (few or near_line),
    }
    scores = ", ".join(f"{t.adjusted:.0f}" for t in recent)
    said: dict[Condition, str] = {
        "date_past": f"Your planned date, {e}, is already past (today is {today}).",
        "date_forbidden": f"{e} is before {earliest}, the earliest date the attempt rules allow.",
        "no_evidence": ev.why_none or "No practice test since your latest attempt.",
        "protected_short": f"You have {weeks_word(p.weeks or 0)} of protected study; you need at least {weeks_word(weeks.weeks_min)}.",
        "no_date": "No exam date entered yet.",
        "after_fail": "",
        "at_aim": f"Your last {len(recent)} practice tests since your attempt ({scores}) are at or above your aim of {aim} "
        f"and clear of the passing line ({line - rules.practice_tests.nbme_standard_error.points} plus NBME's margin of "
        f"{rules.practice_tests.nbme_standard_error.points:g}).",
        "weeks_short": f"You need {weeks.text} of study ({weeks_word(weeks.weeks_max)} at the typical pace); "
        f"{e} is {weeks_word(max((e - today).days // 7, 0)) if e else ''} away.",
        "unconfirmed": (
            f"{len(ev.counted)} practice test{'s' if len(ev.counted) != 1 else ''} since your attempt: the article asks for scores "
            f"consistent on at least {sd.min_consistent_tests}."
            if few
            else f"A recent practice test ({low:.0f}) is within NBME's margin of error of the passing line."
        ),
        "weak_practice_soon": (
            f"Fewer than {sd.min_consistent_tests} practice tests since your attempt: the article asks for scores consistent on "
            "several tests before you sit."
            if few
            else f"A recent practice test ({low:.0f}) is within NBME's margin of error of the passing line."
            if near_line
            else "Your practice tests give no reading yet."
        )
        + f" With practice not yet there, StepWise keeps the next {weeks_word(table.weak_practice_weeks)} clear "
        f"(the article's checks in the last {weeks_word(sd.delay_weeks.max)} and its delay of at least {weeks_word(sd.delay_weeks.min)}).",
    }
    return Facts(holds, said, sensible)


def decide_readiness(rules: Rules, p: Profile, i: Inputs) -> Readiness:
    """The first row of the table whose conditions all hold, and the one date it chooses."""
    f = facts(rules, p, i)
    weeks, earliest = i.weeks, i.earliest
    row = next(r for r in rules.retake.readiness.rows if all(f.holds[c] for c in r.when))
    e = p.exam_date
    if row.verdict == "sit" and e is not None:
        chosen = e
    else:
        chosen = max(e, f.earliest_sensible) if e is not None and e >= p.today else f.earliest_sensible
    later = (chosen - e).days if e is not None else None
    heading = row.heading.format(date=chosen, later=later_text(later) if later else "", weeks=weeks.text)
    reasons = [f.said[c] for c in row.when if f.said[c]]
    reasons.append(row.why)
    if not f.holds["at_aim"] and row.verdict != "protect_weeks":
        reasons.append(weeks.reason)  # where the weeks needed come from, in the student's numbers
    if row.verdict != "sit" and not (e is not None and chosen == e):
        reasons.append(_why_date(rules, p, weeks, earliest, f, chosen))
    elif row.verdict == "sit" and row.when == [] and e is not None:
        enough = "your practice already reaches your aim" if weeks.weeks_max == 0 else f"enough for the {weeks.text} you need"
        reasons.insert(0, f"{weeks_word((e - p.today).days // 7)} to {e}: {enough}.")
    if row.verdict in ("sit", "practice_first") and f.holds["after_fail"] and not f.holds["at_aim"] and e is not None:
        sd = rules.retake.sit_or_delay
        reasons.append(
            f"In the last {weeks_word(sd.delay_weeks.max)}, check your practice tests: consistent near your aim on several tests, "
            "none near the passing line. If not, delay: another low or failing score is far worse than a later one."
        )
    weeks_to_exam = max((e - p.today).days // 7, 0) if e is not None else None
    return Readiness(row.verdict, heading, weeks_to_exam, chosen, later, tuple(reasons))


def _why_date(rules: Rules, p: Profile, weeks: Recommendation, earliest: dt.date | None, f: Facts, chosen: dt.date) -> str:
    """Why the chosen date is the one it is: the bound that set it."""
    if earliest is not None and chosen == earliest and earliest > p.today:
        return f"{chosen} is the earliest date the attempt rules allow."
    if chosen == p.today + dt.timedelta(weeks=weeks.weeks_max) and not f.holds["at_aim"]:
        return f"{chosen} leaves the {weeks_word(weeks.weeks_max)} of study you need at the typical pace."
    if chosen == p.today + dt.timedelta(weeks=rules.retake.readiness.weak_practice_weeks):
        return f"{chosen} leaves time to build consistent practice scores first."
    return f"The earliest sensible date is {chosen}."
