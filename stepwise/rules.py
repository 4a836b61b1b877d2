"""The rules and benchmark files in ``rules/``: loading, validation, the checks across files.

Every figure carries ``source`` and ``as_of``. The schema, and the checks within one file, live in
:mod:`stepwise.schema`. Loading reads and validates every file, then runs the checks that span two
files over the files that validated, and reports every fault at once: one :class:`Problem` (file,
field, expected, found) each, and no :class:`Rules` object, so no page ever runs on broken rules.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from stepwise.schema import (
    ARTICLE_FILE,
    RULE_MODELS,
    Articles,
    Calendar,
    Exams,
    Form,
    PracticeTests,
    Retake,
    RuleViolation,
    Sourced,
    Specialties,
    Specialty,
    Step,
    Study,
    Targets,
    TierTarget,
)

RULES_ENV = "STEPWISE_RULES_DIR"
DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
RULE_FILES = tuple(RULE_MODELS)


# --- the whole set --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    exams: Exams
    specialties: Specialties
    targets: Targets
    retake: Retake
    study: Study
    practice_tests: PracticeTests
    calendar: Calendar
    articles: Articles
    folder: str

    def specialty(self, slug: str | None) -> Specialty | None:
        return next((s for s in self.specialties.specialties if s.slug == slug), None)

    def tier(self, key: str) -> TierTarget:
        return next(t for t in self.targets.tiers if t.key == key)

    def form(self, key: str) -> Form | None:
        return next((f for f in self.practice_tests.forms if f.key == key), None)

    def step(self, exam: str) -> Step:
        return self.exams.steps[exam]  # type: ignore[index]


@dataclass(frozen=True)
class Problem:
    """One fault in one rules file, phrased for the person who edits that file."""

    file: str
    field: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: expected {self.expected}; found {self.found}"


class RulesInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def rules_dir() -> Path:
    """The rules folder: ``$STEPWISE_RULES_DIR`` (a school's own copy) or the bundled one."""
    return Path(os.environ.get(RULES_ENV) or DEFAULT_RULES_DIR)


# --- reading a file -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Duplicate:
    key: str
    line: int
    column: int
    first_line: int


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys without a word; this loader notes every repeat."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[_Duplicate] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *anchor` may legitimately be overridden by the keys next to it
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                continue  # the base constructor reports unhashable keys
            line = key_node.start_mark.line + 1
            if key in first:
                self.duplicates.append(_Duplicate(str(key), line, key_node.start_mark.column + 1, first[key]))
            else:
                first[key] = line
        return super().construct_mapping(node, deep=deep)


def _shown(value: Any, limit: int = 80) -> str:
    """A value as it would be written in YAML, shortened."""
    if isinstance(value, str):
        text = f"'{value}'"
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, (dict, list)):
        try:
            text = yaml.safe_dump(value, default_flow_style=True, width=10_000, sort_keys=False).strip()
        except yaml.YAMLError:
            text = str(value)
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_KINDS = {type(None): "an empty file", list: "a list", str: "a single value"}


def _read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """The file's data (None if unreadable) and its problems: missing, not UTF-8, bad YAML, repeated keys."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "(file)", f"a file named {name} in the rules folder", "no such file")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, "(file)", "a readable UTF-8 text file", type(exc).__name__)]
    loader = _UniqueKeyLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        problem = str(getattr(exc, "problem", None) or exc)
        return None, [Problem(name, where, "valid YAML", problem.removeprefix("found "))]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, [Problem(name, "(top level)", "a mapping of fields", _KINDS.get(type(data), type(data).__name__))]
    repeats = [
        Problem(name, f"line {d.line}, column {d.column}", "each key once", f"{d.key} a second time (first on line {d.first_line})")
        for d in loader.duplicates
    ]
    return data, repeats


# --- turning pydantic's errors into problems ------------------------------------------------


def _loc(parts: tuple[int | str, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _joined(base: str, sub: str) -> str:
    if not sub:
        return base or "(top level)"
    if not base or sub.startswith("["):
        return base + sub
    return f"{base}.{sub}"


_WORDS = (("greater than or equal to ", "at least "), ("less than or equal to ", "at most "), ("greater than ", "more than "))


def _plain(message: str) -> str:
    """Pydantic's message as the expected half of a problem: 'Input should be greater than or equal to 1' -> 'at least 1'."""
    text = message.removeprefix("Input should be ").removeprefix("Value error, ")
    for theirs, ours in _WORDS:
        text = text.replace(theirs, ours)
    return text


def _problems_from(file: str, err: ValidationError) -> list[Problem]:
    problems = []
    for e in err.errors(include_url=False):
        where = _loc(e["loc"])
        violation = (e.get("ctx") or {}).get("error")
        if isinstance(violation, RuleViolation):
            problems += [Problem(file, _joined(where, f.field), f.expected, f.found) for f in violation.faults]
            continue
        if e["type"] == "missing":
            expected, found = "this field", "nothing"
        elif e["type"] == "extra_forbidden":
            expected, found = "no such field (check its spelling)", _shown(e.get("input"))
        else:
            expected, found = _plain(e["msg"]), _shown(e.get("input"))
        problems.append(Problem(file, _joined(where, ""), expected, found))
    return problems


# --- checks across files --------------------------------------------------------------------


@dataclass
class _Validated:
    """The files that passed their own schema; the checks across files look only at these."""

    exams: Exams | None = None
    specialties: Specialties | None = None
    targets: Targets | None = None
    retake: Retake | None = None
    study: Study | None = None
    practice_tests: PracticeTests | None = None
    calendar: Calendar | None = None
    articles: Articles | None = None

    def complete(self, folder: str) -> Rules | None:
        files = (self.exams, self.specialties, self.targets, self.retake, self.study, self.practice_tests, self.calendar, self.articles)
        if all(files):
            return Rules(*files, folder)  # type: ignore[arg-type]
        return None


def _on_scale(exams: Exams, file: str, field: str, score: float) -> Iterator[Problem]:
    scale = exams.score_scale
    if not scale.min <= score <= scale.max:
        yield Problem(file, field, f"a score within the score scale {scale.min}–{scale.max} (exams.yaml)", f"{score:g}")


def cross_file_problems(v: _Validated) -> list[Problem]:
    """Checks that tie one file to another: tiers named in specialties.yaml exist in targets.yaml;
    targets, retake thresholds and three-digit practice forms sit on the score scale of exams.yaml."""
    out: list[Problem] = []
    if v.specialties and v.targets:
        tiers = sorted({t.key for t in v.targets.tiers})
        for i, sp in enumerate(v.specialties.specialties):
            if sp.tier not in tiers:
                out.append(
                    Problem("specialties.yaml", f"specialties[{i}].tier", f"a tier listed in targets.yaml ({', '.join(tiers)})", sp.tier)
                )
    if v.exams and v.targets:
        for i, t in enumerate(v.targets.tiers):
            out += _on_scale(v.exams, "targets.yaml", f"tiers[{i}].target", t.target)
    if v.exams and v.retake:
        c = v.retake.checklist
        out += _on_scale(v.exams, "retake.yaml", "checklist.score_at_most", c.score_at_most)
        out += _on_scale(v.exams, "retake.yaml", "checklist.practice_at_least.min", c.practice_at_least.min)
        out += _on_scale(v.exams, "retake.yaml", "checklist.practice_at_least.max", c.practice_at_least.max)
    if v.exams and v.practice_tests:
        for i, f in enumerate(v.practice_tests.forms):
            if f.unit == "three_digit":
                out += _on_scale(v.exams, "practice_tests.yaml", f"forms[{i}].scores.min", f.scores.min)
                out += _on_scale(v.exams, "practice_tests.yaml", f"forms[{i}].scores.max", f.scores.max)
    if v.articles:
        out += _unlisted_articles(v)
    return out


def _unlisted_articles(v: _Validated) -> Iterator[Problem]:
    """Every article file a source names is listed in articles.yaml, so screens can cite it by title."""
    assert v.articles is not None
    listed = set(v.articles.articles)
    for stem in RULE_FILES:
        model = getattr(v, stem)
        if model is None or stem == "articles":
            continue
        named: list[tuple[str, str]] = [(f"{path}.source" if path else "source", block.source) for path, block in iter_sourced(model)]
        if isinstance(model, Exams):
            named += [(f"seed_corrections[{i}].seed", c.seed) for i, c in enumerate(model.seed_corrections)]
        if isinstance(model, Specialties):
            named.append(("classification_source", model.classification_source))
        for field, text in named:
            for name in _ARTICLE_IN_TEXT.findall(text):
                if name not in listed:
                    yield Problem(f"{stem}.yaml", field, "an article file listed in articles.yaml", name)


_ARTICLE_IN_TEXT = re.compile(ARTICLE_FILE)


# --- loading --------------------------------------------------------------------------------


def load_rules(folder: Path | str | None = None) -> Rules:
    """Read and validate every rules file, then check them against one another.

    Every file is read and validated even when an earlier one failed, and the checks across files
    run over the files that validated; :class:`RulesInvalid` then carries every problem found.
    """
    base = Path(folder) if folder is not None else rules_dir()
    validated = _Validated()
    problems: list[Problem] = []
    for stem, model in RULE_MODELS.items():
        data, found = _read_yaml(base / f"{stem}.yaml")
        problems += found
        if data is None:
            continue
        try:
            parsed = model.model_validate(data)
        except ValidationError as err:
            problems += _problems_from(f"{stem}.yaml", err)
            continue
        if not found:  # a file with a repeated key is ambiguous: checked, but not used
            setattr(validated, stem, parsed)
    problems += cross_file_problems(validated)
    rules = validated.complete(str(base))
    if problems or rules is None:
        raise RulesInvalid(problems)
    return rules


def iter_sourced(obj: Any, path: str = "") -> Iterator[tuple[str, Sourced]]:
    """Every block of figures with its dotted path, for the sources page."""
    if isinstance(obj, Sourced):
        yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_sourced(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            label = getattr(item, "slug", None) or getattr(item, "key", None) or str(i)
            yield from iter_sourced(item, f"{path}[{label}]")
    elif isinstance(obj, dict):
        for k, item in obj.items():
            yield from iter_sourced(item, f"{path}.{k}")
