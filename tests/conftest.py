from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from stepwise.profile import Profile, parse_profile
from stepwise.rules import Rules, load_rules

REAL_TODAY = dt.date(2026, 11, 22)

# A student with a Step 1 fail who then failed Step 2 CK with 205 (standard 218), aiming for
# internal medicine, with two weak practice tests since: seed 002's situation.
AFTER_TWO_FAILS = {
    "score": "205",
    "attempts": "2026-09-01",
    "specialty": "internal-medicine",
    "prior_fails": "1",
    "practice": "nbme13:225@2026-10-10,uwsa1:232@2026-11-01",
    "exam_date": "2027-01-20",
    "weeks": "8",
    "today": "2026-11-20",
}


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()


@pytest.fixture
def prof(rules: Rules) -> Callable[..., Profile]:
    """A profile from URL-contract parameters, as a link would carry them; fails on any notice."""

    def make(**params: str) -> Profile:
        parsed = parse_profile(params, rules, REAL_TODAY)
        assert parsed.notices == (), parsed.notices
        return parsed.profile

    return make
