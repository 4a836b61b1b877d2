"""The dialogs at the top of every page: Change details (the profile's inputs, through the URL
contract's codec) and Share (the link with today pinned), and how any dialog opens and closes.

Not a page (app.py lists its pages explicitly). Inputs that are not on the page cost nothing on
the page's runs: they exist only while their dialog is open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Literal

import streamlit as st

from app_pages.link import Context, app_base, query_snapshot, real_today, write_link
from app_pages.render import plain
from app_pages.state import OPEN_KEY
from stepwise.profile import FIELDS, parse_profile
from stepwise.schema import DEFAULT_EXAM
from stepwise.summary import CYCLES, profile_line, share_url


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
FORM_FIELDS = {f.key: f for f in FIELDS if f.in_form}
LABEL = {key: f.label for key, f in FORM_FIELDS.items()}


def _details_key(field: str) -> str:
    return f"{DETAILS}:{field}"


def details_form(ctx: Context) -> None:
    """The profile's inputs, in the "Change details" dialog. Submitting writes them into the link
    and runs the page again with them; the dialog starts from the link each time it opens."""
    rules = ctx.rules
    state = st.session_state
    problems: list[str] = []
    if state.get(_details_key("apply")):  # submitted: the values are in, nothing needs drawing
        changes = {f.param: f.encode(state.get(_details_key(key))) for key, f in FORM_FIELDS.items()}
        link = query_snapshot() | {param: value for param, value in changes.items() if value is not None}
        for param, value in changes.items():
            if value is None:
                link.pop(param, None)
        labels = {f.param: f.label for f in FORM_FIELDS.values()}
        notices = parse_profile(link, rules, real_today()).notices
        problems = [f"{labels[n.param]}: {n.message}" for n in notices if n.param in labels]
        if not problems:  # a value that cannot be read keeps the dialog open, and the link as it was
            write_link(changes)
            close_dialog()
    if problems:
        st.error(
            "Nothing has changed yet. Please correct this and press **Show my answers** again:\n\n"
            + "\n".join(f"- {plain(p)}" for p in problems)
        )
    if _details_key("in_exam") not in state:
        for key, f in FORM_FIELDS.items():
            state[_details_key(key)] = f.value(ctx.profile)
    lim = rules.exams.input_limits
    scale = rules.exams.score_scale
    k = _details_key
    slugs = [s.slug for s in sorted(rules.specialties.specialties, key=lambda s: s.name)]
    names = {s.slug: s.name for s in rules.specialties.specialties}
    with st.form(DETAILS, border=False):
        left, right = st.columns(2)
        left.selectbox(
            LABEL["in_exam"],
            sorted(rules.exams.steps, key=lambda e: e != DEFAULT_EXAM),
            format_func=lambda e: rules.step(e).name,
            key=k("in_exam"),
        )
        left.number_input(LABEL["in_score"], min_value=scale.min, max_value=scale.max, step=1, placeholder="e.g. 216", key=k("in_score"))
        left.selectbox(LABEL["in_result"], ["pass", "fail"], index=None, placeholder="—", key=k("in_result"))
        left.text_input(
            LABEL["in_attempts"],
            placeholder="2026-03-01, 2026-08-15",
            help="Every attempt, incomplete ones too. The latest is the one scored.",
            key=k("in_attempts"),
        )
        left.number_input(
            LABEL["in_prior_fails"], min_value=0, max_value=lim.max_prior_fails, step=1, placeholder="0", key=k("in_prior_fails")
        )
        left.selectbox(LABEL["in_exception"], ["no", "yes"], index=None, placeholder="—", key=k("in_exception"))
        right.selectbox(
            LABEL["in_specialty"],
            slugs,
            index=None,
            format_func=lambda s: names.get(s, s),
            placeholder="Choose…",
            key=k("in_specialty"),
        )
        right.date_input(
            LABEL["in_exam_date"],
            min_value=lim.earliest_date,
            max_value=lim.latest_date,
            format="YYYY-MM-DD",
            key=k("in_exam_date"),
        )
        right.number_input(LABEL["in_weeks"], min_value=0, max_value=lim.max_weeks, step=1, placeholder="e.g. 8", key=k("in_weeks"))
        right.selectbox(LABEL["in_cycle"], list(CYCLES), index=None, format_func=CYCLES.get, placeholder="—", key=k("in_cycle"))
        right.date_input(
            LABEL["in_today"],
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


def details_bar(ctx: Context, path: str) -> None:
    """Top of every page: the profile in one line, and the two actions on it (change it, share it)."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(plain(profile_line(ctx.assessment)), width="stretch")
        dialog_button("Change details", DETAILS, "Your details", partial(details_form, ctx), icon=":material/edit:", width="large")
        dialog_button("Share", "share", "Share this view", partial(share_view, ctx, path), icon=":material/link:")
