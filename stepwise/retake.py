"""Should I retake? The USMLE policy gate, seed 003's checklist, and seed 002's sit-or-delay check."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from stepwise.policy import AttemptStatus, attempt_status_of, latest_outcome, passing_standard_on, retake_after_pass_allowed
from stepwise.profile import Profile
from stepwise.projection import Projection, project
from stepwise.rules import OutcomeRow, Rules
from stepwise.targets import Target, study_target

State = Literal["met", "not met", "unknown"]
VerdictKey = Literal["not_permitted", "can_make_sense", "probably_not", "required", "not_eligible", "not_enough_information"]


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    state: State
    value: str
    needs: str | None = None  # the input that would decide an unknown criterion


@dataclass(frozen=True)
class Gate:
    outcome: Literal["pass", "fail"] | None
    standard: int
    decided_on: str
    text: str
    status: AttemptStatus | None


@dataclass(frozen=True)
class Decision:
    key: VerdictKey
    heading: str
    reasons: tuple[str, ...]
    gate: Gate
    checklist: tuple[Criterion, ...]
    probably_not: tuple[Criterion, ...]
    missing: tuple[str, ...]


def _practice_scores(rules: Rules, profile: Profile, before_latest: bool) -> list[float]:
    """Practice scores on scale (offsets applied), optionally only those before the latest attempt."""
    proj = project(rules, profile, on=profile.latest_attempt if before_latest and profile.latest_attempt else None)
    return [t.adjusted for t in proj.tests] if proj else []


def projected_retake_score(rules: Rules, profile: Profile) -> float | None:
    """The best estimate of a retake: the practice projection, else the score after typical gain over the protected weeks."""
    proj = project(rules, profile)
    if proj is not None:
        return proj.centre
    if profile.score is not None and profile.weeks:
        return profile.score + rules.study.gain_per_week.typical * profile.weeks
    return None


def judged(key: str, label: str, ok: bool | None, shown: str, needs: str) -> Criterion:
    """A criterion met or not met, or unknown (``ok`` is None) naming the input that would decide it."""
    if ok is None:
        return Criterion(key, label, "unknown", shown, needs)
    return Criterion(key, label, "met" if ok else "not met", shown)


def checklist(rules: Rules, profile: Profile) -> tuple[tuple[Criterion, ...], tuple[Criterion, ...]]:
    """Seed 003's 'strongly consider retaking if' list and its 'probably not' list, criterion by criterion."""
    c = rules.retake.checklist
    sp = rules.specialty(profile.specialty)
    earlier = _practice_scores(rules, profile, before_latest=True)
    score, weeks, cycle = profile.score, profile.weeks, profile.cycle
    zone = f"{sp.name}: {sp.zone.replace('_', ' ')}" if sp else "no specialty"
    scores = ", ".join(f"{s:.0f}" for s in earlier) or "none"
    enough_tests = len(earlier) >= c.practice_min_count
    # Too few tests decide only when one of them is already below the bar.
    practice_ok = (
        (min(earlier) >= c.practice_at_least.min)
        if enough_tests
        else (False if earlier and min(earlier) < c.practice_at_least.min else None)
    )
    retake = projected_retake_score(rules, profile)
    gain = retake - score if retake is not None and score is not None else None
    weeks_label = f"At least {c.protected_weeks_at_least.min}–{c.protected_weeks_at_least.max} protected weeks"

    items = (
        judged(
            "score",
            f"Score at or below {c.score_at_most}",
            None if score is None else score <= c.score_at_most,
            str(score or "no score"),
            "score",
        ),
        judged(
            "zone",
            "Specialty still attainable with a big jump (middle zone)",
            None if sp is None else sp.zone == "middle",
            zone,
            "specialty",
        ),
        judged(
            "practice",
            f"Earlier practice tests consistently at or above {c.practice_at_least.min}–{c.practice_at_least.max}",
            practice_ok,
            scores if enough_tests else f"{scores} (needs {c.practice_min_count}+)",
            "practice",
        ),
        judged(
            "weeks",
            weeks_label,
            None if weeks is None else weeks >= c.protected_weeks_at_least.min,
            f"{weeks} weeks" if weeks is not None else "not given",
            "weeks",
        ),
        judged(
            "cycle", "Not in an active application cycle", None if cycle is None else cycle != "applying", cycle or "not given", "cycle"
        ),
        judged(
            "jump",
            f"A large improvement ({c.big_jump_points}+ points) plausible",
            None if gain is None else gain >= c.big_jump_points,
            f"projected {retake:.0f} ({gain:+.0f})" if gain is not None and retake is not None else "no projection",
            "score" if score is None else "practice",
        ),
    )
    top = max(earlier) if earlier else None
    nots = (
        judged(
            "same_cycle",
            "Passed and in the same application cycle",
            None if cycle is None else cycle == "applying",
            cycle or "not given",
            "cycle",
        ),
        judged("forgiving", "Target specialty is forgiving", None if sp is None else sp.zone == "forgiving", zone, "specialty"),
        judged(
            "never_higher",
            f"Practice tests never much ({c.practice_above_real_points}+) above the real score",
            None if top is None or score is None else top - score < c.practice_above_real_points,
            f"best {top:.0f} vs {score}"
            if top is not None and score is not None
            else ("no score" if score is None else "no earlier practice tests"),
            "score" if score is None else "practice",
        ),
        judged(
            "no_time",
            "Cannot carve out dedicated study time",
            None if weeks is None else weeks < c.protected_weeks_at_least.min,
            f"{weeks} weeks" if weeks is not None else "not given",
            "weeks",
        ),
    )
    return items, nots


def gate(rules: Rules, profile: Profile) -> Gate:
    outcome = latest_outcome(rules, profile)
    std = passing_standard_on(rules, profile.exam, profile.decided_on)
    name = rules.step(profile.exam).name
    status = attempt_status_of(rules, profile) if outcome is not None else None
    if outcome is None:
        text = f"Enter your latest {name} score (or whether it was a pass or a fail) to apply the rules."
    elif profile.score is not None:
        verb = "passes" if outcome == "pass" else "fails"
        text = f"{profile.score} {verb} the {name} standard of {std.score} in force on {profile.decided_on}."
    else:
        text = f"Your latest {name} attempt was a {outcome}."
    return Gate(outcome, std.score, str(profile.decided_on), text, status)


def decide(rules: Rules, profile: Profile) -> Decision:
    """The verdict with its reasons. Labels come from ``retake.yaml: verdicts``."""
    v = rules.retake.verdicts
    g = gate(rules, profile)
    items, nots = checklist(rules, profile)

    def made(key: VerdictKey, reasons: list[str], missing: tuple[str, ...] = ()) -> Decision:
        return Decision(key, getattr(v, key), tuple(reasons), g, items, nots, missing)

    if g.outcome is None:
        return made("not_enough_information", [g.text], ("score or result",))
    if g.outcome == "fail":
        assert g.status is not None
        if not g.status.eligible:
            return made("not_eligible", [g.text, *g.status.reasons])
        left = f"{g.status.left} of {g.status.limit} attempts left"
        when = f"earliest permitted date {g.status.earliest_next}" if g.status.earliest_next else ""
        return made("required", [g.text, "A failed Step must be passed to go on.", f"{left}; {when}.", *g.status.reasons])
    if not retake_after_pass_allowed(rules, profile.exception):
        return made("not_permitted", [g.text, rules.exams.retake_after_pass.summary])
    hits = [n for n in nots if n.state == "met"]
    if hits:
        return made("probably_not", [g.text, *(f"Seed 003 says probably not: {n.label.lower()} ({n.value})." for n in hits)])
    misses = [i for i in items if i.state == "not met"]
    if misses:
        return made("probably_not", [g.text, *(f"Not met: {i.label.lower()} ({i.value})." for i in misses)])
    unknown = [i for i in items + nots if i.state == "unknown"]
    if unknown:
        missing = tuple(dict.fromkeys(i.needs or i.key for i in unknown))
        return made(
            "not_enough_information",
            [g.text, "Every criterion met so far; these inputs would decide the rest: " + ", ".join(missing) + "."],
            missing,
        )
    return made("can_make_sense", [g.text, "Every seed-003 criterion is met and none of its 'probably not' conditions holds."])


def outcome_row(rules: Rules, profile: Profile) -> tuple[OutcomeRow | None, float | None]:
    """The row of seed 003's table that the projected retake falls in (by points over the current score)."""
    retake = projected_retake_score(rules, profile)
    if retake is None or profile.score is None:
        return None, None
    delta = round(retake - profile.score)
    for row in rules.retake.outcome_reading.rows:
        if row.delta.min is None and row.delta.max is None:
            continue
        if (row.delta.min is None or delta >= row.delta.min) and (row.delta.max is None or delta <= row.delta.max):
            return row, retake
    return None, retake


@dataclass(frozen=True)
class Readiness:
    key: Literal["sit", "delay", "not_enough_information"]
    heading: str
    target: Target
    checks: tuple[Criterion, ...]
    weeks: int | None
    reasons: tuple[str, ...]


def sit_or_delay(rules: Rules, profile: Profile, projection: Projection | None = None) -> Readiness:
    """Seed 002 after a fail: practice at or near target, consistent on 2+, none near the passing line."""
    r = rules.retake.sit_or_delay
    v = rules.retake.verdicts
    target = study_target(rules, profile)
    projection = projection or project(rules, profile)
    if projection is None:
        return Readiness(
            "not_enough_information",
            v.not_enough_information,
            target,
            (),
            None,
            ("Add your recent practice tests (practice) to check readiness.",),
        )
    since = projection.on.toordinal() - r.recent_days
    recent = [t for t in projection.tests if t.test.taken.toordinal() >= since] or list(projection.tests[-r.min_consistent_tests :])
    scores = [t.adjusted for t in recent]
    bar = target.value - r.near_target_points
    line = projection.standard.score + r.passing_line_margin
    checks = (
        Criterion(
            "near_target",
            f"Practice at or near the target ({target.value}, within {r.near_target_points})",
            "met" if projection.anchor >= bar else "not met",
            f"weighted average {projection.anchor:.0f}",
        ),
        Criterion(
            "consistent",
            f"Consistent on {r.min_consistent_tests}+ recent tests",
            "met" if len(scores) >= r.min_consistent_tests and min(scores) >= bar else "not met",
            ", ".join(f"{s:.0f}" for s in scores),
        ),
        Criterion(
            "passing_line",
            f"No recent test within {r.passing_line_margin} of the passing line ({projection.standard.score})",
            "met" if min(scores) >= line else "not met",
            f"lowest {min(scores):.0f}",
        ),
    )
    if all(c.state == "met" for c in checks):
        return Readiness("sit", v.sit, target, checks, None, ("Your recent practice supports sitting on the planned date.",))
    gap = max(target.value - projection.anchor, 0)
    weeks = max(r.delay_weeks.min, math.ceil(gap / rules.study.gain_per_week.typical - 1e-9))
    reasons = [f"{c.label}: not met ({c.value})." for c in checks if c.state != "met"]
    if weeks > r.delay_weeks.max:
        reasons.append(
            f"The gap of {gap:.0f} points needs more than seed 002's {r.delay_weeks.min}–{r.delay_weeks.max} weeks at the typical gain of {rules.study.gain_per_week.typical} a week."
        )
    return Readiness("delay", v.delay.format(weeks=weeks), target, checks, weeks, tuple(reasons))
