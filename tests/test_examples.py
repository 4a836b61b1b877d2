"""Every worked example on the start page gets the answer worked out for it by hand.

The expected answers live with the examples (``stepwise/examples.py``), each with its derivation
from the rules files and the articles. When the assessment disagrees, the derivation says why the
example expects what it does: fix the assessment, not the expectation.
"""

from __future__ import annotations

import pytest

from stepwise.assess import assess
from stepwise.examples import EXAMPLES, Example
from stepwise.profile import parse_profile


def _assessed(rules, ex: Example):
    parsed = parse_profile(ex.params, rules, ex.today)
    return assess(rules, parsed)


def test_every_example_pins_its_date_and_expects_an_answer():
    for ex in EXAMPLES:
        assert ex.params["today"] == ex.today.isoformat()
        assert ex.expected is not None and ex.expected.derivation, ex.key


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda e: e.key)
def test_example_gets_its_expected_answer(rules, ex):
    exp = ex.expected
    assert exp is not None
    a = _assessed(rules, ex)
    assert a.notices == (), a.notices
    got = {
        "decision": a.decision.key,
        "weeks": (a.weeks.weeks_min, a.weeks.weeks_max) if a.weeks is not None else None,
        "readiness": a.readiness.key if a.readiness is not None else None,
        "earliest": a.status.earliest_next
        if a.status is not None and a.status.earliest_next is not None and a.status.earliest_next > ex.today
        else None,
    }
    want = {"decision": exp.decision, "weeks": exp.weeks, "readiness": exp.readiness, "earliest": exp.earliest}
    assert got == want, exp.derivation
    if exp.holds is not None:
        proj = a.projection
        assert proj is not None and proj.now is not None, "no projection to hold the score"
        readings = [r for r in (proj.now, proj.planned) if r is not None]
        for r in readings:
            assert r.low <= exp.holds <= r.high, (r.on, r.low, r.high, exp.derivation)


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda e: e.key)
def test_example_card_names_no_form_it_does_not_load(rules, ex):
    """The card says what the link loads: every practice form it names is loaded, or named as the article's label."""
    loaded = {t.split(":")[0] for t in ex.params.get("practice", "").split(",") if t}
    names = {rules.form(k).name for k in loaded if rules.form(k) is not None}
    for form in rules.practice_tests.forms:
        if form.name in ex.text and form.name not in names:
            pytest.fail(f"{ex.key}: the card names {form.name}, which the link does not load")
