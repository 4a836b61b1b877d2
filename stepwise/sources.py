"""Where every figure comes from, in words a user can follow.

:func:`cite` turns a ``source`` string from ``rules/`` into a citation: an article file name
becomes its title, publisher and date (``articles.yaml``); a web address stays, named by the
organisation behind it; a repository path a figure was transcribed through is dropped; a choice
StepWise made reads as "StepWise's own choice: …". :func:`figures_by_question` is the sources
page: every block of figures with a plain description, its citation, its date and whether it is
older than ``exams.yaml: display.stale_after_days``, grouped by the question it answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from stepwise.rules import ARTICLE_FILE, DEFAULT_RULES_DIR, Article, Rules, Sourced, iter_sourced

_FILES = ("exams", "specialties", "targets", "retake", "study", "practice_tests", "calendar")

# --- citations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    site: str  # the organisation behind the address, or the address's host
    host: str
    url: str


@dataclass(frozen=True)
class Citation:
    """One source, in words, with the web addresses it names."""

    words: str
    links: tuple[Link, ...] = ()

    def names(self, link: Link) -> bool:
        """Whether the words already name the link's organisation (then the link is shown bare)."""
        return link.site.lower() in self.words.lower()

    def text(self) -> str:
        if not self.links:
            return self.words
        shown = "; ".join(link.url if self.names(link) else f"{link.site}: {link.url}" for link in self.links)
        return f"{self.words} ({shown})" if self.words else shown


_URL = re.compile(r"https?://[^\s<>\"()]+")
_ARTICLE = re.compile(rf"({ARTICLE_FILE})(\s*\(([^()]*)\))?")
# A repository a figure was transcribed through ("via jiankn/nbmecalc lib/usmle-norms.ts"), or a
# repository path on its own: users cannot follow either.
_VIA = re.compile(r",?\s*\bvia\s+[\w.-]+/[\w.-]+(?:\s+[\w.-]+(?:/[\w.-]+)+)?")
_REPO_PATH = re.compile(r"\b[\w.-]+/[\w.-]+\s+[\w.-]+(?:/[\w.-]+)+")
_SERVER_PATH = re.compile(r"(?<![\w:/])/(?:[\w.-]+/)+[\w.-]*")
_FILE_PATH = re.compile(r"\b(?:[\w.-]+/)+[\w-]+\.(?:ya?ml|ts|js|py|md|txt|json|csv)\b")
_EDITORIAL = re.compile(r"^StepWise(?:'s)?(?:\s+(?:editorial|own choice))?\s*[:,]?\s*")
_OWN_CHOICE = "StepWise's own choice"


def site_name(rules: Rules, url: str) -> tuple[str, str]:
    """The organisation behind a web address (``articles.yaml: sites``), and its host."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    names = rules.articles.sites.names
    parts = host.split(".")
    for i in range(len(parts) - 1):  # the longest listed suffix: students-residents.aamc.org, then aamc.org
        name = names.get(".".join(parts[i:]))
        if name:
            return name, host
    return host, host


def article_citation(article: Article | None) -> str:
    """``"Title", Publisher, date``; an untitled article by what it is, saying what is not given."""
    if article is None:
        return "an article not listed in the rules"
    if article.title:
        name = f'"{article.title}"' + (f' ("{article.also_titled}")' if article.also_titled else "")
    else:
        name = article.untitled or "an untitled article"
    known = [x for x in (article.publisher, article.date.isoformat() if article.date else None) if x]
    missing = [what for what, x in (("publisher", article.publisher), ("date", article.date)) if not x]
    text = ", ".join([name, *known])
    if missing:
        text += f" ({' and '.join(missing)} not given)"
    return text


def _tidy(text: str) -> str:
    text = re.sub(r"\(\s*[,;:]?\s*\)", "", text)  # brackets emptied by a dropped address or path
    text = re.sub(r"\(\s*[,;:]\s*", "(", text)
    text = re.sub(r"\s*[,;:]\s*\)", ")", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:")
    if text.startswith("(") and text.endswith(")") and "(" not in text[1:-1]:
        text = text[1:-1]  # a note that followed an address, now on its own
    return text


def _cite_part(rules: Rules, part: str) -> Citation:
    urls = [u.rstrip(".,;:") for u in _URL.findall(part)]
    text = _URL.sub(" ", part)
    text = _VIA.sub("", text)
    text = _REPO_PATH.sub("", text)
    text = _SERVER_PATH.sub("", text)
    text = _FILE_PATH.sub("", text)

    def article(m: re.Match[str]) -> str:
        cited = article_citation(rules.articles.articles.get(m.group(1)))
        note = m.group(3)
        if not note:
            return cited
        return f"{cited[:-1]}; {note})" if cited.endswith(")") else f"{cited} ({note})"

    text = _ARTICLE.sub(article, text)
    text = _tidy(text)
    if _EDITORIAL.match(text):
        rest = _EDITORIAL.sub("", text)
        text = f"{_OWN_CHOICE}: {rest}" if rest else _OWN_CHOICE
    links = tuple(Link(*site_name(rules, u), u) for u in urls)
    return Citation(text, links)


def cite_parts(rules: Rules, source: str) -> tuple[Citation, ...]:
    """A ``source`` from the rules as citations, one per source it names (``a ; b``)."""
    parts = [p.strip() for p in re.split(r"\s+;\s+", source) if p.strip()]
    cited = [_cite_part(rules, p) for p in parts]
    return tuple(c for c in cited if c.words or c.links)


def cite(rules: Rules, source: str) -> str:
    """A ``source`` from ``rules/`` in words for users.

    an article's file name (a key in ``rules/articles.yaml``) -> ``"Its title", Publisher, date``;
    ``"https://www.usmle.org/common-questions?category=Scores"`` -> ``USMLE: https://www.usmle.org/…``;
    ``"… (via jiankn/nbmecalc lib/usmle-norms.ts)"`` loses the repository;
    ``"StepWise: …"`` -> ``StepWise's own choice: …``.
    """
    return "; ".join(c.text() for c in cite_parts(rules, source))


def custom_rules(rules: Rules) -> bool:
    """Whether the rules come from a school's own folder (``STEPWISE_RULES_DIR``), not StepWise's.

    Pages say "a custom rules folder", never its path: that says where things live on the server.
    """
    try:
        return Path(rules.folder).resolve() != DEFAULT_RULES_DIR.resolve()
    except OSError:
        return True


# --- the words for a few numbers ---------------------------------------------------------------

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_words(n: int) -> str:
    return _SMALL[n] if 0 <= n < len(_SMALL) else str(n)


def age_words(days: int) -> str:
    """730 -> 'two years'; 90 -> '90 days'."""
    if days % 365 == 0:
        years = days // 365
        return f"{number_words(years)} year{'s' if years != 1 else ''}"
    return f"{days} days"


def _n(x: float) -> str:
    return f"{x:g}"


# The readiness table's verdicts and conditions in words (docs/decisions.md and the Sources page).
VERDICT_WORDS = {
    "sit": "sit as planned",
    "delay": "delay",
    "plan": "plan the weeks, then sit",
    "new_date": "choose a new date",
    "practice_first": "take a practice test first",
    "protect_weeks": "protect more study weeks first",
}
CONDITION_WORDS = {
    "date_past": "the planned date is already past",
    "date_forbidden": "the planned date is before the attempt rules allow",
    "no_evidence": "no recent practice test since the latest attempt gives a reading",
    "protected_short": "the protected study weeks are fewer than the least needed",
    "no_date": "no exam date is entered",
    "after_fail": "the latest attempt was a fail",
    "at_aim": "the last two practice tests since the attempt are at or above the aim and clear of the passing line by NBME's margin",
    "weeks_short": "the planned date comes before today plus the weeks needed at the typical pace",
    "weak_practice_soon": "practice is not yet consistent (fewer than two tests since, or one within NBME's margin of the passing line) "
    "and the date is within the weeks weak practice keeps clear",
}


def _range(lo: float, hi: float) -> str:
    return _n(lo) if lo == hi else f"{_n(lo)}–{_n(hi)}"


# --- the sources page ---------------------------------------------------------------------------

QUESTIONS = (
    "Retake?",
    "What score do I need?",
    "How long must I study?",
    "Where are my practice tests heading?",
    "The USMLE rules",
    "Calendar",
    "StepWise's own settings",
)
RETAKE, SCORE, STUDY, PRACTICE, USMLE, CALENDAR, OWN = QUESTIONS


@dataclass(frozen=True)
class Figure:
    question: str
    what: str  # the figure in plain words, with its numbers
    cited: str  # its source, by :func:`cite`
    source: str  # as written in the rules
    as_of: dt.date
    age_days: int
    stale: bool


Describe = Callable[[Rules, Any], "tuple[str, str] | None"]


def _standard(step: str) -> Describe:
    def describe(rules: Rules, b: Any) -> tuple[str, str]:
        name = rules.step(step).name
        when = f"from {b.start} to {b.end}" if b.end else f"since {b.start}"
        return USMLE, f"{name} passing standard: {b.score}, {when}"

    return describe


def _scale(step: str) -> Describe:
    return lambda rules, b: (
        SCORE,
        f"{rules.step(step).name} scores of {b.cohort}: average {_n(b.mean)}, spread (SD) {_n(b.sd)}"
        + (f", measurement error about {_n(b.sem)}" if b.sem else ""),
    )


def _percentiles(step: str) -> Describe:
    def describe(rules: Rules, b: Any) -> tuple[str, str]:
        lo, hi = min(b.table), max(b.table)
        return SCORE, f"Where a {rules.step(step).name} score from {lo} to {hi} falls among examinees ({b.norm_group})"

    return describe


def _release(step: str) -> Describe:
    return lambda rules, b: (
        CALENDAR,
        f"{rules.step(step).name} scores usually come back {_range(b.weeks.min, b.weeks.max)} weeks after the exam",
    )


def _attempts(rules: Rules, b: Any) -> tuple[str, str]:
    nth = {4: "fourth"}.get(b.spacing_applies_from_attempt, f"attempt {b.spacing_applies_from_attempt}")
    return USMLE, (
        f"At most {b.max_attempts} attempts at a Step{', incomplete ones included' if b.counts_incomplete else ''}; "
        f"no more than {b.max_in_window} in any {b.window_months} months; a {nth} or later attempt at least "
        f"{b.months_after_first} months after the first and {b.months_after_latest} months after the latest"
    )


def _limit_history(rules: Rules, b: Any) -> tuple[str, str]:
    return USMLE, f"The attempt limit was {b.max_attempts} for {b.note}"


def _retake_after_pass(rules: Rules, b: Any) -> tuple[str, str]:
    names = " or ".join(e.name.lower() for e in b.exceptions)
    return RETAKE, f"A passed Step cannot be retaken, except under the {names}" if names else "A passed Step cannot be retaken"


def _checklist(rules: Rules, b: Any) -> tuple[str, str]:
    return RETAKE, (
        f"When retaking a low pass can make sense: a score of {b.score_at_most} or lower, practice tests of "
        f"{b.practice_at_least.min}–{b.practice_at_least.max} or more before it, {_range(b.protected_weeks_at_least.min, b.protected_weeks_at_least.max)} "
        f"protected weeks, a jump of {b.big_jump_points}+ points in reach"
    )


def _sit_or_delay(rules: Rules, b: Any) -> tuple[str, str]:
    return RETAKE, (
        f"Ready to sit after a fail: at least {b.min_consistent_tests} practice tests since the attempt, consistent near your aim "
        f"and clear of the passing line; if not, delay ({_range(b.delay_weeks.min, b.delay_weeks.max)} weeks, the article says)"
    )


def _readiness_row(rules: Rules, b: Any) -> tuple[str, str]:
    when = " and ".join(CONDITION_WORDS[c] for c in b.when) or "every condition above is clear"
    return RETAKE, f"Sit or delay: “{VERDICT_WORDS[b.verdict]}” when {when}"


def _specialty(rules: Rules, b: Any) -> tuple[str, str]:
    n = len(rules.specialties.specialties)
    return (
        SCORE,
        f"Step 2 CK scores of matched applicants in {n} specialties (lower quartile, median, upper quartile), and of those who did not match",
    )


def _tier(rules: Rules, b: Any) -> tuple[str, str]:
    return SCORE, f"Step 2 CK to aim for after a fail, {b.label}: {b.target}+"


def _form(rules: Rules, b: Any) -> tuple[str, str] | None:
    if b.unit == "percent":
        return PRACTICE, f"{b.name}: percent correct, read as a three-digit score"
    if b.exam == "step1":
        return PRACTICE, "The Step 1 practice forms (CBSSA) the published Step 1 formula reads"
    off = [
        f"{f.name} about {abs(f.offset):g} {'high' if f.offset > 0 else 'low'}"
        for f in rules.practice_tests.forms
        if f.exam == "step2ck" and f.unit == "three_digit" and f.offset
    ]
    return PRACTICE, "How each NBME and UWSA form reads against the real Step 2 CK: " + (
        ", ".join(off) + "; the others on scale" if off else "all on scale"
    )


def _band(rules: Rules, b: Any) -> tuple[str, str]:
    std = rules.study.bands.anchor_standard
    scores = f"{b.scores.max} or less" if b.scores.min <= 1 else f"{b.scores.min}–{b.scores.max}"
    guess = " (StepWise's estimate between two of the article's bands)" if b.interpolated else ""
    return STUDY, f"A failing Step 1 score of {scores} (standard {std}): {_range(b.weeks.min, b.weeks.max)} more weeks of study{guess}"


def _hours(rules: Rules, b: Any) -> tuple[str, str]:
    parts = ", ".join(f"{r.activity} {_n(r.hours)}" for r in b.rows)
    return STUDY, f"Hours a week: {parts}"


def _season(rules: Rules, b: Any) -> tuple[str, str]:
    return CALENDAR, f"Programs first read {b.season} applications on {b.programs_read}"


def _gain_by_level(rules: Rules, b: Any) -> tuple[str, str]:
    first, last = b.rows[0], b.rows[-1]
    return PRACTICE, (
        f"Typical gain over the practice average by starting level: +{_n(first.gain)} below {first.below} "
        f"down to +{_n(last.gain)} at the top"
    )


def _free120(rules: Rules, b: Any) -> tuple[str, str]:
    rows = b.rows
    return PRACTICE, (
        f"Free 120 percent correct and the median real score ({b.sample}): {_n(rows[0].percent.min)}% → {_n(rows[0].median_real)}, "
        f"{_n(rows[-1].percent.min)}%+ → {_n(rows[-1].median_real)}"
    )


def _model(rules: Rules, b: Any) -> tuple[str, str]:
    acc = ", ".join(f"{_n(a.percent)}% within {_n(a.within_points)} points" for a in b.accuracy)
    return PRACTICE, f"From practice tests to the real Step 2 CK ({b.sample}): {acc}"


def _example(rules: Rules, b: Any) -> tuple[str, str]:
    tests = ", ".join(f"{t.form} {t.score}" for t in b.tests)
    return PRACTICE, f"The retake article's example of practice against the real exam: {tests}; real {b.real}"


def _limits(rules: Rules, b: Any) -> tuple[str, str]:
    return PRACTICE, (
        f"Where the projection is trusted: practice averages from {b.calibrated_from} up; none more than "
        f"{b.stale_after_weeks} weeks after the newest practice test"
    )


def _input_limits(rules: Rules, b: Any) -> tuple[str, str]:
    return OWN, (
        f"What a link may carry: up to {b.max_weeks} study weeks, {b.max_practice_tests} practice tests, "
        f"{b.max_prior_fails} failed attempts at other Steps, dates from {b.earliest_date.year} to {b.latest_date.year}"
    )


_DESCRIBE: dict[str, Describe] = {
    # exams.yaml
    "exams:steps.step1.passing_standards[]": _standard("step1"),
    "exams:steps.step2ck.passing_standards[]": _standard("step2ck"),
    "exams:steps.step1.scale": _scale("step1"),
    "exams:steps.step2ck.scale": _scale("step2ck"),
    "exams:steps.step1.percentiles": _percentiles("step1"),
    "exams:steps.step2ck.percentiles": _percentiles("step2ck"),
    "exams:steps.step1.score_release": _release("step1"),
    "exams:steps.step2ck.score_release": _release("step2ck"),
    "exams:score_scale": lambda r, b: (USMLE, f"Three-digit scores run from {b.min} to {b.max}"),
    "exams:attempt_policy": _attempts,
    "exams:attempt_policy.limit_history[]": _limit_history,
    "exams:retake_after_pass": _retake_after_pass,
    "exams:licensing": lambda r, b: (USMLE, f"Many licensing boards want every Step passed within {b.all_steps_within_years} years"),
    "exams:input_limits": _input_limits,
    "exams:display": lambda r, b: (OWN, f"A figure older than {age_words(b.stale_after_days)} is flagged on this page"),
    "exams:seed_corrections[]": lambda r, b: None,  # its own section: where the articles are out of date
    # specialties.yaml
    "specialties:specialties[]": _specialty,
    "specialties:specialties[].classification": lambda r, b: (
        SCORE,
        "Each specialty's competitiveness and how forgiving it is of a low pass",
    ),
    # targets.yaml
    "targets:tiers[]": _tier,
    "targets:buffer": lambda r, b: (SCORE, f"After a fail, study as if you needed {b.min}–{b.max} points more than the target"),
    "targets:no_specialty": lambda r, b: (SCORE, f"With no specialty chosen, the aim is the passing standard plus {b.margin}"),
    "targets:realism_source": lambda r, b: (
        SCORE,
        "How far a score is from the aim, in words: " + ", ".join(x.label.lower() for x in r.targets.realism),
    ),
    "targets:match_rate_by_fails": lambda r, b: (
        SCORE,
        "Rough chance of matching: " + ", ".join(f"{x.label.lower()} {_n(x.percent)}%" for x in b.rows),
    ),
    "targets:program_director_survey": lambda r, b: (
        RETAKE,
        f"{_n(b.percent_citing_failed_attempt)}% of program directors cite any failed attempt as a factor "
        f"(importance {_n(b.mean_importance)} of {b.importance_scale_max})",
    ),
    "targets:application_weights": lambda r, b: (SCORE, "What else programs weigh, besides Step 2 CK (an illustration)"),
    "targets:history[]": lambda r, b: None,  # its own section: history
    # retake.yaml
    "retake:checklist": _checklist,
    "retake:outcome_reading": lambda r, b: (RETAKE, "How programs read each outcome of a retake after a low pass"),
    "retake:plan_not_retaking": lambda r, b: (RETAKE, f"What to do instead of retaking ({number_words(len(b.steps))} steps)"),
    "retake:interview_advice": lambda r, b: (RETAKE, "How to answer “I see you took Step 2 twice” in an interview"),
    "retake:reflection": lambda r, b: (RETAKE, "The question to ask yourself before retaking a pass"),
    "retake:sit_or_delay": _sit_or_delay,
    "retake:readiness.rows[]": _readiness_row,
    # study.yaml
    "study:bands": lambda r, b: (STUDY, f"Weeks of study by failing score, written for Step 1 scores judged against {b.anchor_standard}"),
    "study:bands.rows[]": _band,
    "study:minimum_weeks": lambda r, b: (STUDY, f"At least {number_words(b.weeks)} weeks of committed study before a retake"),
    "study:gain_per_week": lambda r, b: (
        STUDY,
        f"Points gained per week of study: about {_n(b.typical)} typically, {_n(b.slow)} for a slow quarter, {_n(b.fast)} for a fast quarter",
    ),
    "study:weekly_hours": _hours,
    "study:questions_per_day": lambda r, b: (STUDY, f"{b.min}–{b.max} practice questions a day, every one reviewed"),
    "study:assessment_every_weeks": lambda r, b: (
        STUDY,
        f"A practice test every {b.min}–{b.max} weeks (StepWise's plan: every {number_words(b.planned)})",
    ),
    "study:scaffold": lambda r, b: (
        STUDY,
        f"A retake plan: {b.question_weeks.min}–{b.question_weeks.max} weeks of questions, then "
        f"{b.assessment_weeks.min}–{b.assessment_weeks.max} of full practice tests",
    ),
    "study:stop_rule": lambda r, b: (
        STUDY,
        f"The stop rule: practice stuck {b.below_target_points}+ points below the target after "
        f"{b.after_weeks.min}–{b.after_weeks.max} weeks means rethinking the date",
    ),
    "study:first_assessment_after_fail": lambda r, b: (
        PRACTICE,
        f"The first practice test after a fail often reads {b.reads_low.min}–{b.reads_low.max} points low",
    ),
    "study:tutoring_claim": lambda r, b: (STUDY, "A tutoring company's claim of large score gains (its own marketing)"),
    # practice_tests.yaml
    "practice_tests:forms[]": _form,
    "practice_tests:step2ck_model": _model,
    "practice_tests:gain_by_level": _gain_by_level,
    "practice_tests:free120_bands": _free120,
    "practice_tests:step1_model": lambda r, b: (PRACTICE, "The published formula from a Step 1 practice score (CBSSA) to the real one"),
    "practice_tests:nbme_standard_error": lambda r, b: (
        PRACTICE,
        f"NBME's own margin of error on a practice score: about {_n(b.points)} points",
    ),
    "practice_tests:test_day_gap": lambda r, b: (
        RETAKE,
        f"Practice {b.points.min}–{b.points.max}+ points above the real score points to a test-day problem",
    ),
    "practice_tests:seed_example": _example,
    "practice_tests:projection_limits": _limits,
    # calendar.yaml
    "calendar:seasons[]": _season,
    "calendar:estimate": lambda r, b: (CALENDAR, f"Seasons not yet published: estimated as {b.text}"),
}


def _key(stem: str, path: str) -> str:
    return f"{stem}:" + re.sub(r"\[[^\]]*\]", "[]", path)


def _fallback(path: str) -> tuple[str, str]:
    """A block no describer knows (a field added to the schema later): its last name in words."""
    last = re.sub(r"\[[^\]]*\]", "", path).rsplit(".", 1)[-1]
    return OWN, last.replace("_", " ").capitalize()


def figures_by_question(rules: Rules, today: dt.date) -> list[tuple[str, list[Figure]]]:
    """Every figure in force, described and cited, grouped by the question it answers (in :data:`QUESTIONS` order).

    Blocks that read the same (the 23 specialties, the forms) are listed once. Older than
    ``display.stale_after_days`` is stale.
    """
    limit = rules.exams.display.stale_after_days
    groups: dict[str, list[Figure]] = {q: [] for q in QUESTIONS}
    seen: set[tuple[str, str, str, dt.date]] = set()
    for stem in _FILES:
        for path, block in iter_sourced(getattr(rules, stem)):
            describe = _DESCRIBE.get(_key(stem, path))
            got = describe(rules, block) if describe is not None else _fallback(path)
            if got is None:
                continue
            question, what = got
            if (question, what, block.source, block.as_of) in seen:
                continue
            seen.add((question, what, block.source, block.as_of))
            age = (today - block.as_of).days
            groups[question].append(Figure(question, what, cite(rules, block.source), block.source, block.as_of, age, age > limit))
    return [(q, figs) for q, figs in groups.items() if figs]


# --- the editor's view: file and key -----------------------------------------------------------


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
    """One row per block of figures with its file and key, for whoever edits the rules; older than
    ``display.stale_after_days`` is stale."""
    limit = rules.exams.display.stale_after_days
    rows = []
    for stem in _FILES:
        for path, block in iter_sourced(getattr(rules, stem)):
            age = (today - block.as_of).days
            rows.append(SourceRow(f"{stem}.yaml", path, _figures(block), block.source, block.as_of, age, age > limit))
    return rows
