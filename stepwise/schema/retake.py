"""``rules/retake.yaml``."""

from __future__ import annotations

import itertools
from typing import Literal, Self

from pydantic import Field, model_validator

from stepwise.schema.base import MAX_DELAY_WEEKS, Fault, OpenRange, Range, Sourced, WeekRange, _Model, _num, _report, _used_once


class Verdicts(_Model):
    not_permitted: str
    can_make_sense: str
    probably_not: str
    required: str
    not_eligible: str
    not_enough_information: str
    first_attempt: str


class Checklist(Sourced):
    score_at_most: int
    practice_at_least: Range
    practice_min_count: int = Field(ge=1)
    protected_weeks_at_least: WeekRange
    big_jump_points: int = Field(ge=0)
    practice_above_real_points: int = Field(ge=0)
    note_history: str


class OutcomeRow(_Model):
    key: Literal["no_retake", "lower", "similar", "slightly_higher", "big_jump"]
    scenario: str
    reading: str
    delta: OpenRange


class OutcomeReading(Sourced):
    rows: list[OutcomeRow]
    note: str

    @model_validator(mode="after")
    def check_deltas(self) -> Self:
        """Rows with a delta must follow one another without overlap, so a retake falls in one row."""
        ranged = [(i, r.delta) for i, r in enumerate(self.rows) if r.delta.min is not None or r.delta.max is not None]
        faults = list(_used_once("rows", [r.key for r in self.rows], "key"))
        for (_, a), (i, b) in itertools.pairwise(ranged):
            if a.max is None or b.min is None or b.min <= a.max:
                after = "a number" if a.max is None else f"more than {a.max}"
                faults.append(Fault(f"rows[{i}].delta.min", f"{after} (rows in increasing delta, no overlap)", _num(b.min)))
        _report(faults)
        return self


class Steps(Sourced):
    steps: list[str]


class Text(Sourced):
    text: str


class InterviewAdvice(Text):
    """How to answer "I see you retook …" in an interview."""


class Reflection(Text):
    """The question to ask yourself before retaking a pass."""


class DelayWeeks(WeekRange):
    min: int = Field(ge=1, le=MAX_DELAY_WEEKS)
    max: int = Field(ge=1, le=MAX_DELAY_WEEKS)


class SitOrDelay(Sourced):
    delay_weeks: DelayWeeks
    min_consistent_tests: int = Field(ge=1, le=10)
    note: str


ReadinessVerdict = Literal["sit", "delay", "plan", "new_date", "practice_first", "protect_weeks"]
Condition = Literal[
    "date_past",
    "date_forbidden",
    "no_evidence",
    "protected_short",
    "no_date",
    "after_fail",
    "at_aim",
    "weeks_short",
    "weak_practice_soon",
    "unconfirmed",
]
# Rows that must stand, each alone, before any "sit" row: a date past or forbidden, no evidence and too
# few protected weeks can never lead to "sit as planned".
GATES: tuple[Condition, ...] = ("date_past", "date_forbidden", "no_evidence", "protected_short")


class ReadinessRow(Sourced):
    verdict: ReadinessVerdict
    when: list[Condition]
    heading: str
    why: str


class ReadinessTable(_Model):
    """Sit, delay or what to do first: the first row whose conditions all hold decides (docs/decisions.md)."""

    weak_practice_weeks: int = Field(ge=0, le=MAX_DELAY_WEEKS)
    rows: list[ReadinessRow] = Field(min_length=1)

    @model_validator(mode="after")
    def check_rows(self) -> Self:
        faults: list[Fault] = []
        if self.rows[-1].when:
            faults.append(
                Fault(f"rows[{len(self.rows) - 1}].when", "[] (the last row is the fallback: no conditions)", str(self.rows[-1].when))
            )
        first_sit = next((i for i, r in enumerate(self.rows) if r.verdict == "sit"), len(self.rows))
        for gate in GATES:
            if not any(r.when == [gate] and r.verdict != "sit" for r in self.rows[:first_sit]):
                faults.append(Fault("rows", f"a row when: [{gate}] that is not 'sit', before the first 'sit' row", "none"))
        _report(faults)
        return self


class Retake(_Model):
    verdicts: Verdicts
    checklist: Checklist
    outcome_reading: OutcomeReading
    plan_not_retaking: Steps
    interview_advice: InterviewAdvice
    reflection: Reflection
    sit_or_delay: SitOrDelay
    readiness: ReadinessTable
