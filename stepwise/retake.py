"""Should I retake? The USMLE policy gate, seed 003's checklist, and seed 002's sit-or-delay check."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from stepwise.policy import AttemptStatus, attempt_status_of, latest_outcome, passing_standard_on
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


def checklist(rules: Rules, profile: Profile) -> tuple[tuple[Criterion, ...], tuple[Criterion, ...]]:
    """Seed 003's 'strongly consider retaking if' list and its 'probably not' list, criterion by criterion."""
    c = rules.retake.checklist
    sp = rules.specialty(profile.specialty)
    earlier = _practice_scores(rules, profile, before_latest=True)
    items: list[Criterion] = []

    if profile.score is None:
        items.append(Criterion("score", f"Score at or below {c.score_at_most}", "unknown", "no score", "score"))
    else:
        ok = profile.score <= c.score_at_most
        items.append(Criterion("score", f"Score at or below {c.score_at_most}", "met" if ok else "not met", str(profile.score)))

    if sp is None:
        items.append(Criterion("zone", "Specialty still attainable with a big jump (middle zone)", "unknown", "no specialty", "specialty"))
    else:
        items.append(
            Criterion(
                "zone",
                "Specialty still attainable with a big jump (middle zone)",
                "met" if sp.zone == "middle" else "not met",
                f"{sp.name}: {sp.zone.replace('_', ' ')}",
            )
        )

    label = f"Earlier practice tests consistently at or above {c.practice_at_least}–{c.practice_at_least_upper}"
    if len(earlier) < c.practice_min_count:
        state: State = "not met" if earlier and min(earlier) < c.practice_at_least else "unknown"
        shown = ", ".join(f"{s:.0f}" for s in earlier) or "none"
        items.append(
            Criterion("practice", label, state, f"{shown} (needs {c.practice_min_count}+)", None if state != "unknown" else "practice")
        )
    else:
        ok = min(earlier) >= c.practice_at_least
        items.append(Criterion("practice", label, "met" if ok else "not met", ", ".join(f"{s:.0f}" for s in earlier)))

    if profile.weeks is None:
        items.append(
            Criterion(
                "weeks", f"At least {c.protected_weeks_at_least}–{c.protected_weeks_upper} protected weeks", "unknown", "not given", "weeks"
            )
        )
    else:
        ok = profile.weeks >= c.protected_weeks_at_least
        items.append(
            Criterion(
                "weeks",
                f"At least {c.protected_weeks_at_least}–{c.protected_weeks_upper} protected weeks",
                "met" if ok else "not met",
                f"{profile.weeks} weeks",
            )
        )

    if profile.cycle is None:
        items.append(Criterion("cycle", "Not in an active application cycle", "unknown", "not given", "cycle"))
    else:
        items.append(
            Criterion("cycle", "Not in an active application cycle", "not met" if profile.cycle == "applying" else "met", profile.cycle)
        )

    retake = projected_retake_score(rules, profile)
    jump_label = f"A large improvement ({c.big_jump_points}+ points) plausible"
    if retake is None or profile.score is None:
        needs = "score" if profile.score is None else "practice"
        items.append(Criterion("jump", jump_label, "unknown", "no projection", needs))
    else:
        gain = retake - profile.score
        items.append(
            Criterion("jump", jump_label, "met" if gain >= c.big_jump_points else "not met", f"projected {retake:.0f} ({gain:+.0f})")
        )

    nots: list[Criterion] = []
    if profile.cycle is None:
        nots.append(Criterion("same_cycle", "Passed and in the same application cycle", "unknown", "not given", "cycle"))
    else:
        nots.append(
            Criterion(
                "same_cycle", "Passed and in the same application cycle", "met" if profile.cycle == "applying" else "not met", profile.cycle
            )
        )
    if sp is None:
        nots.append(Criterion("forgiving", "Target specialty is forgiving", "unknown", "no specialty", "specialty"))
    else:
        nots.append(
            Criterion(
                "forgiving",
                "Target specialty is forgiving",
                "met" if sp.zone == "forgiving" else "not met",
                f"{sp.name}: {sp.zone.replace('_', ' ')}",
            )
        )
    label = f"Practice tests never much ({c.practice_above_real_points}+) above the real score"
    if not earlier or profile.score is None:
        nots.append(
            Criterion(
                "never_higher",
                label,
                "unknown",
                "no earlier practice tests" if profile.score is not None else "no score",
                "practice" if profile.score is not None else "score",
            )
        )
    else:
        top = max(earlier)
        nots.append(
            Criterion(
                "never_higher",
                label,
                "met" if top - profile.score < c.practice_above_real_points else "not met",
                f"best {top:.0f} vs {profile.score}",
            )
        )
    if profile.weeks is None:
        nots.append(Criterion("no_time", "Cannot carve out dedicated study time", "unknown", "not given", "weeks"))
    else:
        nots.append(
            Criterion(
                "no_time",
                "Cannot carve out dedicated study time",
                "met" if profile.weeks < c.protected_weeks_at_least else "not met",
                f"{profile.weeks} weeks",
            )
        )
    return tuple(items), tuple(nots)


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
    if not (rules.exams.retake_after_pass.allowed or profile.exception):
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
        if row.min_delta is None and row.max_delta is None:
            continue
        if (row.min_delta is None or delta >= row.min_delta) and (row.max_delta is None or delta <= row.max_delta):
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
    weeks = max(r.delay_weeks_min, math.ceil(gap / rules.study.gain_per_week.typical - 1e-9))
    reasons = [f"{c.label}: not met ({c.value})." for c in checks if c.state != "met"]
    if weeks > r.delay_weeks_max:
        reasons.append(
            f"The gap of {gap:.0f} points needs more than seed 002's {r.delay_weeks_min}–{r.delay_weeks_max} weeks at the typical gain of {rules.study.gain_per_week.typical} a week."
        )
    return Readiness("delay", v.delay.format(weeks=weeks), target, checks, weeks, tuple(reasons))
