"""The link and the run's context: the profile read from the address, assessed once, and written back.

Not a page (app.py lists its pages explicitly). The URL is the only copy of what a student enters:
:func:`write_link` is the one place that writes it, through the URL contract's codec
(:data:`stepwise.profile.FIELDS`), and every page link carries it (the menu in ``app_pages/menu.py``).

Why not ``bind="query-params"``: a bound selectbox writes its display label into the URL
(``Step 2 CK`` instead of the contract's ``step2ck``), and a bound widget drops an unreadable
value silently; the URL contract needs its own formats and a notice naming the parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from app_pages.state import CTX_KEY, PAGES_KEY, RECENT_KEY, RECENT_LINKS
from stepwise.assess import Assessment, assess
from stepwise.profile import ParsedProfile, Profile, parse_profile, to_query
from stepwise.registry import PageEntry
from stepwise.rules import DEFAULT_RULES_DIR, Rules, RulesInvalid, rules_dir


@dataclass(frozen=True)
class Context:
    """What every page of one run renders: the rules and the run's one assessment."""

    rules: Rules
    parsed: ParsedProfile
    assessment: Assessment

    @property
    def profile(self) -> Profile:
        return self.parsed.profile

    @cached_property
    def query(self) -> dict[str, str]:
        """The profile as the link's parameters: built once a run, for every link that carries it."""
        return to_query(self.profile)


def context() -> Context:
    """The context app.py set for this run.

    Missing only when a page file is run on its own (``streamlit run app_pages/x.py``): the
    pages need app.py's rules and profile.
    """
    ctx: Context | None = st.session_state.get(CTX_KEY)  # one look-up: each goes through a lock
    if ctx is None:
        st.error("This page is part of StepWise: start the app with `streamlit run app.py`.")
        st.stop()
    return ctx


def real_today() -> dt.date:
    return dt.date.today()


def query_snapshot() -> dict[str, str | list[str]]:
    """The link's parameters; a repeated one keeps every value, so the parser can name it."""
    out: dict[str, str | list[str]] = {}
    for k in st.query_params:
        values = st.query_params.get_all(k)
        out[k] = values if len(values) > 1 else (values[0] if values else "")
    return out


def write_link(changes: Mapping[str, str | None]) -> None:
    """The one writer of the link: each URL-contract parameter in ``changes`` set (None removes it),
    the rest of the link kept, sent to the browser as one message."""
    link = query_snapshot()
    for param, value in changes.items():
        if value is None:
            link.pop(param, None)
        else:
            link[param] = value
    st.query_params.from_dict(link)


def set_param(param: str, value: str | None) -> None:
    """Write one URL-contract parameter (None removes it)."""
    write_link({param: value})


def load_context(loaded: Rules | RulesInvalid) -> Context | None:
    """The rules app.py loaded once per process, and the profile from the URL, assessed once."""
    if isinstance(loaded, RulesInvalid):
        show_rules_problems(loaded)
        return None
    snapshot = query_snapshot()  # the link alone: every menu link carries it (app_pages/menu.py)
    today = real_today()
    # The same link is read again on every page of a visit and after every dialog: its assessment
    # is kept for the session (a pure function of the rules, the link and the date), a few links deep.
    key = (id(loaded), today, tuple((k, v if isinstance(v, str) else tuple(v)) for k, v in snapshot.items()))
    recent: dict[tuple[Any, ...], Context] = st.session_state.setdefault(RECENT_KEY, {})
    ctx = recent.pop(key, None)
    if ctx is None or ctx.rules is not loaded:
        parsed = parse_profile(snapshot, loaded, today)
        ctx = Context(loaded, parsed, assess(loaded, parsed))
    recent[key] = ctx  # most recent last
    while len(recent) > RECENT_LINKS:
        del recent[next(iter(recent))]
    st.session_state[CTX_KEY] = ctx
    return ctx


def show_rules_problems(err: RulesInvalid) -> None:
    # Never the folder's path: it says where things live on the server.
    which = "StepWise's own rules" if rules_dir().resolve() == DEFAULT_RULES_DIR.resolve() else "The custom rules folder"
    st.error(f"{which} did not pass validation, so no page can run. One line per problem:")
    rows = [{"File": p.file, "Field": p.field, "Expected": p.expected, "Found": p.found} for p in err.problems]
    st.table(rows)
    st.caption("Fix the files (or point STEPWISE_RULES_DIR at a valid folder) and reload this page: no restart is needed.")


def page_link(entry: PageEntry, label: str, icon: str | None = None, query: dict[str, str] | None = None) -> None:
    """A link to another page (its registry entry) that carries the whole profile, or ``query``."""
    page = st.session_state.get(PAGES_KEY, {}).get(entry.file, entry.file)
    st.page_link(page, label=label, icon=icon, query_params=context().query if query is None else query)


def app_base() -> str:
    """The app's address as the user's browser opened it (``st.context.url``), without path or query.

    Never a guess made on the server (its own host name or port says nothing of the address behind
    a proxy): when the browser's address is not known, links are relative ("/summary?...")."""
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:
        parts = urlsplit("")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return ""
