"""How pages lay things out: literal text, small grey notes, one Markdown element for text that
follows text, charts and tables replayed when drawn before, notices, citations.

Not a page (app.py lists its pages explicitly). Each Streamlit element costs the server a share of
every run, so text that follows text goes out as one element, and a chart or table drawn before in
the session is replayed from memory instead of being built again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import orjson
import plotly.graph_objects as go  # type: ignore[import-untyped]  # plotly ships no type hints
import pyarrow as pa
import streamlit as st

from app_pages.link import context
from app_pages.state import REPLAY_ENTRIES, REPLAY_SECONDS
from stepwise.glossary import anchor
from stepwise.profile import Notice
from stepwise.sources import Citation, cite_parts

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """Text shown literally by Streamlit's markdown (no links, no HTML, no formatting)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


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


# Charts and tables are replayed from memory when the same one was drawn before in this session
# (app_pages/state.py says why they are session-scoped and how long they live).
CHART_CONFIG = {"displayModeBar": False}


def unvalidated(fig: dict[str, Any]) -> Any:
    """``fig`` as a plotly ``Figure`` built without plotly's property validation (its per-figure
    ``_validate`` switch), which ``st.plotly_chart`` sends without validating it again. Only for
    figures from :mod:`stepwise.charts`, whose validity the tests establish (tests/test_charts.py)."""
    return go.Figure(fig, _validate=False)


@st.cache_data(show_spinner=False, max_entries=REPLAY_ENTRIES, ttl=REPLAY_SECONDS, scope="session")
def _replay_chart(spec: bytes, alt: str, _fig: dict[str, Any]) -> None:
    st.plotly_chart(unvalidated(_fig), config=CHART_CONFIG, alt=alt)


def chart(fig: dict[str, Any], alt: str) -> None:
    """A plotly figure dict from :mod:`stepwise.charts`, named for screen readers by ``alt`` (one
    sentence from :mod:`stepwise.alt`). It goes to ``st.plotly_chart`` unvalidated
    (:func:`unvalidated`: 2–3 ms instead of 5–14); a figure drawn before in the
    session is replayed instead. The key is the figure's bytes and its name: hashing them is far
    cheaper than hashing the nested dict."""
    _replay_chart(spec=orjson.dumps(fig), alt=alt, _fig=fig)  # by keyword: no signature lookup per call


def arrow_table(columns: dict[str, list[Any]]) -> pa.Table:
    """The columns as an Arrow table, which ``st.table`` sends as it is (0.2 ms) where a dict goes
    through pandas first (about 2 ms). A column of mixed kinds (numbers and words) goes as words,
    as Streamlit would show it."""
    arrays = {}
    for name, values in columns.items():
        try:
            arrays[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays[name] = pa.array([None if v is None else str(v) for v in values])
    return pa.table(arrays)


@st.cache_data(show_spinner=False, max_entries=REPLAY_ENTRIES, ttl=REPLAY_SECONDS, scope="session")
def _replay_table(content: bytes, _columns: dict[str, list[Any]]) -> None:
    st.table(arrow_table(_columns), hide_index=True)


def table(columns: dict[str, list[Any]]) -> None:
    """A small static table from its columns, sent as Arrow (:func:`arrow_table`); a table drawn
    before in the session is replayed instead."""
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


def meaning(key: str, label: str) -> str:
    """A Markdown link from a word to what it means ("What the words mean" on the Sources page,
    :mod:`stepwise.glossary`), carrying the profile. Relative, so it works under any base path."""
    query = urlencode(context().query, safe=",:@")
    return f"[{plain(label)}](sources?{query}#{anchor(key)})"


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
