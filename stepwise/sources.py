"""Every rule and figure in force with its source and date, flagged when stale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stepwise.rules import Rules, Sourced, iter_sourced

_FILES = ("exams", "specialties", "targets", "retake", "study", "practice_tests", "calendar")


@dataclass(frozen=True)
class SourceRow:
    file: str
    rule: str
    figures: str
    source: str
    as_of: dt.date
    age_days: int
    stale: bool


def _figures(block: Sourced, limit: int = 160) -> str:
    data = block.model_dump(exclude={"source", "as_of"}, exclude_none=True)
    parts = []
    for k, v in data.items():
        if isinstance(v, dict) and set(v) == {"min", "max"}:  # a range: '3–4', as the pages write it
            v = "–".join("open" if end is None else f"{end:g}" for end in (v["min"], v["max"]))
        elif isinstance(v, (list, dict)):
            v = f"{len(v)} entries" if len(str(v)) > 60 else v
        parts.append(f"{k}: {v}")
    text = "; ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def source_rows(rules: Rules, today: dt.date) -> list[SourceRow]:
    """One row per block of figures; older than ``display.stale_after_days`` is stale."""
    limit = rules.exams.display.stale_after_days
    rows = []
    for stem in _FILES:
        for path, block in iter_sourced(getattr(rules, stem)):
            age = (today - block.as_of).days
            rows.append(SourceRow(f"{stem}.yaml", path, _figures(block), block.source, block.as_of, age, age > limit))
    return rows
