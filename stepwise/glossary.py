"""What the words mean: the terms the pages, charts and files use, each in plain words.

The Sources page prints them under "What the words mean", one heading a term; pages link a word to
its heading with :func:`anchor` (the id Streamlit gives a Markdown heading: its words in lower case,
joined by hyphens). Pure: no Streamlit, no figures (the numbers live in the rules and on the pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str
    title: str  # letters and spaces only: its anchor is its words joined by hyphens
    meaning: str


TERMS: tuple[Term, ...] = (
    Term(
        "quartile",
        "Lower quartile median upper quartile",
        "Line up the scores of the applicants who matched, lowest to highest. A quarter of them scored at or below "
        "the lower quartile (Q1), half at or below the median, three quarters at or below the upper quartile (Q3). "
        "Between the lower and the upper quartile sits the middle half: the bars on the Targets chart.",
    ),
    Term(
        "passing",
        "Passing standard",
        "The lowest passing score for a Step on the day you test, drawn as the passing line. USMLE raises it from "
        "time to time; the Sources page lists each standard with its dates.",
    ),
    Term(
        "aim",
        "Aim",
        "The score to aim for in your specialty. After a fail it sits above the usual target for your specialty's "
        "group, and never below the range of matched applicants.",
    ),
    Term(
        "printed",
        "Score as printed",
        "The number a practice form reports itself: a three-digit score, or percent correct for the Free 120.",
    ),
    Term(
        "scale",
        "On the Step scale",
        'Also "on scale". A practice score moved onto the real exam\'s three-digit scale: some forms read a few '
        "points high or low and are moved by that much, and a Free 120 percent becomes the real score that students "
        "with that percent went on to get.",
    ),
    Term(
        "weight",
        "Weight",
        "How much a practice test counts in the projection. The newest counts 1.00 and older ones less, so a test "
        "from weeks ago counts for less than last week's. Tests from before your last attempt count for nothing: "
        "they are history.",
    ),
    Term(
        "range",
        "Likely range",
        'Also "80% range". The scores you would likely get: about 8 in 10 real scores fall inside such a range, '
        "1 in 10 below it and 1 in 10 above. A single number would promise more than anyone knows.",
    ),
    Term(
        "projection",
        "Projection",
        "Where your practice tests point on a date: a likely range and a chance of passing, from how practice "
        "scores matched real ones for other students.",
    ),
    Term(
        "bands",
        "Bands",
        "Groups of scores that share one answer: the weeks of study for scores in one group (the 2020 article's), "
        "or the Free 120 percents that each map to one real score.",
    ),
    Term(
        "stop",
        "Stop rule",
        "A check a few weeks into study: if your practice tests are stuck well below your aim, rethink the exam "
        "date rather than sit and hope.",
    ),
    Term(
        "articles",
        "The articles",
        '"The retake article", "the 2020 article", "the post-fail article": the published articles the decision '
        'rules come from. Each is listed by title under "The articles behind the decision rules" on the Sources page.',
    ),
)
BY_KEY = {t.key: t for t in TERMS}
HEADING = "What the words mean"


def anchor(key: str) -> str:
    """The id of a term's heading on the Sources page (Streamlit's: lower case, words joined by hyphens)."""
    return re.sub(r"[^a-z0-9]+", "-", BY_KEY[key].title.lower()).strip("-")


def glossary_markdown() -> str:
    """The section for the Sources page: a heading, then each term as a smaller heading and its meaning."""
    return f"## {HEADING}\n\n" + "\n\n".join(f"### {t.title}\n\n{t.meaning}" for t in TERMS)
