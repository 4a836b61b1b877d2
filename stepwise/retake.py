"""Should I retake? The USMLE policy gate, then the low-pass checklist where a retake is permitted.

The checklist, its "probably not" conditions and the outcome reading come from Residency
Advisor's "Do I Need to Retake Step 2 CK If I Barely Passed?" (2026-01-06), as kept in
``rules/retake.yaml``; they are about Step 2 CK and are never applied to Step 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from stepwise.policy import AttemptStatus, Standing, passing_standard_on, retake_after_pass_allowed
from stepwise.practice import AdjustedTest
from stepwise.profile import Profile
from stepwise.projection import Projection
from stepwise.registry import PROJECTION
from stepwise.rules import Rules
from stepwise.schema import OutcomeRow

State = Literal["met", "not met", "unknown"]
VerdictKey = Literal[
    "not_permitted", "can_make_sense", "probably_not", "required", "not_eligible", "not_enough_information", "first_attempt"
]

# Where each input is entered, for "what is missing".
WHERE = {
    "score": "Change details at the top of the page",
    "specialty": "Change details at the top of the page",
    "weeks": "Change details at the top of the page",
    "cycle": "Change details at the top of the page",
    "score or result": "Change details at the top of the page",
    "practice": f"{PROJECTION.words} (a practice test taken since your exam)",
}


def where_to_enter(missing: tuple[str, ...]) -> str:
    """'score and specialty with Change details …; practice on the Projection page …', grouped by place."""
    places: dict[str, list[str]] = {}
    for m in missing:
        places.setdefault(WHERE.get(m, WHERE["score"]), []).append(m)
    return "; ".join(f"{' and '.join(ms)}: {place}" for place, ms in places.items())


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    state: State
    value: str
    needs: str | None = None  # the input that would decide an unknown criterion


@dataclass(frozen=True)
class Decision:
    key: VerdictKey
    heading: str
    permitted: bool  # a further attempt at this Step is allowed
    reasons: tuple[str, ...]
    checklist: tuple[Criterion, ...]  # empty where it does not apply
    probably_not: tuple[Criterion, ...]
    missing: tuple[str, ...]


def judged(key: str, label: str, ok: bool | None, shown: str, needs: str) -> Criterion:
    """A criterion met or not met, or unknown (``ok`` is None) naming the input that would decide it."""
    if ok is None:
        return Criterion(key, label, "unknown", shown, needs)
    return Criterion(key, label, "met" if ok else "not met", shown)


_ZONE_WORDS = {"hard_stop": "few programs forgive a low score", "middle": "a big jump can still change things", "forgiving": "forgiving"}
_CYCLE_WORDS = {"none": "not applying now", "applying": "applying this cycle", "reapplying": "a gap or re-application year"}


def _jump(rules: Rules, score: int | None, retake_score: float | None, earlier: list[float]) -> tuple[bool | None, str]:
    """Is a big jump plausible? The projection on the chosen date says; with no test since the exam, the article's
    own evidence does: practice before it that read 10-15+ above the real score (a test-day problem a retake can fix)."""
    c = rules.retake.checklist
    if retake_score is not None and score is not None:
        gain = retake_score - score
        return gain >= c.big_jump_points, f"projected {retake_score:.0f} ({gain:+.0f})"
    gap_rule = rules.practice_tests.test_day_gap.points
    above = min(earlier) - score if earlier and score is not None else None
    if above is not None and above >= gap_rule.min:
        return True, (
            f"every practice test before your exam read at least {above:.0f} above your {score}: the article reads a gap of "
            f"{gap_rule.min}–{gap_rule.max}+ as a test-day problem, which a retake can fix"
        )
    return None, "no projection yet"


def checklist(
    rules: Rules, profile: Profile, score: int | None, projection: Projection | None, retake_score: float | None
) -> tuple[tuple[Criterion, ...], tuple[Criterion, ...]]:
    """The article's "consider retaking only if" list and its "probably not" list, criterion by criterion."""
    c = rules.retake.checklist
    sp = rules.specialty(profile.specialty)
    history = projection.history if projection is not None else ()
    earlier = [t.adjusted for t in history]
    weeks, cycle = profile.weeks, profile.cycle
    zone = f"{sp.name}: {_ZONE_WORDS[sp.zone]}" if sp else "no specialty chosen"
    scores = ", ".join(_shown(t) for t in history) or "none entered"
    enough_tests = len(earlier) >= c.practice_min_count
    # Too few tests decide only when one of them is already below the bar.
    practice_ok = (
        (min(earlier) >= c.practice_at_least.min)
        if enough_tests
        else (False if earlier and min(earlier) < c.practice_at_least.min else None)
    )
    jump_ok, jump_value = _jump(rules, score, retake_score, earlier if enough_tests else [])
    cycle_text = _CYCLE_WORDS.get(cycle or "", "not given")
    items = (
        judged(
            "score", f"Your score is {c.score_at_most} or lower", None if score is None else score <= c.score_at_most, str(score), "score"
        ),
        judged(
            "zone",
            "Your specialty is one where a big jump can still change things",
            None if sp is None else sp.zone == "middle",
            zone,
            "specialty",
        ),
        judged(
            "practice",
            f"Your practice tests before the exam were consistently {c.practice_at_least.min}–{c.practice_at_least.max} or higher",
            practice_ok,
            scores if enough_tests or not earlier else f"{scores} (at least {c.practice_min_count} tests decide this)",
            "practice",
        ),
        judged(
            "weeks",
            f"You have {c.protected_weeks_at_least.min}–{c.protected_weeks_at_least.max} protected weeks to study",
            None if weeks is None else weeks >= c.protected_weeks_at_least.min,
            f"{weeks} weeks" if weeks is not None else "not given",
            "weeks",
        ),
        judged(
            "cycle",
            "You are not in the middle of an application cycle",
            None if cycle is None else cycle != "applying",
            cycle_text,
            "cycle",
        ),
        judged(
            "jump",
            f"A large improvement ({c.big_jump_points}+ points) looks plausible",
            jump_ok,
            jump_value,
            "practice",
        ),
    )
    top = max(earlier) if earlier else None
    nots = (
        judged("same_cycle", "You are applying in this cycle", None if cycle is None else cycle == "applying", cycle_text, "cycle"),
        judged("forgiving", "Your specialty is forgiving of a low pass", None if sp is None else sp.zone == "forgiving", zone, "specialty"),
        judged(
            "never_higher",
            f"Your real score matched your practice tests (none {c.practice_above_real_points}+ points higher)",
            None if top is None or score is None else top - score < c.practice_above_real_points,
            f"best {top:.0f} against {score}" if top is not None and score is not None else "no earlier practice tests",
            "practice",
        ),
        judged(
            "no_time",
            "You cannot set aside dedicated study time",
            None if weeks is None else weeks < c.protected_weeks_at_least.min,
            f"{weeks} weeks" if weeks is not None else "not given",
            "weeks",
        ),
    )
    return items, nots


def _shown(t: AdjustedTest) -> str:
    """A practice score as counted, with the reason when the form's offset changed it."""
    printed = t.test.score
    if not t.three_digit or round(t.adjusted) == round(printed):
        return f"{t.adjusted:.0f}"
    way = "high" if printed > t.adjusted else "low"
    return f"{t.form_name} {printed:g} counted as {t.adjusted:.0f} (this form reads about {abs(printed - t.adjusted):.0f} {way})"


def judged_text(rules: Rules, profile: Profile, standing: Standing) -> str | None:
    """Why the latest score is a pass or a fail: the standard in force on its date, and today's if it differs."""
    std, score = standing.standard, standing.score
    if std is None or score is None or standing.outcome is None or not standing.dated:
        return None
    word = "a pass" if standing.outcome == "pass" else "a fail"
    text = f"Your {score} on {profile.latest_attempt} was judged against the {std.score} standard in force then: {word}."
    now = passing_standard_on(rules, profile.exam, profile.today)
    if now.score != std.score:
        text += f" (The standard has been {now.score} since {now.start}.)"
    return text


def decide(
    rules: Rules,
    profile: Profile,
    standing: Standing,
    status: AttemptStatus | None,
    projection: Projection | None,
    retake_score: float | None,
) -> Decision:
    """The verdict with its reasons. Labels come from ``retake.yaml: verdicts``."""
    v = rules.retake.verdicts
    name = rules.step(profile.exam).name

    def made(key: VerdictKey, reasons: list[str], permitted: bool, items: tuple[Criterion, ...] = (), nots: tuple[Criterion, ...] = (), missing: tuple[str, ...] = ()) -> Decision:  # fmt: skip
        return Decision(key, getattr(v, key), permitted, (*([why] if why else []), *reasons), items, nots, missing)

    why = judged_text(rules, profile, standing)

    if standing.outcome is None and not profile.attempts and profile.score is None:
        return made(
            "first_attempt",
            [f"You have not taken {name} yet, so there is nothing to retake."],
            True,
        )
    if standing.outcome is None:
        return made(
            "not_enough_information",
            [
                f"Enter your latest {name} score, or whether it was a pass or a fail, to apply the rules.",
            ],
            False,
            missing=("score or result",),
        )
    if standing.outcome == "fail":
        assert status is not None
        if not status.eligible:
            return made("not_eligible", list(status.reasons), False)
        left = f"{status.left} of {status.limit} attempts left"
        when = (
            f"; the next is permitted from {status.earliest_next}" if status.earliest_next and status.earliest_next > profile.today else ""
        )
        return made("required", [f"A failed {name} must be passed to go on.", f"{left}{when}.", *status.reasons], True)
    if not retake_after_pass_allowed(rules, profile.exception):
        rap = rules.exams.retake_after_pass
        return made("not_permitted", [rap.summary], False)
    licence = "If your exception is a licensing authority's time limit, the retake is needed for your licence whatever this says."
    if not rules.step(profile.exam).capabilities.low_pass_checklist:
        return made(
            "probably_not",
            [f"{name} is reported as pass or fail: a retake cannot show programs anything a pass does not.", licence],
            True,
        )
    if status is not None and not status.eligible:
        return made("not_eligible", list(status.reasons), False)
    items, nots = checklist(rules, profile, standing.score, projection, retake_score)
    hits = [n for n in nots if n.state == "met"]
    if hits:
        return made("probably_not", [*(f"{n.label} ({n.value})." for n in hits), licence], True, items, nots)
    misses = [i for i in items if i.state == "not met"]
    if misses:
        reasons = [f"Not met: {i.label[0].lower() + i.label[1:]} ({i.value})." for i in misses]
        return made("probably_not", [*reasons, licence], True, items, nots)
    unknown = [i for i in items + nots if i.state == "unknown"]
    if unknown:
        missing = tuple(dict.fromkeys(i.needs or i.key for i in unknown))
        return made(
            "not_enough_information",
            ["Everything entered so far points toward a retake; these would decide the rest: " + where_to_enter(missing) + "."],
            True,
            items,
            nots,
            missing,
        )
    return made("can_make_sense", ["Every condition for a retake holds, and none of the reasons against it."], True, items, nots)


def outcome_row(rules: Rules, score: int | None, retake_score: float | None) -> OutcomeRow | None:
    """The row of the outcome-reading table the projected retake falls in (by points over the current score)."""
    if retake_score is None or score is None:
        return None
    delta = round(retake_score - score)
    for row in rules.retake.outcome_reading.rows:
        if row.delta.min is None and row.delta.max is None:
            continue
        if (row.delta.min is None or delta >= row.delta.min) and (row.delta.max is None or delta <= row.delta.max):
            return row
    return None
