from __future__ import annotations

from collections.abc import Callable

import pytest

from stepwise.profile import Profile, parse_profile
from stepwise.rules import Rules, load_rules
from tests.shared import REAL_TODAY

# A student with a Step 1 fail who then failed Step 2 CK with 205 (standard 218), aiming for
# internal medicine, with two weak practice tests since: the post-fail article's situation.


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
