"""Step 2 CK targets by specialty (seed 002 after a fail; NRMP matched quartiles otherwise)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from stepwise.policy import fails_on_record, passing_standard_on
from stepwise.profile import Profile
from stepwise.projection import Projection, project
from stepwise.rules import MatchRate, Rules, Specialty

Position = Literal["below Q1", "Q1–median", "median–Q3", "above Q3"]


@dataclass(frozen=True)
class Aim:
    low: int
    high: int
    basis: Literal["post_fail", "matched"]
    tier_target: int
    explanation: str


def post_fail_aim(rules: Rules, specialty: Specialty) -> Aim:
    """Seed 002: the tier's target after a fail, plus the 10–15 point safety buffer."""
    tier = rules.tier(specialty.tier)
    b = rules.targets.buffer
    low, high = tier.target + b.min, tier.target + b.max
    m = specialty.matched
    text = (
        f"Seed 002's target for {tier.label.lower()} specialties after a fail is {tier.target}+; "
        f"with its {b.min}–{b.max} point buffer the aim is {low}–{high}."
    )
    if low < m.q1:
        text += (
            f" That sits below the matched Q1 ({m.q1}) of U.S. MD seniors in {rules.specialties.nrmp_label}. The aim follows seed 002 "
            f"because it speaks to applicants with a fail; NRMP's quartiles describe all matched seniors, most with "
            f"no fail. Reaching {m.q1}+ would put you inside the matched middle half."
        )
    elif high > m.q3:
        text += f" That is above the matched Q3 ({m.q3}): after a fail, seed 002 asks for more than most matched seniors had."
    return Aim(low, high, "post_fail", tier.target, text)


def matched_aim(rules: Rules, specialty: Specialty) -> Aim:
    """Without a fail on record, the aim is the matched distribution: at least Q1, ideally the median."""
    m = specialty.matched
    tier = rules.tier(specialty.tier)
    return Aim(
        m.q1,
        m.median,
        "matched",
        tier.target,
        f"No fail on record: aim for the matched range, Q1 {m.q1} to median {m.median} ({rules.specialties.nrmp_label}).",
    )


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
    score_position: Position | None
    score_gap: float | None
    projection_position: Position | None
    projection_gap: float | None
    realism: str | None


def specialty_rows(rules: Rules, profile: Profile, projection: Projection | None) -> list[SpecialtyRow]:
    """Every specialty, ordered by matched median, with the student's place in it."""
    fails = fails_on_record(rules, profile)
    rows = []
    for sp in sorted(rules.specialties.specialties, key=lambda s: (s.matched.median, s.name)):
        aim = aim_for(rules, sp, fails)
        score_gap = aim.low - profile.score if profile.score is not None else None
        proj_gap = aim.low - projection.centre if projection is not None else None
        best = proj_gap if proj_gap is not None else score_gap
        rows.append(
            SpecialtyRow(
                sp,
                rules.tier(sp.tier).label,
                aim,
                position(sp, profile.score) if profile.score is not None else None,
                score_gap,
                position(sp, projection.centre) if projection is not None else None,
                proj_gap,
                realism(rules, best) if best is not None else None,
            )
        )
    return rows


@dataclass(frozen=True)
class Target:
    value: int
    label: str
    source: str


def study_target(rules: Rules, profile: Profile) -> Target:
    """The score to study toward: the chosen specialty's aim, else the standard on the exam date plus a margin."""
    sp = rules.specialty(profile.specialty)
    if sp is not None and profile.exam == "step2ck":
        aim = aim_for(rules, sp, fails_on_record(rules, profile))
        return Target(
            aim.low, f"{sp.name} aim ({aim.low}–{aim.high})", sp.source if aim.basis == "matched" else rules.targets.buffer.source
        )
    on = profile.exam_date or profile.today
    std = passing_standard_on(rules, profile.exam, on)
    margin = rules.targets.no_specialty
    return Target(std.score + margin.margin, f"passing standard {std.score} + {margin.margin}", margin.source)


def match_rate_row(rules: Rules, fails: int | None) -> MatchRate | None:
    """Seed 002's ballpark match chance for this many fails (the last row holds 'or more')."""
    if fails is None:
        return None
    rows = sorted(rules.targets.match_rate_by_fails.rows, key=lambda r: r.fails)
    return next((r for r in rows if r.fails == fails), rows[-1] if fails > rows[-1].fails else None)


def hard_stop_specialties(rules: Rules) -> list[Specialty]:
    return [s for s in rules.specialties.specialties if s.zone == "hard_stop"]


def target_and_projection(rules: Rules, profile: Profile) -> tuple[Target, Projection | None]:
    """The score to study toward, and the practice tests projected with the chance of reaching it."""
    target = study_target(rules, profile)
    return target, project(rules, profile, target=target.value)
