"""The student's profile, read from (and written to) the URL query parameters.

The query parameters are the app's public interface (``docs/url-contract.md``). :func:`parse_profile` never raises: a value it cannot read is left out and a
:class:`Notice` names the parameter and says why.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

from stepwise.rules import Rules
from stepwise.schema import DEFAULT_EXAM, ExamKey

Exam = ExamKey
Cycle = Literal["none", "applying", "reapplying"]

# Streamlit's own parameters, left alone.
_FRAMEWORK_PARAMS = frozenset({"embed", "embed_options"})
_MAX_UNKNOWN_REPORTED = 5

# ASCII digits only: a link is typed or pasted, and Python's \d would read other scripts' digits too.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT = re.compile(r"[0-9]{1,12}")
_PRACTICE = re.compile(r"([a-z0-9]{1,20}):([0-9]{1,3}(?:\.[0-9]{1,2})?)@([0-9]{4}-[0-9]{2}-[0-9]{2})")


@dataclass(frozen=True)
class PracticeTest:
    form: str
    score: float
    taken: dt.date

    def to_param(self) -> str:
        score = int(self.score) if float(self.score).is_integer() else self.score
        return f"{self.form}:{score}@{self.taken.isoformat()}"


@dataclass(frozen=True)
class Notice:
    param: str
    message: str

    def __str__(self) -> str:
        return f"`{self.param}`: {self.message}"


@dataclass(frozen=True)
class Profile:
    today: dt.date
    exam: Exam = DEFAULT_EXAM
    score: int | None = None
    result: Literal["pass", "fail"] | None = None
    attempts: tuple[dt.date, ...] = ()
    prior_fails: int | None = None
    specialty: str | None = None
    practice: tuple[PracticeTest, ...] = ()
    exam_date: dt.date | None = None
    weeks: int | None = None
    cycle: Cycle | None = None
    exception: bool | None = None
    today_pinned: bool = False

    @property
    def latest_attempt(self) -> dt.date | None:
        return max(self.attempts) if self.attempts else None

    @property
    def attempts_used(self) -> int:
        """Attempts at this Step: the dates given, or one when only a result is known."""
        if self.attempts:
            return len(self.attempts)
        return 1 if (self.score is not None or self.result is not None) else 0


@dataclass(frozen=True)
class ParsedProfile:
    profile: Profile
    notices: tuple[Notice, ...] = field(default=())


def shown(value: str, limit: int = 40) -> str:
    """A short, printable rendering of a value from the URL for a message (never markup)."""
    clean = "".join(ch if ch.isprintable() and unicodedata.category(ch)[0] != "C" else "?" for ch in value)
    clean = re.sub(r"[^\w\s@:.,+-]", "?", clean)
    return (clean[:limit] + "…") if len(clean) > limit else clean


def _date(raw: str, rules: Rules) -> dt.date | str:
    """A date, or the reason it is not one."""
    if not _DATE.fullmatch(raw):
        return "is not a date in the form YYYY-MM-DD"
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return "is not a real calendar date"
    lim = rules.exams.input_limits
    if not lim.earliest_date <= day <= lim.latest_date:
        return f"is outside {lim.earliest_date.year}–{lim.latest_date.year}"
    return day


def _int(raw: str, low: int, high: int) -> int | str:
    if re.fullmatch(r"-[0-9]{1,6}", raw):
        return f"is below {low}"
    if not _INT.fullmatch(raw):
        return "is not a whole number"
    value = int(raw)
    if not low <= value <= high:
        return f"is outside {low}–{high}"
    return value


def _raw(params: Mapping[str, str | Sequence[str]], max_chars: int, notices: list[Notice]) -> dict[str, str]:
    """Each contract parameter's text (the last of repeats, trimmed, not too long); the rest named in notices."""
    raw: dict[str, str] = {}
    unknown: list[str] = []
    for key, value in params.items():
        if isinstance(value, str):
            text = value
        elif isinstance(value, Sequence) and value and all(isinstance(v, str) for v in value):
            text = value[-1]
            if len(value) > 1 and key in PARAMS:
                notices.append(Notice(key, f"appears {len(value)} times in the link; only the last one is used."))
        else:
            text = ""
        if key not in PARAMS:
            if key not in _FRAMEWORK_PARAMS:
                unknown.append(key)
            continue
        text = text.strip()
        if len(text) > max_chars:
            notices.append(Notice(key, f"is {len(text):,} characters long (at most {max_chars:,}); ignored."))
            continue
        if text:
            raw[key] = text
    for key in unknown[:_MAX_UNKNOWN_REPORTED]:
        notices.append(Notice(shown(key, 30), "is not a StepWise parameter; ignored."))
    if len(unknown) > _MAX_UNKNOWN_REPORTED:
        notices.append(Notice("…", f"{len(unknown) - _MAX_UNKNOWN_REPORTED} more unknown parameters ignored."))
    return raw


def parse_profile(params: Mapping[str, str | Sequence[str]], rules: Rules, today: dt.date) -> ParsedProfile:
    """Read every URL-contract parameter; ignore what cannot be read, with a notice each."""
    notices: list[Notice] = []
    lim = rules.exams.input_limits
    raw = _raw(params, lim.max_param_chars, notices)

    def bad(key: str, why: str) -> None:
        notices.append(Notice(key, f"'{shown(raw[key])}' {why}; ignored."))

    # today first: everything else is judged against it.
    p = Profile(today=today)
    if "today" in raw:
        got = _date(raw["today"], rules)
        if isinstance(got, str):
            bad("today", got + " (using the real date)")
        else:
            p = replace(p, today=got, today_pinned=True)
    today = p.today

    # Parameters with a fixed set of values: the URL text and the profile value for each.
    choices: dict[str, dict[str, object]] = {
        "exam": {key: key for key in get_args(ExamKey)},
        "result": {"pass": "pass", "fail": "fail"},
        "cycle": {"none": "none", "applying": "applying", "reapplying": "reapplying"},
        "exception": {"yes": True, "no": False},
    }
    updates: dict[str, Any] = {}  # typed per field by Profile itself; collected, then applied once
    for key, options in choices.items():
        if key in raw:
            if raw[key] in options:
                updates[key] = options[raw[key]]
            else:
                bad(
                    key, "is not " + " or ".join(", ".join(options).rsplit(", ", 1)) + (f" (using {DEFAULT_EXAM})" if key == "exam" else "")
                )
    scale = rules.exams.score_scale
    whole = {"score": (scale.min, scale.max), "prior_fails": (0, lim.max_prior_fails), "weeks": (0, lim.max_weeks)}
    for key, (low, high) in whole.items():
        if key in raw:
            got_i = _int(raw[key], low, high)
            if isinstance(got_i, str):
                bad(key, got_i.replace("is outside", "is outside the three-digit scale") if key == "score" else got_i)
            else:
                updates[key] = got_i
    p = replace(p, **updates)
    if "specialty" in raw:
        if rules.specialty(raw["specialty"]) is None:
            bad("specialty", "is not a specialty StepWise knows")
        else:
            p = replace(p, specialty=raw["specialty"])
    if "exam_date" in raw:
        got_d = _date(raw["exam_date"], rules)
        if isinstance(got_d, str):
            bad("exam_date", got_d)
        elif got_d > today + dt.timedelta(weeks=lim.max_weeks):
            bad("exam_date", f"is more than {lim.max_weeks} weeks after {today} (check the year)")
        else:
            p = replace(p, exam_date=got_d)
    if "attempts" in raw:
        p = replace(p, attempts=_attempts(raw["attempts"], rules, today, notices))
    if "practice" in raw:
        p = replace(p, practice=_practice(raw["practice"], rules, p, notices))
    return ParsedProfile(p, tuple(notices))


def _attempts(text: str, rules: Rules, today: dt.date, notices: list[Notice]) -> tuple[dt.date, ...]:
    most = max([rules.exams.attempt_policy.max_attempts] + [h.max_attempts for h in rules.exams.attempt_policy.limit_history])
    items = [t.strip() for t in text.split(",") if t.strip()]
    if len(items) > most:
        notices.append(Notice("attempts", f"lists {len(items)} dates; no Step has ever allowed more than {most} attempts; ignored."))
        return ()
    days: set[dt.date] = set()
    for item in items:
        got = _date(item, rules)
        if isinstance(got, str):
            notices.append(Notice("attempts", f"'{shown(item)}' {got}; that date is ignored."))
        elif got > today:
            notices.append(Notice("attempts", f"{got} is after today ({today}); a planned sitting belongs in exam_date; ignored."))
        elif got in days:
            notices.append(Notice("attempts", f"{got} is listed twice; counted once."))
        else:
            days.add(got)
    return tuple(sorted(days))


def _practice(text: str, rules: Rules, p: Profile, notices: list[Notice]) -> tuple[PracticeTest, ...]:
    limit = rules.exams.input_limits.max_practice_tests
    items = [t.strip() for t in text.split(",") if t.strip()]
    if len(items) > limit:
        notices.append(Notice("practice", f"lists {len(items)} tests; only the first {limit} are read."))
        items = items[:limit]
    out: list[PracticeTest] = []
    for n, item in enumerate(items, start=1):
        where = f"test {n} ('{shown(item)}')"
        m = _PRACTICE.fullmatch(item.lower())
        if not m:
            notices.append(Notice("practice", f"{where} is not form:score@YYYY-MM-DD; ignored."))
            continue
        key, score_text, date_text = m.groups()
        form = rules.form(key)
        if form is None:
            notices.append(Notice("practice", f"{where}: '{key}' is not a form StepWise knows; ignored."))
            continue
        if form.exam != p.exam:
            exam_name = rules.step(p.exam).name
            notices.append(Notice("practice", f"{where}: {form.name} is a {rules.step(form.exam).name} form, not {exam_name}; ignored."))
            continue
        score = float(score_text)
        if not form.scores.min <= score <= form.scores.max:
            unit = "percent" if form.unit == "percent" else "points"
            notices.append(
                Notice("practice", f"{where}: {score:g} is outside {form.name}'s {form.scores.min:g}–{form.scores.max:g} {unit}; ignored.")
            )
            continue
        taken = _date(date_text, rules)
        if isinstance(taken, str):
            notices.append(Notice("practice", f"{where}: the date {taken}; ignored."))
            continue
        if taken > p.today:
            notices.append(Notice("practice", f"{where}: {taken} is after today ({p.today}); ignored."))
            continue
        if p.exam_date is not None and taken > p.exam_date:
            notices.append(Notice("practice", f"{where}: {taken} is after the exam date {p.exam_date}; ignored."))
            continue
        out.append(PracticeTest(key, score, taken))
    return tuple(sorted(out, key=lambda t: t.taken))


# --- the codec: each parameter's widget value, URL text and label, in one table ------------------


def _text(v: Any) -> str | None:
    return None if v in (None, "") else str(v).strip() or None


def _day(v: Any) -> str | None:
    return v.isoformat() if isinstance(v, dt.date) else None


def _num(v: Any) -> str | None:
    return None if v is None else str(int(v))


@dataclass(frozen=True)
class Field:
    """One URL-contract parameter: how a profile shows it in a form, how a form's value becomes the
    link's text, and its label. A profile's link text is ``encode(value(profile))``: the form and the
    link can never write a parameter two ways."""

    param: str
    label: str
    value: Callable[[Profile], Any]  # the profile's value as a form widget holds it
    encode: Callable[[Any], str | None]  # a widget value as the link's text; None leaves the parameter out
    in_form: bool = True  # in the Change details form (the practice tests have their own on the projection page)

    @property
    def key(self) -> str:
        """The form widget's key."""
        return f"in_{self.param}"

    def link_text(self, profile: Profile) -> str | None:
        return self.encode(self.value(profile))


FIELDS: tuple[Field, ...] = (
    Field("exam", "Exam of the latest result", lambda p: p.exam, lambda v: v or DEFAULT_EXAM),  # links always carry the Step
    Field("score", "Latest score (three-digit)", lambda p: p.score, _num),
    Field("result", "Result, if there is no score", lambda p: p.result, _text),
    Field(
        "attempts",
        "Attempt dates at this Step",
        lambda p: ", ".join(d.isoformat() for d in p.attempts),
        lambda v: _text(re.sub(r"\s+", "", v or "")),
    ),
    Field("prior_fails", "Failed attempts at other Steps", lambda p: p.prior_fails, _num),
    Field("specialty", "Target specialty", lambda p: p.specialty, _text),
    Field("practice", "Practice tests", lambda p: ",".join(t.to_param() for t in p.practice), _text, in_form=False),
    Field("exam_date", "Planned exam date", lambda p: p.exam_date, _day),
    Field("weeks", "Protected study weeks available", lambda p: p.weeks, _num),
    Field("cycle", "Application cycle", lambda p: p.cycle, _text),
    Field(
        "exception",
        "A USMLE retake exception applies to me",
        lambda p: None if p.exception is None else ("yes" if p.exception else "no"),
        _text,
    ),
    Field("today", "Compute as of (optional)", lambda p: p.today if p.today_pinned else None, _day),
)
PARAMS = tuple(f.param for f in FIELDS)  # the URL contract, in its order (docs/url-contract.md)


def to_query(profile: Profile, *, pin_today: bool = False) -> dict[str, str]:
    """The profile as URL-contract parameters, in contract order; empty fields left out."""
    if pin_today:
        profile = replace(profile, today_pinned=True)
    return {f.param: text for f in FIELDS if (text := f.link_text(profile)) is not None}


def practice_with(profile: Profile, added: PracticeTest | None = None, removed: int | None = None) -> str | None:
    """The ``practice`` parameter after adding a test or removing the ``removed``-th one (0-based, by date).

    What is written is judged again by the parser, so a test added on the page and one typed into
    a link meet the same rules (and the same notices).
    """
    tests = [t for i, t in enumerate(profile.practice) if i != removed]
    if added is not None:
        tests.append(added)
    tests.sort(key=lambda t: t.taken)
    return ",".join(t.to_param() for t in tests) or None
