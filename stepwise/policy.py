"""USMLE policy: the passing standard on a date, pass or fail by it, and the attempt rules.

Sources: the USMLE attempt-limit and retake pages as collected in ``rules/exams.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from stepwise.rules import PassingStandard, Rules

if TYPE_CHECKING:
    from stepwise.profile import Profile

Outcome = Literal["pass", "fail"]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (2025-08-31 + 6 -> 2026-02-28)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def passing_standard_on(rules: Rules, exam: str, day: dt.date) -> PassingStandard:
    """The passing standard in force on ``day``; before the first recorded period, the first one."""
    standards = rules.step(exam).passing_standards
    for std in standards:
        if std.start <= day and (std.end is None or day <= std.end):
            return std
    return standards[0] if day < standards[0].start else standards[-1]


def outcome_of(rules: Rules, exam: str, score: int, day: dt.date) -> Outcome:
    """Pass or fail by the standard in force on the test date, not today's."""
    return "pass" if score >= passing_standard_on(rules, exam, day).score else "fail"


@dataclass(frozen=True)
class AttemptStatus:
    used: int
    limit: int
    left: int
    eligible: bool
    earliest_next: dt.date | None
    reasons: tuple[str, ...]


def attempt_status(rules: Rules, attempts: Sequence[dt.date], passed: bool, today: dt.date) -> AttemptStatus:
    """Attempts used and left, and the earliest date the next attempt is permitted.

    At most ``max_attempts`` in all (incomplete ones count); at most ``max_in_window`` in any
    ``window_months``; from the ``spacing_applies_from_attempt``-th attempt on, at least
    ``months_after_first`` after the first and ``months_after_latest`` after the most recent.
    """
    p = rules.exams.attempt_policy
    dates = sorted(attempts)
    used = len(dates)
    left = max(p.max_attempts - used, 0)
    if passed:
        return AttemptStatus(used, p.max_attempts, left, False, None, ("This Step is passed.",))
    if used >= p.max_attempts:
        return AttemptStatus(
            used,
            p.max_attempts,
            0,
            False,
            None,
            (f"{used} attempts without a pass: the limit is {p.max_attempts}, so no further attempt at any Step is allowed.",),
        )
    earliest = today
    reasons: list[str] = []
    if dates:
        earliest = max(earliest, dates[-1] + dt.timedelta(days=1))
    if used >= p.max_in_window:
        # The next attempt must leave at most max_in_window - 1 earlier ones inside its window.
        anchor = dates[-p.max_in_window]
        window_end = add_months(anchor, p.window_months)
        if window_end > earliest:
            earliest = window_end
            reasons.append(f"No more than {p.max_in_window} attempts in any {p.window_months} months: not before {window_end}.")
    if used + 1 >= p.spacing_applies_from_attempt and dates:
        after_first = add_months(dates[0], p.months_after_first)
        after_latest = add_months(dates[-1], p.months_after_latest)
        nth = used + 1
        if after_first > earliest:
            earliest = after_first
        if after_latest > earliest:
            earliest = after_latest
        reasons.append(
            f"Attempt {nth} must be at least {p.months_after_first} months after the first ({after_first}) "
            f"and {p.months_after_latest} months after the most recent ({after_latest})."
        )
    return AttemptStatus(used, p.max_attempts, left, True, earliest, tuple(reasons))


def retake_after_pass_allowed(rules: Rules, exception: bool | None) -> bool:
    """A passed Step may be retaken only when one of the USMLE exceptions applies."""
    return rules.exams.retake_after_pass.allowed or exception is True


def percentile_of(rules: Rules, exam: str, score: int) -> int | None:
    """Percentile by linear interpolation in the Step's table; ``None`` without a table."""
    pct = rules.step(exam).percentiles
    if pct is None:
        return None
    items = sorted(pct.table.items())
    if score < items[0][0]:
        return 0  # below the table: under its first percentile
    for (s1, p1), (s2, p2) in itertools.pairwise(items):
        if s1 <= score <= s2:
            return round(p1 + (p2 - p1) * (score - s1) / (s2 - s1))
    return items[-1][1]


def score_release_window(rules: Rules, exam: str, exam_date: dt.date) -> tuple[dt.date, dt.date]:
    rel = rules.step(exam).score_release
    return exam_date + dt.timedelta(weeks=rel.weeks.min), exam_date + dt.timedelta(weeks=rel.weeks.max)


def latest_outcome(rules: Rules, profile: Profile) -> Outcome | None:
    """The latest attempt's outcome: from its score by the standard on its date, else the stated result."""
    if profile.score is not None:
        return outcome_of(rules, profile.exam, profile.score, profile.decided_on)
    return profile.result


def fails_on_record(rules: Rules, profile: Profile) -> int | None:
    """Failed attempts a program will see: at other Steps, plus those at this Step.

    Every attempt at this Step before the latest one failed (a passed Step is not retaken
    without an exception), and the latest one too when it failed.
    """
    outcome = latest_outcome(rules, profile)
    if outcome is None and profile.prior_fails is None:
        return None
    here = profile.attempts_used - (1 if outcome == "pass" else 0) if outcome is not None else max(profile.attempts_used - 1, 0)
    return (profile.prior_fails or 0) + max(here, 0)


def attempt_status_of(rules: Rules, profile: Profile) -> AttemptStatus:
    """Attempt status for the profile; with no dates given, the one scored attempt counts on its decided date."""
    dates = profile.attempts or ((profile.decided_on,) if profile.attempts_used else ())
    return attempt_status(rules, dates, latest_outcome(rules, profile) == "pass", profile.today)
