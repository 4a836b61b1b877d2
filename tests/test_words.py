"""Plain words: nothing a user reads names an article by its file or number, a repository, a server
path or the project's own notes.

Every page is run for varied profiles and every piece of text it draws is collected (markdown,
captions, titles, headers, alerts, table cells, metrics, expander labels, widget labels and help);
every export is built for the same profiles. None may match :data:`FORBIDDEN`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Dataframe, Metric, Table

from stepwise.assess import assess
from stepwise.examples import example
from stepwise.export import ics, markdown, plan_csv, practice_csv
from stepwise.figures import DESCRIBE, figures_by_question
from stepwise.handout import handout
from stepwise.profile import parse_profile
from stepwise.registry import PAGES, SOURCES
from stepwise.rules import DEFAULT_RULES_DIR
from stepwise.sources import cite, cite_parts
from stepwise.summary import share_url, summarize
from tests.shared import (
    AFTER_TWO_FAILS,
    HOSTILE,  # a link built to break things, shared with the page tests
    REAL_TODAY,
    pdf_text,
)

APP = str(Path(__file__).resolve().parent.parent / "app.py")
START = next(p.file for p in PAGES if p.is_start)


def run(page: str, params: dict[str, str]) -> AppTest:
    """Open a page from a link, as the page tests do: the app's first run, then the page."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != START:
        at.switch_page(page)
        at.query_params.clear()
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
    return at


FORBIDDEN = {
    "an article by number": re.compile(r"seed[ _-]?0\d\d", re.IGNORECASE),
    "an article's file name": re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt"),
    "the repository a figure was transcribed through": re.compile(r"jiankn"),
    "a repository path": re.compile(r"nbmecalc lib/"),
    "the project's notes": re.compile(r"facts file", re.IGNORECASE),
    "a server path": re.compile(r"/work/|/home/|site-packages"),
    "the rules folder": re.compile(r"rules/"),
}

PROFILES = {
    "step2_fail_with_practice": AFTER_TWO_FAILS,
    "low_pass_with_exception": example("low_pass_article_exception").params,
    "low_pass_without_exception": {
        "score": "219",
        "attempts": "2026-08-01",
        "specialty": "family-medicine",
        "practice": "nbme14:226@2026-07-10",
        "exception": "no",
        "cycle": "applying",
        "today": "2026-11-20",
    },
    "step1_fail": {"exam": "step1", "result": "fail", "attempts": "2026-06-01", "prior_fails": "0", "today": "2026-11-20"},
    "step1_three_digit_2020": example("step1_article_172").params,
    "empty": {},
    "hostile": HOSTILE,
}


def leaks(text: str) -> list[str]:
    """What the text names that users must not see: 'what: the match in its context'."""
    out = []
    for what, pattern in FORBIDDEN.items():
        for m in pattern.finditer(text):
            out.append(f"{what}: …{text[max(m.start() - 40, 0) : m.end() + 40]}…")
    return out


def test_the_scan_catches_what_it_should():
    assert leaks("See seed 003 and Seed 002's table.")
    assert leaks("(003_f6eb00491488d23b.txt)")
    assert leaks("via jiankn/nbmecalc lib/usmle-norms.ts")
    assert leaks("as in the facts file") and leaks("/work/main/rules/exams.yaml")
    assert not leaks('"Do I Need to Retake Step 2 CK If I Barely Passed? Pros and Cons", Residency Advisor, 2026-01-06')


# --- what a page draws ----------------------------------------------------------------------------


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, (Table, Dataframe)):
        df = node.value
        yield from (str(c) for c in df.columns)
        yield from (str(i) for i in df.index)
        for row in df.itertuples(index=False):
            yield from (str(v) for v in row)
        return
    if isinstance(node, Metric):
        yield from (str(x) for x in (node.label, node.value, node.delta) if x)
        return
    for attr in ("value", "body", "label", "help", "caption", "placeholder", "options"):
        try:
            v = getattr(node, attr)
        except Exception:  # an attribute this kind of element does not have
            continue
        if isinstance(v, str):
            yield v
        elif isinstance(v, (list, tuple)):
            yield from (x for x in v if isinstance(x, str))
    if isinstance(node, Block):
        for child in node.children.values():
            yield from _strings(child)


def page_text(at: AppTest) -> str:
    """Every string the run drew, main area and sidebar."""
    return "\n".join(s for s in _strings(at._tree) if s)


PAGE_FILES = [p.file for p in PAGES]


@pytest.mark.parametrize("page", PAGE_FILES, ids=[p.name for p in PAGES])
@pytest.mark.parametrize("profile", list(PROFILES), ids=list(PROFILES))
def test_a_page_names_no_file_number_or_path(page, profile):
    at = run(page, PROFILES[profile])
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    assert at.title and text
    assert leaks(text) == []


# --- every export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", list(PROFILES), ids=list(PROFILES))
def test_exports_name_no_file_number_or_path(rules, profile):
    parsed = parse_profile(PROFILES[profile], rules, REAL_TODAY)
    a = assess(rules, parsed)
    summary = summarize(rules, a)
    url = share_url("http://localhost:8501", "summary", a.profile)
    doc = handout(rules, a, url)
    assert doc.startswith(b"%PDF") and len(doc) > 1000
    # The words the PDF prints, read back from it (the link's own text left out: it is the link).
    texts = {
        "markdown": markdown(summary, url),
        "pdf": pdf_text(doc).replace(url, ""),
        "practice csv": practice_csv(a),
        "plan csv": plan_csv(a),
        "ics": ics(a).decode(),
    }
    found = {name: leaks(text) for name, text in texts.items() if leaks(text)}
    assert found == {}


# --- citations ------------------------------------------------------------------------------------


def test_an_article_is_cited_by_title_publisher_and_date(rules):
    assert cite(rules, "003_f6eb00491488d23b.txt") == (
        '"Do I Need to Retake Step 2 CK If I Barely Passed? Pros and Cons", Residency Advisor, 2026-01-06'
    )
    assert cite(rules, "004_dd8f3e3f81ba1476.txt").startswith('"I Failed USMLE Step 1: How to Get Back Up and Excel"')
    assert cite(rules, "002_9b0e957dba67c45e.txt") == (
        "an untitled article on Step 2 CK after a Step 1 fail (publisher and date not given)"
    )


def test_a_web_address_stays_named_by_its_organisation(rules):
    assert cite(rules, "https://www.usmle.org/common-questions?category=Scores") == (
        "USMLE: https://www.usmle.org/common-questions?category=Scores"
    )
    both = cite(
        rules, "https://www.usmle.org/common-questions/attempt-limit ; https://ecfmg.org/2024ib/reexamination-and-reapplication.html"
    )
    assert both.startswith("USMLE: https://www.usmle.org/") and "; ECFMG: https://ecfmg.org/" in both


def test_the_repository_a_figure_came_through_is_dropped(rules):
    src = rules.step("step2ck").scale.source
    assert "jiankn" in src  # the rules keep it for whoever edits them
    assert cite(rules, src) == (
        "Score Interpretation Guidelines updated 2026-08-17 (USMLE: https://www.usmle.org/scores-transcripts/examination-results-and-scoring)"
    )
    assert cite(rules, rules.specialties.specialties[0].source).startswith("Table 5 (NRMP: https://www.nrmp.org/")


def test_stepwise_choices_say_so(rules):
    assert cite(rules, rules.exams.display.source).startswith("StepWise's own choice: ")
    assert cite(rules, "StepWise: the middle of two bands of 004_dd8f3e3f81ba1476.txt") == (
        'StepWise\'s own choice: the middle of two bands of "I Failed USMLE Step 1: How to Get Back Up and Excel" '
        '("Failing Step 1"), Medlearnity, 2020-06-19'
    )


def test_a_note_after_an_article_joins_its_citation(rules):
    assert cite(rules, "002_9b0e957dba67c45e.txt (tiers)") == (
        "an untitled article on Step 2 CK after a Step 1 fail (publisher and date not given; tiers)"
    )


def test_an_unlisted_file_or_a_path_never_shows(rules):
    assert cite(rules, "999_0123456789abcdef.txt") == "an article not listed in the rules"
    assert leaks(cite(rules, "see /work/x/rules/exams.yaml and lib/usmle-norms.ts (via someone/repo lib/a.ts)")) == []


def test_every_source_in_the_rules_cites_cleanly(rules):
    sources = {f.source for _, figs in figures_by_question(rules, REAL_TODAY) for f in figs}
    sources |= {c.seed for c in rules.exams.seed_corrections} | {h.source for h in rules.targets.history}
    sources.add(rules.specialties.classification_source)
    for src in sources:
        words = cite(rules, src)
        assert words and leaks(words) == [], src
        assert all(c.words or c.links for c in cite_parts(rules, src)), src


def test_sources_page_groups_figures_by_question(rules):
    groups = dict(figures_by_question(rules, REAL_TODAY))
    assert list(groups)[:6] == [
        "Retake?",
        "What score do I need?",
        "How long must I study?",
        "Where are my practice tests heading?",
        "The USMLE rules",
        "Calendar",
    ]
    rules_now = [f.what for f in groups["The USMLE rules"]]
    assert "Step 2 CK passing standard: 218, since 2025-07-01" in rules_now
    bands = [f for f in groups["How long must I study?"] if "170–179" in f.what]
    assert bands and bands[0].stale and bands[0].cited.endswith("Medlearnity, 2020-06-19")
    everything = [f.what for figs in groups.values() for f in figs]
    assert not any(re.search(r"\w+\.\w+\[|_\w+:", w) for w in everything)  # no YAML keys
    assert len([w for w in everything if w.startswith("Step 2 CK scores of matched applicants")]) == 1  # 23 specialties, one line


# --- a school's own rules folder --------------------------------------------------------------------


def _custom_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "school-rules"
    shutil.copytree(DEFAULT_RULES_DIR, folder)
    monkeypatch.setenv("STEPWISE_RULES_DIR", str(folder))
    return folder


def test_a_custom_rules_folder_is_named_without_its_path(tmp_path, monkeypatch):
    folder = _custom_rules(tmp_path, monkeypatch)
    at = run(SOURCES.file, {"today": "2026-11-20"})
    assert not at.exception
    text = page_text(at)
    assert "custom rules folder" in text
    assert str(folder) not in text and str(tmp_path) not in text and leaks(text) == []


def test_broken_custom_rules_are_named_without_their_path(tmp_path, monkeypatch):
    folder = _custom_rules(tmp_path, monkeypatch)
    path = folder / "study.yaml"
    path.write_text(path.read_text().replace("typical: 1.73", "typical: quick"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    text = page_text(at)
    assert "did not pass validation" in text and "custom rules folder" in text
    assert str(tmp_path) not in text and leaks(text) == []


def test_every_sourced_block_has_a_description_a_user_can_read(rules):
    # Every block with a source in rules/ is described by its schema class: none falls back to its key's name.
    from stepwise.rules import iter_sourced

    for stem in ("exams", "specialties", "targets", "retake", "study", "practice_tests", "calendar"):
        for path, block in iter_sourced(getattr(rules, stem)):
            assert type(block) in DESCRIBE, f"{stem}.yaml: {path} ({type(block).__name__}) has no description"
            got = DESCRIBE[type(block)](rules, block)
            assert got is None or (got[1] and "_" not in got[1]), (path, got)
