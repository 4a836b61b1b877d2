"""Start: "what happened?" first, the next step for it, then the worked examples (in a dialog)."""

from __future__ import annotations

import streamlit as st

from app_pages.dialogs import dialog_button, drawn_once
from app_pages.link import context, page_link, set_param
from app_pages.render import plain
from stepwise.examples import EXAMPLES, SITUATIONS

SITUATION_KEY = "situation"
ctx = context()
assessment = ctx.assessment
st.title("What happened?")


def choose() -> None:
    key = st.session_state.get(SITUATION_KEY)
    if key in SITUATIONS:  # choosing the chosen one again clears the radio: nothing to change
        params = SITUATIONS[key].params
        for param, value in params.items():
            set_param(param, value)
        if "result" not in params:  # a result is the chosen Step's: another Step's would name another situation
            set_param("result", None)


current = next((k for k, s in SITUATIONS.items() if s.matches(ctx.profile, assessment.standing.outcome)), None)
if current is None and st.session_state.get(SITUATION_KEY) == "first_attempt" and not ctx.profile.attempts:
    current = "first_attempt"  # picked on a link with nothing taken: nothing in the link marks it yet
change = "fill in what you know with **Change details** at the top of the page: every page answers from it."
intro = (
    "After a failed or low USMLE score, StepWise answers four questions: retake or not, the Step 2 CK score to aim for, "
    "how long to study, and where your practice tests are heading."
)
# A link that already says what matters for the answers is not asked to be filled in again.
complete = ctx.profile.score is not None and ctx.profile.specialty is not None and bool(ctx.profile.attempts)
if current is not None:  # the link already says what happened: its answer first, the choice after it
    sit = SITUATIONS[current]
    review = "Check or change your details with **Change details** at the top of the page: every page answers from them."
    st.success(f"**{plain(sit.label)}.** {plain(sit.next_step)}\n\n{review if complete else f'Then {change}'}")
    page_link(sit.next_page, sit.next_label, icon=":material/arrow_forward:")
    st.markdown(f"{intro} Something else happened? Pick it:")
else:
    st.markdown(f"{intro} Pick what happened:")
st.session_state[SITUATION_KEY] = current  # the radio shows the link's situation, whatever was clicked before
st.radio(
    "What happened?",
    list(SITUATIONS),
    index=None,
    format_func=lambda k: SITUATIONS[k].label,
    captions=[plain(s.help) for s in SITUATIONS.values()],
    key=SITUATION_KEY,
    on_change=choose,
    label_visibility="collapsed",
)
if current is None and set(ctx.query) <= {"exam", "today"}:  # the Step is always there; a pinned date is not an answer
    st.info(f"Nothing entered yet. Pick what happened above, {change} Or open one of the worked examples below.")


def examples() -> None:
    drawn_once()  # its links leave the page: coming back must not reopen it
    for ex in EXAMPLES:
        st.markdown(f"**{plain(ex.title)}**  \n{plain(ex.text)}")
        page_link(ex.page, ex.link_label, icon=":material/arrow_forward:", query=ex.params)


otherwise = "" if current is not None or complete or set(ctx.query) <= {"exam", "today"} else f"{change[0].upper()}{change[1:]}\n\n"
st.markdown(
    f"{otherwise}## Worked examples\n\nReal cases from the articles and the USMLE rules, with every input filled in. "
    "Each opens here, in this tab."
)
dialog_button("Open the worked examples", "examples", "Worked examples", examples, icon=":material/menu_book:", width="large")
st.caption(
    ":material/lock: **Privacy.** StepWise stores nothing you enter and logs no links. Everything lives in the page address: "
    "whoever has your link can see your scores, so share it only with people you trust."
)
