"""USMLE policy: the passing standard on a date, pass or fail by it, and the attempt rules.

Sources: the USMLE attempt-limit and retake pages as collected in ``rules/exams.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from stepwise.profile import Notice, Profile
from stepwise.rules import Rules
from stepwise.schema import PassingStandard

Outcome = Literal["pass", "fail"]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (2025-08-31 + 6 -> 2026-02-28)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def standard_in_force(rules: Rules, exam: str, day: dt.date) -> PassingStandard | None:
    """The passing standard in force on ``day``; ``None`` before the first period the rules record."""
    for std in rules.step(exam).passing_standards:
        if std.start <= day and (std.end is None or day <= std.end):
            return std
    return None


def passing_standard_on(rules: Rules, exam: str, day: dt.date) -> PassingStandard:
    """The standard for a date that is never before the rules' first period (an exam date, today).

    Before the first period (a date the URL contract allows but no rule covers) the first one;
    callers that judge a past attempt use :func:`standard_in_force` and say so instead.
    """
    return standard_in_force(rules, exam, day) or rules.step(exam).passing_standards[0]


def scored(rules: Rules, exam: str, day: dt.date) -> bool:
    """Whether this Step reported three-digit scores on ``day`` (Step 1 stopped on 2022-01-26)."""
    until = rules.step(exam).scored_until
    return until is None or day <= until


@dataclass(frozen=True)
class AttemptStatus:
    used: int
    limit: int
    left: int
    eligible: bool
    earliest_next: dt.date | None
    reasons: tuple[str, ...]


def attempt_status(rules: Rules, attempts: Sequence[dt.date], passed: bool, today: dt.date, undated: int = 0) -> AttemptStatus:
    """Attempts used and left, and the earliest date the next attempt is permitted.

    At most ``max_attempts`` in all (incomplete ones count); at most ``max_in_window`` in any
    ``window_months``; from the ``spacing_applies_from_attempt``-th attempt on, at least
    ``months_after_first`` after the first and ``months_after_latest`` after the most recent.
    ``undated`` attempts count toward the limit; the spacing rules need their dates, so they
    are said to be unchecked rather than guessed.
    """
    p = rules.exams.attempt_policy
    # The limit in force on ``today`` (six before 2021-07-01, four since).
    limit = next((h.max_attempts for h in p.limit_history if h.start <= today and (h.end is None or today <= h.end)), p.max_attempts)
    dates = sorted(attempts)
    used = len(dates) + undated
    left = max(limit - used, 0)
    if passed:
        return AttemptStatus(used, limit, left, False, None, ("This Step is passed.",))
    if used >= limit:
        return AttemptStatus(
            used,
            limit,
            0,
            False,
            None,
            (f"{used} attempts without a pass: the limit is {limit}, so no further attempt at any Step is allowed.",),
        )
    earliest = today
    reasons: list[str] = []
    if dates:
        earliest = max(earliest, dates[-1] + dt.timedelta(days=1))
    nth = used + 1
    if used >= p.max_in_window:
        # The next attempt must leave at most max_in_window - 1 earlier ones inside its window.
        anchor = dates[-p.max_in_window]
        window_end = add_months(anchor, p.window_months)
        if window_end > earliest:
            earliest = window_end
            reasons.append(
                f"No more than {p.max_in_window} attempts in any {p.window_months} months: attempt {nth} not before "
                f"{window_end} ({p.window_months} months after your attempt on {anchor})."
            )
    if nth >= p.spacing_applies_from_attempt and dates:
        after_first = add_months(dates[0], p.months_after_first)
        after_latest = add_months(dates[-1], p.months_after_latest)
        earliest = max(earliest, after_first, after_latest)
        reasons.append(
            f"Attempt {nth} not before {after_first} ({p.months_after_first} months after your first attempt, {dates[0]}) "
            f"and not before {after_latest} ({p.months_after_latest} months after your latest, {dates[-1]})."
        )
    if undated and not dates:
        reasons.append(
            f"Add your attempt dates to check the spacing rules (no more than {p.max_in_window} attempts in any {p.window_months} months)."
        )
    if left == 1:
        reasons.append(f"This would be your last permitted attempt: the limit is {limit}, incomplete attempts included.")
    return AttemptStatus(used, limit, left, True, earliest, tuple(reasons))


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


@dataclass(frozen=True)
class Standing:
    """The latest attempt judged once: the score that counts, the standard, the outcome, and what was assumed."""

    score: int | None  # a three-digit score that can be judged (None: none given, or not a scored era)
    outcome: Outcome | None
    standard: PassingStandard | None  # the standard the outcome was judged by
    dated: bool  # the attempt's date was given
    assumed: str | None  # what was assumed, in words, when the date was not given
    notices: tuple[Notice, ...]


def _periods_text(std: PassingStandard) -> str:
    return f"{std.start} to {std.end}" if std.end else f"since {std.start}"


def standing(rules: Rules, profile: Profile) -> Standing:
    """Judge the latest attempt by the standard in force on its date; never overrule a stated result silently.

    - A Step 1 score dated after three-digit reporting ended is not used (the result decides).
    - A date before the first standard the rules record gets a notice, not the earliest standard.
    - Without a date, where the standards disagree about the score, today's is assumed and said so;
      a stated result that fits an earlier standard stands, with that standard named.
    """
    step = rules.step(profile.exam)
    notices: list[Notice] = []
    score, result, day = profile.score, profile.result, profile.latest_attempt
    if score is not None and day is not None and not scored(rules, profile.exam, day):
        notices.append(
            Notice(
                "score",
                f"{step.name} has been reported as pass or fail only since {step.scored_until + dt.timedelta(days=1)}"  # type: ignore[operator]
                f", so a three-digit score dated {day} cannot be judged; "
                + ("your stated result is used." if result else "enter whether it was a pass or a fail."),
            )
        )
        score = None
    if day is not None:
        std = standard_in_force(rules, profile.exam, day)
        if std is None:
            first = step.passing_standards[0]
            notices.append(
                Notice(
                    "attempts",
                    f"{day} is before {first.start}, the earliest {step.name} standard StepWise knows, so the score cannot be judged"
                    + ("; your stated result is used." if result else "; enter whether it was a pass or a fail."),
                )
            )
            return Standing(score, result, None, True, None, tuple(notices))
        if score is None:
            return Standing(None, result, std, True, None, tuple(notices))
        outcome: Outcome = "pass" if score >= std.score else "fail"
        if result is not None and result != outcome:
            notices.append(
                Notice(
                    "result", f"'{result}' disagrees with {score} against the {std.score} standard in force on {day}; the score decides."
                )
            )
        return Standing(score, outcome, std, True, None, tuple(notices))
    # No date: which standards could have judged this score?
    if score is None:
        return Standing(None, result, None, False, None, tuple(notices))
    periods = step.passing_standards
    if step.scored_until is not None:
        periods = [s for s in periods if s.start <= step.scored_until]
    today_std = standard_in_force(rules, profile.exam, profile.today)
    current = today_std if today_std in periods else periods[-1]
    outcomes = {("pass" if score >= s.score else "fail") for s in periods}
    if result is not None:
        fitting = [s for s in periods if ("pass" if score >= s.score else "fail") == result]
        if fitting:
            std = current if current in fitting else fitting[-1]
            assumed = None
            if len(outcomes) > 1:
                assumed = (
                    f"No attempt date: your stated {result} with {score} fits the {std.score} standard in force "
                    f"{_periods_text(std)}. Add the attempt date to be sure."
                )
            return Standing(score, result, std, False, assumed, tuple(notices))
        notices.append(Notice("result", f"'{result}' cannot be right for {score} under any {step.name} standard; the score decides."))
    outcome = "pass" if score >= current.score else "fail"
    assumed = None
    if step.scored_until is not None and profile.today > step.scored_until:
        assumed = (
            f"No attempt date: a three-digit {step.name} score dates from before "
            f"{step.scored_until + dt.timedelta(days=1)}, so it was judged against the {current.score} standard in force "
            f"{_periods_text(current)}. Add the attempt date to be sure."
        )
    elif len(outcomes) > 1:
        assumed = (
            f"No attempt date: {score} was judged against the {current.score} standard in force {_periods_text(current)}. "
            "Under an earlier standard it would read differently: add the attempt date."
        )
    return Standing(score, outcome, current, False, assumed, tuple(notices))


def fails_on_record(profile: Profile, outcome: Outcome | None) -> int | None:
    """Failed attempts a program will see: at other Steps, plus those at this Step.

    Every attempt at this Step before the latest one failed (a passed Step is not retaken
    without an exception), and the latest one too when it failed. ``outcome`` is the latest
    attempt's, as :func:`standing` judged it.
    """
    if outcome is None and profile.prior_fails is None:
        return None
    here = profile.attempts_used - (1 if outcome == "pass" else 0) if outcome is not None else max(profile.attempts_used - 1, 0)
    return (profile.prior_fails or 0) + max(here, 0)
