"""Stage 7 of the assessment: everything dated from the one chosen date.

The plan runs to the day before it; the key dates, the score release and the season follow it; the
student's own date and the chosen one stand side by side, each with its reading and calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from stepwise.profile import Profile
from stepwise.projection import Projection, Reading, chance, reading_on
from stepwise.readiness import Readiness
from stepwise.rules import Rules
from stepwise.study import KeyDate, PlanWeek, Recommendation, key_dates, plan_weeks, weekly_plan
from stepwise.timing import Timing, score_back, season_for_cycle


@dataclass(frozen=True)
class Option:
    """One way to sit (as planned, or the chosen date), side by side: the projection and the calendar on that date."""

    label: str
    exam_on: dt.date
    permitted: bool
    advised: bool  # the chosen date
    reading: Reading | None
    timing: Timing


def why_not_now(readiness: Readiness, sides: tuple[Option, ...], failed: bool) -> Readiness:
    """A delay beside a good chance on the student's own date: say why, in the post-fail article's words."""
    own = next((o for o in sides if not o.advised and o.reading is not None), None)
    if not failed or own is None or own.reading is None or own.reading.p_pass < 0.5:
        return readiness
    why = (
        f"Your chance of passing on {own.exam_on} is {chance(own.reading.p_pass)}, and still: another low or failing score is far "
        "worse for your application than sitting a few weeks later; programs would rather see a later, strong score."
    )
    return replace(readiness, reasons=(*readiness.reasons, why))


# ------------------------------------------------------------------


def timeline(
    rules: Rules,
    p: Profile,
    weeks: Recommendation | None,
    readiness: Readiness | None,
    earliest: dt.date | None,
    stop_below: int | None,
) -> tuple[tuple[PlanWeek, ...], tuple[KeyDate, ...]]:
    """The plan runs to the day before the chosen date; the key dates and the score release follow it."""
    if weeks is None or readiness is None:
        return (), ()
    until = readiness.sit_on
    length = plan_weeks(p.today, until, weeks, earliest, rules.exams.input_limits.max_weeks)
    plan = weekly_plan(rules, p, length, p.today, stop_below, until)
    season = season_for_cycle(rules, p.cycle, p.today)
    season_mark = None
    if season is not None:
        est = " (estimate)" if season.estimated else ""
        season_mark = (f"Programs first read {season.season} applications{est}", season.programs_read)
    dates = key_dates(rules, p, plan, earliest, until, season_mark, keeps_planned=readiness.sit_on == p.exam_date)
    return tuple(plan), tuple(dates)


def options(
    rules: Rules, p: Profile, projection: Projection | None, readiness: Readiness | None, earliest: dt.date | None
) -> tuple[Option, ...]:
    """The student's own date beside the chosen one (when they differ), each with its reading and calendar."""
    if readiness is None:
        return ()

    def option(label: str, on: dt.date) -> Option:
        reading = reading_on(rules, projection, on) if projection is not None else None
        timing = score_back(rules, p.exam, on, p.cycle, p.today)
        return Option(label, on, earliest is None or on >= earliest, on == readiness.sit_on, reading, timing)

    chosen = readiness.sit_on
    if p.exam_date is None:
        return (option("The earliest sensible date", chosen),)
    if chosen == p.exam_date:
        return (option("Your date", chosen),)
    own = [option("Your date", p.exam_date)] if p.exam_date >= p.today else []
    return (*own, option("The date StepWise advises", chosen))
