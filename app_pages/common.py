"""Streamlit glue shared by app.py and the pages: the profile in the URL, notices, share links.

Not a page (app.py lists its pages explicitly). Logic lives in ``stepwise``; this only reads
widgets, writes the URL and lays out.

Why not ``bind="query-params"``: a bound selectbox writes its display label into the URL
(``Step 2 CK`` instead of the contract's ``step2ck``), and a bound widget drops an unreadable
value silently; the URL contract needs its own formats and a notice naming the parameter. So
widgets are seeded from :func:`stepwise.profile.parse_profile` and write back through
:func:`stepwise.profile.to_query`'s formats.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any, Literal, TypeVar
from urllib.parse import urlencode, urlsplit

import orjson
import streamlit as st

from stepwise.assess import Assessment, assess
from stepwise.glossary import anchor
from stepwise.profile import Notice, ParsedProfile, Profile, parse_profile, to_query
from stepwise.rules import DEFAULT_RULES_DIR, Rules, RulesInvalid, rules_dir
from stepwise.sources import Citation, cite_parts
from stepwise.summary import CYCLES, profile_line, share_url

CTX_KEY = "_stepwise_ctx"
PAGES_KEY = "_stepwise_pages"
RECENT_KEY, RECENT_LINKS = "_stepwise_recent", 4  # the session's last few links, assessed
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """Text shown literally by Streamlit's markdown (no links, no HTML, no formatting)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


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


def real_today() -> dt.date:
    return dt.date.today()


# widget key -> (URL parameter, value for the widget from a profile, URL text from a widget value)
def _fields(rules: Rules) -> dict[str, tuple[str, Callable[[Profile], Any], Callable[[Any], str | None]]]:
    def text(v: Any) -> str | None:
        return None if v in (None, "") else str(v).strip() or None

    def day(v: Any) -> str | None:
        return v.isoformat() if isinstance(v, dt.date) else None

    def num(v: Any) -> str | None:
        return None if v is None else str(int(v))

    return {
        "in_exam": ("exam", lambda p: p.exam, lambda v: v or "step2ck"),  # links always carry the Step
        "in_score": ("score", lambda p: p.score, num),
        "in_result": ("result", lambda p: p.result, text),
        "in_attempts": ("attempts", lambda p: ", ".join(d.isoformat() for d in p.attempts), lambda v: text(re.sub(r"\s+", "", v or ""))),
        "in_prior_fails": ("prior_fails", lambda p: p.prior_fails, num),
        "in_specialty": ("specialty", lambda p: p.specialty, text),
        "in_exam_date": ("exam_date", lambda p: p.exam_date, day),
        "in_weeks": ("weeks", lambda p: p.weeks, num),
        "in_cycle": ("cycle", lambda p: p.cycle, text),
        "in_exception": ("exception", lambda p: None if p.exception is None else ("yes" if p.exception else "no"), text),
        "in_today": ("today", lambda p: p.today if p.today_pinned else None, day),
    }


def _query_snapshot() -> dict[str, str | list[str]]:
    """The link's parameters; a repeated one keeps every value, so the parser can name it."""
    out: dict[str, str | list[str]] = {}
    for k in st.query_params:
        values = st.query_params.get_all(k)
        out[k] = values if len(values) > 1 else (values[0] if values else "")
    return out


def set_param(param: str, value: str | None) -> None:
    """Write one URL-contract parameter (None removes it)."""
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    else:
        st.query_params[param] = value


def load_context(loaded: Rules | RulesInvalid) -> Context | None:
    """The rules app.py loaded once per process, and the profile from the URL, assessed once."""
    if isinstance(loaded, RulesInvalid):
        show_rules_problems(loaded)
        return None
    snapshot = _query_snapshot()  # the link alone: every menu link carries it (app_pages/menu.py)
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


OPEN_KEY = "_stepwise_open_dialog"


def close_dialog() -> None:
    """Close the open dialog and run the whole page again (for a dialog's action: its result shows on the page)."""
    st.session_state.pop(OPEN_KEY, None)
    st.rerun()


def drawn_once() -> None:
    """For a dialog whose only actions leave the page (links): it is drawn for this opening only,
    so coming back to the page does not open it again."""
    st.session_state.pop(OPEN_KEY, None)


def _dismissed() -> None:
    st.session_state.pop(OPEN_KEY, None)


def dialog_button(
    label: str,
    key: str,
    title: str,
    body: Callable[[], None],
    *,
    icon: str | None = None,
    width: Literal["small", "medium", "large"] = "medium",
) -> None:
    """A button that opens ``body`` in a dialog.

    Inputs that are not on the page cost nothing on the page's runs (each widget costs the server
    about 0.5 ms a run): they exist only while their dialog is open. Which dialog is open is kept in
    session state, so a full run (a link change, a test harness) draws it again until it is closed
    (:func:`close_dialog`, or dismissed). Not in a fragment: a fragment copies the page's layout
    stack on every run (about 1 ms each), and a dialog is opened far less often than a page is read."""
    if st.button(label, key=f"open_{key}", icon=icon):
        for stale in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"{key}:")]:
            del st.session_state[stale]  # the inputs start from the link each time the dialog opens
        st.session_state[OPEN_KEY] = key
    if st.session_state.get(OPEN_KEY) == key:
        st.dialog(title, width=width, on_dismiss=_dismissed)(body)()


DETAILS = "details"
DETAIL_LABELS = {
    "in_exam": "Exam of the latest result",
    "in_score": "Latest score (three-digit)",
    "in_result": "Result, if there is no score",
    "in_attempts": "Attempt dates at this Step",
    "in_prior_fails": "Failed attempts at other Steps",
    "in_exception": "A USMLE retake exception applies to me",
    "in_specialty": "Target specialty",
    "in_exam_date": "Planned exam date",
    "in_weeks": "Protected study weeks available",
    "in_cycle": "Application cycle",
    "in_today": "Compute as of (optional)",
}


def _details_key(field: str) -> str:
    return f"{DETAILS}:{field}"


def details_form(ctx: Context) -> None:
    """The profile's inputs, in the "Change details" dialog. Submitting writes them into the link
    and runs the page again with them; the dialog starts from the link each time it opens."""
    rules = ctx.rules
    fields = _fields(rules)
    state = st.session_state
    problems: list[str] = []
    if state.get(_details_key("apply")):  # submitted: the values are in, nothing needs drawing
        link = _query_snapshot()  # what the dialog does not edit (the practice tests) stays
        for key, (param, _, fmt) in fields.items():
            value = fmt(state.get(_details_key(key)))
            if value is None:
                link.pop(param, None)
            else:
                link[param] = value
        edited = {param: DETAIL_LABELS[key] for key, (param, _, _) in fields.items()}
        notices = parse_profile(link, rules, real_today()).notices
        problems = [f"{edited[n.param]}: {n.message}" for n in notices if n.param in edited]
        if not problems:  # a value that cannot be read keeps the dialog open, and the link as it was
            st.query_params.from_dict(link)  # one message to the browser, not one a parameter
            close_dialog()
    if problems:
        st.error(
            "Nothing has changed yet. Please correct this and press **Show my answers** again:\n\n"
            + "\n".join(f"- {plain(p)}" for p in problems)
        )
    if _details_key("in_exam") not in state:
        for key, (_, from_profile, _) in fields.items():
            state[_details_key(key)] = from_profile(ctx.profile)
    lim = rules.exams.input_limits
    scale = rules.exams.score_scale
    k = _details_key
    slugs = [s.slug for s in sorted(rules.specialties.specialties, key=lambda s: s.name)]
    names = {s.slug: s.name for s in rules.specialties.specialties}
    with st.form(DETAILS, border=False):
        left, right = st.columns(2)
        left.selectbox(DETAIL_LABELS["in_exam"], ["step2ck", "step1"], format_func=lambda e: rules.step(e).name, key=k("in_exam"))
        left.number_input(
            DETAIL_LABELS["in_score"], min_value=scale.min, max_value=scale.max, step=1, placeholder="e.g. 216", key=k("in_score")
        )
        left.selectbox(DETAIL_LABELS["in_result"], ["pass", "fail"], index=None, placeholder="—", key=k("in_result"))
        left.text_input(
            DETAIL_LABELS["in_attempts"],
            placeholder="2026-03-01, 2026-08-15",
            help="Every attempt, incomplete ones too. The latest is the one scored.",
            key=k("in_attempts"),
        )
        left.number_input(
            DETAIL_LABELS["in_prior_fails"], min_value=0, max_value=lim.max_prior_fails, step=1, placeholder="0", key=k("in_prior_fails")
        )
        left.selectbox(DETAIL_LABELS["in_exception"], ["no", "yes"], index=None, placeholder="—", key=k("in_exception"))
        right.selectbox(
            DETAIL_LABELS["in_specialty"],
            slugs,
            index=None,
            format_func=lambda s: names.get(s, s),
            placeholder="Choose…",
            key=k("in_specialty"),
        )
        right.date_input(
            DETAIL_LABELS["in_exam_date"],
            min_value=lim.earliest_date,
            max_value=lim.latest_date,
            format="YYYY-MM-DD",
            key=k("in_exam_date"),
        )
        right.number_input(DETAIL_LABELS["in_weeks"], min_value=0, max_value=lim.max_weeks, step=1, placeholder="e.g. 8", key=k("in_weeks"))
        right.selectbox(DETAIL_LABELS["in_cycle"], list(CYCLES), index=None, format_func=CYCLES.get, placeholder="—", key=k("in_cycle"))
        right.date_input(
            DETAIL_LABELS["in_today"],
            min_value=lim.earliest_date,
            max_value=lim.latest_date,
            format="YYYY-MM-DD",
            help="Leave empty for today. Pinned in shared links so they show the same result later.",
            key=k("in_today"),
        )
        st.form_submit_button("Show my answers", type="primary", icon=":material/check:", key=k("apply"))
    st.caption(":material/lock: Nothing is stored: the page's link carries what you enter. Practice tests are on the projection page.")


def share_view(ctx: Context, path: str) -> None:
    """The link to this view with today pinned (in the "Share" dialog), with Streamlit's copy button."""
    st.markdown("Copy this link: it reproduces this page, with the date pinned so it reads the same next month.")
    st.code(share_url(app_base(), path, ctx.profile), language=None, wrap_lines=True)
    st.caption("Whoever has the link can see the scores in it: share it only with people you trust.")


# Two things Streamlit's theme cannot say, by the test ids Streamlit gives its menu (public in its
# own end-to-end tests): a focus mark on menu links that a keyboard user sees (Streamlit's is a faint
# tint), and a word beside the bare "»" that opens the page menu on a phone.
PAGE_STYLE = """<style>
[data-testid="stPageLink-NavLink"]:focus-visible, [data-testid="stTopNavLink"]:focus-visible, [data-testid="stSidebarNavLink"]:focus-visible,
[data-testid="stTopNavDropdownLink"]:focus-visible, [data-testid="stExpandSidebarButton"]:focus-visible {
  outline: 3px solid #0072B2; outline-offset: 2px; border-radius: 4px;
}
[data-testid="stExpandSidebarButton"]::after { content: "Pages"; font-size: 0.95rem; margin-left: 0.15rem; color: #121110; }
</style>"""


def page_style() -> None:
    """The focus mark on menu links and the phone menu's label (:data:`PAGE_STYLE`)."""
    st.html(PAGE_STYLE)


def details_bar(ctx: Context, path: str) -> None:
    """Top of every page: the profile in one line, and the two actions on it (change it, share it)."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(plain(profile_line(ctx.assessment)), width="stretch")
        dialog_button("Change details", DETAILS, "Your details", partial(details_form, ctx), icon=":material/edit:", width="large")
        dialog_button("Share", "share", "Share this view", partial(share_view, ctx, path), icon=":material/link:")


# Charts and tables are replayed from memory when the same one was drawn before in this session:
# keyed on their content. Session-scoped, so nothing drawn from a student's link outlives their
# session or reaches another one ("nothing a student enters is stored"). Bounded in number and age.
REPLAY_ENTRIES, REPLAY_SECONDS = 50, 15 * 60
CHART_CONFIG = {"displayModeBar": False}


@st.cache_data(show_spinner=False, max_entries=REPLAY_ENTRIES, ttl=REPLAY_SECONDS, scope="session")
def _replay_chart(spec: bytes, alt: str, _fig: dict[str, Any]) -> None:
    st.plotly_chart(_fig, config=CHART_CONFIG, alt=alt)


def chart(fig: dict[str, Any], alt: str) -> None:
    """A plotly figure dict, named for screen readers by ``alt`` (one sentence from
    :mod:`stepwise.alt`). ``st.plotly_chart`` validates a dict through ``go.Figure`` on every
    call (about 10 ms); a figure drawn before is replayed instead. The key is the figure's bytes
    and its name: hashing them is far cheaper than hashing the nested dict."""
    _replay_chart(spec=orjson.dumps(fig), alt=alt, _fig=fig)  # by keyword: no signature lookup per call


@st.cache_data(show_spinner=False, max_entries=REPLAY_ENTRIES, ttl=REPLAY_SECONDS, scope="session")
def _replay_table(content: bytes, _columns: dict[str, list[Any]]) -> None:
    st.table(_columns, hide_index=True)


def table(columns: dict[str, list[Any]]) -> None:
    """A small static table from its columns. ``st.table`` goes through pandas and Arrow on every
    call (2-4 ms); a table drawn before is replayed instead. ``hide_index`` as Streamlit decides
    it for a dict (a plain row count is never shown), without converting the dict twice."""
    _replay_table(content=orjson.dumps(columns), _columns=columns)


def rows_table(rows: list[dict[str, Any]]) -> None:
    """A small static table from its rows: lighter in the browser than the interactive data grid."""
    if rows:
        table({key: [r[key] for r in rows] for key in rows[0]})


def show_notices(notices: tuple[Notice, ...]) -> None:
    if notices:
        with st.container(border=True):
            items = "\n".join("- " + plain(str(n).replace("`", "")) for n in notices)
            st.markdown(f"**Some values in the link were not used:**\n\n{items}")


def page_link(path: str, label: str, icon: str | None = None, query: dict[str, str] | None = None) -> None:
    """A link to another page (its file, as in the registry) that carries the whole profile, or ``query``."""
    page = st.session_state.get(PAGES_KEY, {}).get(path, path)
    st.page_link(page, label=label, icon=icon, query_params=context().query if query is None else query)


def meaning(key: str, label: str) -> str:
    """A Markdown link from a word to what it means ("What the words mean" on the Sources page,
    :mod:`stepwise.glossary`), carrying the profile. Relative, so it works under any base path."""
    query = urlencode(context().query, safe=",:@")
    return f"[{plain(label)}](sources?{query}#{anchor(key)})"


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


def _link(label: str, url: str) -> str:
    """A Markdown link to an address from the rules (never from the URL of the page)."""
    if not url.startswith(("https://", "http://")):
        return plain(url)
    return f"[{plain(label)}]({url.replace('(', '%28').replace(')', '%29').replace(' ', '%20')})"


def citation_markdown(c: Citation) -> str:
    """One citation for ``st.markdown``: its words as text, its addresses as links named by their organisation."""
    links = ", ".join(_link(link.host if c.names(link) else link.site, link.url) for link in c.links)
    if not links:
        return plain(c.words)
    return f"{plain(c.words)} ({links})" if c.words else links


def cited(source: str) -> str:
    """A ``source`` from the rules as Markdown a user can follow (:func:`stepwise.sources.cite`, with links)."""
    return "; ".join(citation_markdown(c) for c in cite_parts(context().rules, source))


def source_text(source: str, as_of: dt.date, extra: str = "") -> str:
    """The source of the figures next to them, as caption Markdown: cited by title or organisation,
    with their date. Pages put it in the caption it follows (:func:`captions`)."""
    parts = cite_parts(context().rules, source)
    dated = as_of.isoformat() in " ".join(c.text() for c in parts)  # an article's own date: not twice
    where = "; ".join(citation_markdown(c) for c in parts)
    when = "" if dated else f" (as of {as_of})"
    return f"Source: {where}{when}." + (f" {plain(extra.strip())}" if extra.strip() else "")


def source_note(source: str, as_of: dt.date, extra: str = "") -> None:
    """The source of the figures next to them, in a note of its own."""
    captions(source_text(source, as_of, extra))


def small(text: str) -> str:
    """One paragraph of Markdown drawn small and grey, like a caption, at full opacity.

    Not ``st.caption``: Streamlit draws a caption at 60% opacity, and a link in it (a source) falls
    to about 3:1 against white, below the 4.5:1 that text needs; grey text here is about 6:1 and
    its links keep their own colour."""
    return f":small[:gray[{text}]]"


def paragraphs(*parts: str | None) -> str:
    """Markdown paragraphs (empty parts left out) for one element: each Streamlit element costs
    the server about 0.2 ms a run to queue and send, so text that follows text goes in one."""
    return "\n\n".join(p for p in parts if p)


def captions(*parts: str | None) -> None:
    """Consecutive notes as one element, one small grey paragraph each (:func:`small`)."""
    text = paragraphs(*(small(p) for p in parts if p))
    if text:
        st.markdown(text)


class Paragraphs:
    """Text written in order, where a run of Markdown (or of captions) goes out as one element.

    For text whose parts depend on conditions: ``with Paragraphs() as t: t.markdown(...);
    t.caption(...)``. Nothing else may be drawn inside the block (it would come before the text
    still held); the held text is drawn when the block ends.
    """

    def __init__(self) -> None:
        self._draw: Callable[[str], object] | None = None
        self._parts: list[str] = []

    def markdown(self, text: str) -> None:
        self._add(st.markdown, text)

    def caption(self, text: str) -> None:
        self._add(st.markdown, small(text))  # small grey Markdown (:func:`small`): one element with the text around it

    def _add(self, draw: Callable[[str], object], text: str) -> None:
        if draw is not self._draw:
            self.flush()
            self._draw = draw
        self._parts.append(text)

    def flush(self) -> None:
        if self._draw is not None and self._parts:
            self._draw(paragraphs(*self._parts))
        self._draw, self._parts = None, []

    def __enter__(self) -> Paragraphs:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.flush()
