from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from stepwise.profile import Profile, parse_profile
from stepwise.rules import Rules, load_rules

REAL_TODAY = dt.date(2026, 11, 22)


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
