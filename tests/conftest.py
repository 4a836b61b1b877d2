from __future__ import annotations

import datetime as dt
import re
import zlib
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


def pdf_text(data: bytes) -> str:
    """The text a PDF from fpdf2's core fonts prints, line by line, read back from its content streams."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    content = b"".join(zlib.decompress(s) if s[:1] == b"x" else s for s in streams).decode("latin-1")
    shown = re.findall(r"\(((?:\\.|[^\\)])*)\) Tj", content)
    return "\n".join(re.sub(r"\\(.)", r"\1", s) for s in shown)


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has (its page objects)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", data))
