"""Will the score be back in time? Score release against the day programs first read applications.

Seasons and their dates are in ``rules/calendar.yaml`` (AAMC ERAS timeline); a season not yet
published is estimated from the pattern and labelled an estimate. Release weeks are the Step's
``score_release`` in ``rules/exams.yaml``.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
from dataclasses import dataclass

from stepwise.rules import Rules

_SATURDAY = 5


@dataclass(frozen=True)
class SeasonDate:
    season: int
    programs_read: dt.date
    estimated: bool


@dataclass(frozen=True)
class Timing:
    """When a score taken on ``exam_on`` comes back, and where that falls in the student's season."""

    exam_on: dt.date
    release_from: dt.date
    release_to: dt.date
    season: SeasonDate | None  # None when not applying
    in_time: bool | None  # back before programs first read applications
    text: str


def current_season(rules: Rules, today: dt.date) -> int:
    """The season running on ``today``: season N opens in June of N-1 and ends on May 31 of N."""
    return today.year + 1 if today.month >= rules.calendar.season_start_month else today.year


def programs_read(rules: Rules, season: int) -> SeasonDate:
    """The day programs may first read applications in ``season``: published, else estimated."""
    for s in rules.calendar.seasons:
        if s.season == season:
            return SeasonDate(season, s.programs_read, False)
    est = rules.calendar.estimate
    year = season - 1
    last_day = cal.monthrange(year, est.month)[1]
    last = dt.date(year, est.month, last_day)
    last_saturday = last - dt.timedelta(days=(last.weekday() - _SATURDAY) % 7)
    return SeasonDate(season, last_saturday - dt.timedelta(days=est.days_before_last_saturday), True)


def season_for_cycle(rules: Rules, cycle: str | None, today: dt.date) -> SeasonDate | None:
    """The season whose programs matter: this one when applying, the next one when re-applying."""
    if cycle == "applying":
        return programs_read(rules, current_season(rules, today))
    if cycle == "reapplying":
        return programs_read(rules, current_season(rules, today) + 1)
    return None


def score_back(rules: Rules, exam: str, exam_on: dt.date, cycle: str | None, today: dt.date) -> Timing:
    """When the score of an exam on ``exam_on`` likely arrives, and whether programs in the cycle are reading yet."""
    rel = rules.step(exam).score_release
    lo, hi = exam_on + dt.timedelta(weeks=rel.weeks.min), exam_on + dt.timedelta(weeks=rel.weeks.max)
    back = f"A score from {exam_on} usually arrives between {lo} and {hi}"
    season = season_for_cycle(rules, cycle, today)
    if season is None:
        return Timing(exam_on, lo, hi, None, None, back + ".")
    est = " (estimated from the pattern of earlier years)" if season.estimated else ""
    when = f"programs in the {season.season} season may first read applications on {season.programs_read}{est}"
    if hi < season.programs_read:
        weeks = (season.programs_read - hi).days // 7
        ahead = f"{weeks} weeks or more" if weeks >= 1 else "a few days"
        text = f"{back}: {ahead} before {when}."
        return Timing(exam_on, lo, hi, season, True, text)
    if lo >= season.programs_read:
        text = f"{back}: after {when}, so they may read your application without it."
    else:
        text = f"{back}: around the day {when}, so it may come late."
    return Timing(exam_on, lo, hi, season, False, text)
