"""Step 2 CK targets by specialty: after a fail the tier target plus the buffer, never below the matched range (NRMP 2026)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from stepwise.policy import passing_standard_on, scored
from stepwise.rules import Rules
from stepwise.schema import MatchRate, Specialty

Position = Literal["below Q1", "Q1–median", "median–Q3", "above Q3"]


@dataclass(frozen=True)
class Aim:
    low: int
    high: int
    basis: Literal["post_fail", "matched"]
    tier_target: int
    explanation: str


def matched_aim(rules: Rules, specialty: Specialty) -> Aim:
    """Without a fail on record, the aim is the matched distribution: at least Q1, ideally the median."""
    m = specialty.matched
    tier = rules.tier(specialty.tier)
    return Aim(
        m.q1,
        m.median,
        "matched",
        tier.target,
        f"No fail on record: aim for the matched range, from the lower quartile {m.q1} to the median {m.median} ({rules.specialties.nrmp_label}).",
    )


def post_fail_aim(rules: Rules, specialty: Specialty) -> Aim:
    """After a fail: the tier's target plus the safety buffer, and never below the aim without a fail.

    The post-fail article's tier targets sit below NRMP's matched range for a few specialties; a
    fail cannot make the aim lower, so each end is at least the matched aim's.
    """
    tier = rules.tier(specialty.tier)
    b = rules.targets.buffer
    base = matched_aim(rules, specialty)
    article_low, article_high = tier.target + b.min, tier.target + b.max
    low, high = max(article_low, base.low), max(article_high, base.high)
    m = specialty.matched
    text = (
        f"After a fail, the advice for this group of specialties ({tier.label}) is {tier.target}+, studied as if you needed "
        f"{b.min}–{b.max} points more: {article_low}–{article_high}."
    )
    if (low, high) != (article_low, article_high):
        text += (
            f" Matched U.S. MD seniors in {rules.specialties.nrmp_label} sit higher (lower quartile {m.q1}, median {m.median}), "
            f"and a fail never lowers the aim, so the aim is {low}–{high}."
        )
    elif high > m.q3:
        text += f" That is above the matched upper quartile ({m.q3}): after a fail, programs ask for more than most matched seniors had."
    return Aim(low, high, "post_fail", tier.target, text)


def aim_for(rules: Rules, specialty: Specialty, fails: int | None) -> Aim:
    return post_fail_aim(rules, specialty) if fails else matched_aim(rules, specialty)


def position(specialty: Specialty, score: float) -> Position:
    m = specialty.matched
    if score < m.q1:
        return "below Q1"
    if score < m.median:
        return "Q1–median"
    if score <= m.q3:
        return "median–Q3"
    return "above Q3"


def realism(rules: Rules, gap: float) -> str:
    """A label for the gap between a score and the aim's lower end (``realism`` bands)."""
    for band in rules.targets.realism:
        if gap <= band.max_gap:
            return band.label
    return rules.targets.realism[-1].label


def describe_gap(rules: Rules, gap: float, aim_low: int) -> str:
    """The gap to the aim in words, with its realism label: '12 points short of 240: Stretch'."""
    label = realism(rules, gap)
    if gap > 0:
        return f"{gap:.0f} points short of {aim_low}: {label}"
    return f"at or above {aim_low} (by {-gap:.0f}): {label}"


@dataclass(frozen=True)
class SpecialtyRow:
    specialty: Specialty
    tier_label: str
    aim: Aim
    position: Position | None  # where the baseline falls among matched applicants
    gap: float | None  # aim's lower end minus the baseline; positive: points still to gain
    realism: str | None


def specialty_rows(rules: Rules, fails: int | None, baseline: float | None) -> list[SpecialtyRow]:
    """Every specialty, ordered by matched median, measured from the one Step 2 CK baseline (or none)."""
    rows = []
    for sp in sorted(rules.specialties.specialties, key=lambda s: (s.matched.median, s.name)):
        aim = aim_for(rules, sp, fails)
        gap = aim.low - baseline if baseline is not None else None
        rows.append(
            SpecialtyRow(
                sp,
                rules.tier(sp.tier).label,
                aim,
                position(sp, baseline) if baseline is not None else None,
                gap,
                realism(rules, gap) if gap is not None else None,
            )
        )
    return rows


@dataclass(frozen=True)
class Target:
    """The score to study toward."""

    value: int
    high: int
    label: str
    basis: Literal["specialty", "pass"]
    explanation: str
    source: str


def study_target(rules: Rules, exam: str, specialty: Specialty | None, fails: int | None, on: dt.date) -> Target:
    """The chosen specialty's aim for Step 2 CK; otherwise (and for Step 1, pass or fail) the standard on the date plus a margin."""
    if specialty is not None and rules.step(exam).capabilities.specialty_aims:
        aim = aim_for(rules, specialty, fails)
        source = specialty.source if aim.basis == "matched" else rules.targets.buffer.source
        return Target(aim.low, aim.high, f"your {specialty.name} aim of {aim.low}", "specialty", aim.explanation, source)
    std = passing_standard_on(rules, exam, on)
    margin = rules.targets.no_specialty
    value = std.score + margin.margin
    if not rules.step(exam).capabilities.specialty_aims and not scored(rules, exam, on):
        why = (
            f"{rules.step(exam).name} is reported as pass or fail: the aim is to pass with room to spare, "
            f"{margin.margin} points above the {std.score} standard."
        )
    elif not rules.step(exam).capabilities.specialty_aims:
        why = f"The aim for {rules.step(exam).name} is to pass with room to spare, {margin.margin} points above the {std.score} standard."
    else:
        why = f"No specialty chosen: the aim is to pass with room to spare, {margin.margin} points above the {std.score} standard."
    return Target(value, value, f"{value} (the {std.score} standard plus {margin.margin})", "pass", why, margin.source)


def match_rate_row(rules: Rules, fails: int | None) -> MatchRate | None:
    """The ballpark match chance for this many fails (the last row holds 'or more')."""
    if fails is None:
        return None
    rows = sorted(rules.targets.match_rate_by_fails.rows, key=lambda r: r.fails)
    return next((r for r in rows if r.fails == fails), rows[-1] if fails > rows[-1].fails else None)


def hard_stop_specialties(rules: Rules) -> list[Specialty]:
    return [s for s in rules.specialties.specialties if s.zone == "hard_stop"]
