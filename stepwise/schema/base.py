"""How a validator reports, the shared block shapes (sourced figures, ranges) and the keys every file shares."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

ExamKey = Literal["step1", "step2ck"]
DEFAULT_EXAM: ExamKey = "step2ck"  # the URL contract's default Step
Tier = Literal["highly_competitive", "moderately_competitive", "primary_care", "community_primary_care"]
Zone = Literal["hard_stop", "middle", "forgiving"]

NonNegative = Annotated[int, Field(ge=0)]
MAX_DELAY_WEEKS = 52  # a delay longer than a year is a new plan, not a delay


# --- how a validator reports --------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """One broken rule inside a block; ``field`` is relative to the block ('max', 'rows[2].percent.min')."""

    field: str
    expected: str
    found: str


class RuleViolation(ValueError):
    """Raised by a validator with every fault it found in its block."""

    def __init__(self, faults: Sequence[Fault]) -> None:
        self.faults = tuple(faults)
        super().__init__("; ".join(f"{f.field}: expected {f.expected}; found {f.found}" for f in self.faults))


def _report(faults: Iterable[Fault]) -> None:
    found = list(faults)
    if found:
        raise RuleViolation(found)


def _num(value: float | None) -> str:
    return "null" if value is None else f"{value:g}"


def _ascending(names: Sequence[str], values: Sequence[float]) -> Iterator[Fault]:
    """Figures that must not fall: quartiles, slow/typical/fast gains."""
    if any(a > b for a, b in itertools.pairwise(values)):
        yield Fault("", " <= ".join(names), " / ".join(_num(v) for v in values))


def _in_order(lo: float | None, hi: float | None, max_above_min: bool) -> Iterator[Fault]:
    if lo is None or hi is None:
        return
    if hi < lo or (max_above_min and hi == lo):
        yield Fault("max", f"{'more than' if max_above_min else 'at least'} min ({_num(lo)})", _num(hi))


def _used_once(field: str, keys: Sequence[str], what: str) -> Iterator[Fault]:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            yield Fault(f"{field}[{i}].{what}", f"a {what} used once", key)
        seen.add(key)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(_Model):
    """A block of figures with where they come from and the date they hold for."""

    source: str = Field(min_length=1)
    as_of: dt.date


# --- ranges: every min/max pair -------------------------------------------------------------


class Range(_Model):
    """Whole numbers from ``min`` to ``max``, both included."""

    min: int
    max: int
    max_above_min: ClassVar[bool] = False  # True: max must be more than min, not equal to it

    @model_validator(mode="after")
    def check_order(self) -> Self:
        _report(_in_order(self.min, self.max, self.max_above_min))
        return self


class WeekRange(Range):
    """A number of weeks, from ``min`` to ``max``."""

    min: NonNegative
    max: NonNegative


class PointRange(Range):
    """A number of score points, from ``min`` to ``max``."""

    min: NonNegative
    max: NonNegative


class FloatRange(_Model):
    """Numbers, not necessarily whole, from ``min`` to ``max``."""

    min: float
    max: float
    max_above_min: ClassVar[bool] = False

    @model_validator(mode="after")
    def check_order(self) -> Self:
        _report(_in_order(self.min, self.max, self.max_above_min))
        return self


class PercentRange(FloatRange):
    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)


class OpenRange(_Model):
    """Whole numbers from ``min`` to ``max``; ``null`` leaves that end open."""

    min: int | None
    max: int | None

    @model_validator(mode="after")
    def check_order(self) -> Self:
        _report(_in_order(self.min, self.max, max_above_min=False))
        return self
