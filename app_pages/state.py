"""Every piece of state StepWise keeps in a Streamlit server, in one place: its key or cache, scope,
size, lifetime, and why. Nothing a student enters is stored beyond these (the link carries it).

| name | scope | size | lifetime | why |
|---|---|---|---|---|
| ``prepare.prepare_process`` (``st.cache_resource``) | process | one per rules folder | the process | the rules, validated once, and heavy imports done before sessions race on them |
| ``per_rules`` (:data:`_PER_RULES`) | process | 256 values of one rules object | until the rules object is replaced | values that depend only on the rules (the Sources page's figures): the same for every link |
| :data:`CTX_KEY` | session | one :class:`app_pages.link.Context` | replaced every run | the run's rules and assessment, for the page app.py runs |
| :data:`RECENT_KEY` | session | :data:`RECENT_LINKS` contexts | the session | the assessments of the session's last few links: a visit reads the same link on every page |
| :data:`PAGES_KEY` | session | seven ``st.Page`` objects | the session | each resolves its file on disk: made once, not every run |
| :data:`OPEN_KEY` | session | one dialog name | until the dialog closes | which dialog is open, so a full run draws it again |
| ``{dialog}:`` widget keys | session | a dialog's inputs | cleared each time the dialog opens | the inputs start from the link each time |
| ``app_pages.render`` replays (``st.cache_data(scope="session")``) | session | :data:`REPLAY_ENTRIES` charts and tables each | :data:`REPLAY_SECONDS` | a chart or table drawn before is sent again without building its plotly figure or Arrow table again; per session, so nothing drawn from a student's link reaches another session |
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from stepwise.rules import Rules

CTX_KEY = "_stepwise_ctx"
PAGES_KEY = "_stepwise_pages"
RECENT_KEY, RECENT_LINKS = "_stepwise_recent", 4
OPEN_KEY = "_stepwise_open_dialog"
REPLAY_ENTRIES, REPLAY_SECONDS = 50, 15 * 60

_T = TypeVar("_T")
_PER_RULES: dict[int, tuple[Rules, dict[Hashable, Any]]] = {}
_PER_RULES_MAX = 256
_MISSING = object()


def per_rules(rules: Rules, key: Hashable, build: Callable[[], _T]) -> _T:
    """A value that depends only on the rules (and ``key``): built once per rules object and kept
    for every session of the process. The rules object is held with its values, so its ``id``
    cannot be reused while they are kept; loading the rules again starts afresh."""
    held = _PER_RULES.get(id(rules))
    if held is None or held[0] is not rules:
        _PER_RULES.clear()  # one rules object at a time: a reload replaces it
        held = _PER_RULES[id(rules)] = (rules, {})
    values = held[1]
    value = values.get(key, _MISSING)  # one look-up: another session may clear the dict meanwhile
    if value is _MISSING:
        if len(values) >= _PER_RULES_MAX:
            values.clear()
        value = values[key] = build()
    return value  # type: ignore[no-any-return]
