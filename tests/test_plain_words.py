"""Plain words: what the words mean, reachable from where they appear; the gravest fact first; a
complete link is not asked to be filled in again."""

from __future__ import annotations

import re

from stepwise.glossary import TERMS, anchor, glossary_markdown
from stepwise.registry import PROJECTION, RETAKE, SOURCES, START, SUMMARY, TARGETS
from tests.shared import FULL, run, text, unescape


def test_every_term_has_a_heading_whose_anchor_is_its_words():
    # Streamlit gives a Markdown heading the id of its words in lower case, joined by hyphens.
    assert anchor("scale") == "on-the-step-scale"
    assert anchor("quartile") == "lower-quartile-median-upper-quartile"
    assert anchor("range") == "likely-range"
    md = glossary_markdown()
    assert md.startswith("## What the words mean")
    for t in TERMS:
        assert f"### {t.title}\n\n{t.meaning}" in md
    # Every word the issue found unexplained has its meaning.
    words = " ".join(f"{t.title} {t.meaning}" for t in TERMS)
    for word in ("Q1", "on scale", "Score as printed", "Weight", "80% range", "Bands", "retake article"):
        assert word in words, word


def test_the_sources_page_ends_with_what_the_words_mean():
    body = text(run(SOURCES.file, {"today": "2026-11-20"}))
    assert "## What the words mean" in body and "### On the Step scale" in body


def links_to_meanings(body: str) -> list[str]:
    return re.findall(r"\]\((sources\?[^)#]*#[a-z-]+)\)", body)


def test_a_word_links_to_its_meaning_and_keeps_the_profile():
    body = text(run(PROJECTION.file, FULL))
    links = links_to_meanings(body)
    assert any(link.endswith("#on-the-step-scale") for link in links) and any(link.endswith("#likely-range") for link in links)
    assert all("score=216" in link and "today=2026-11-20" in link for link in links)
    targets = links_to_meanings(text(run(TARGETS.file, FULL)))
    assert any(link.endswith("#lower-quartile-median-upper-quartile") for link in targets)
    assert links_to_meanings(text(run(SUMMARY.file, FULL)))


def test_the_practice_table_says_printed_and_on_the_step_scale():
    at = run(PROJECTION.file, FULL)
    headers = [str(c) for t in at.table for c in t.value.columns]
    assert "Score as printed" in headers and "On the Step scale" in headers
    assert "Printed" not in headers and "On scale" not in headers


def test_a_last_permitted_attempt_stands_alone_first_in_the_error_colour():
    # Three attempts at Step 2 CK, the latest a fail: the fourth and last of four is all that is left.
    at = run(RETAKE.file, {"score": "205", "attempts": "2025-01-10,2025-06-10,2026-08-01", "today": "2026-11-20"})
    assert at.error, "no error box"
    first = unescape(at.error[0].value)
    assert first.startswith("**This would be your last permitted attempt")
    boxes = [unescape(str(b.body)) for coll in (at.success, at.warning, at.info) for b in coll]
    assert not any("last permitted attempt" in b for b in boxes)
    # A first fail has no such box.
    assert not run(RETAKE.file, {"score": "205", "attempts": "2026-08-01", "today": "2026-11-20"}).error


def test_a_complete_link_is_not_asked_to_fill_in_what_you_know():
    body = text(run(START.file, FULL))
    assert "fill in what you know" not in body
    assert "Check or change your details" in body
    assert "fill in what you know" in text(run(START.file, {"exam": "step2ck", "result": "fail"}))
