"""Start: what StepWise does and "what happened?" first, then the profile in one look, then worked examples."""

from __future__ import annotations

import streamlit as st

from app_pages.common import context, page_link, plain, set_param, share_box
from stepwise.examples import EXAMPLES, SITUATIONS
from stepwise.summary import profile_rows

ctx = context()
a = ctx.assessment
st.title("What happened?")
st.markdown(
    "After a failed or low USMLE score, StepWise answers four questions: retake or not, the Step 2 CK score to aim for, "
    "how long to study, and where your practice tests are heading. Pick what happened:"
)


def choose(key: str) -> None:
    for param, value in SITUATIONS[key].params.items():
        set_param(param, value)
    st.session_state.pop("_stepwise_synced", None)  # re-seed the sidebar from the new link


cols = st.columns(2)
half = (len(SITUATIONS) + 1) // 2  # column by column, so a phone stacks them in order: the fails first
for i, (key, sit) in enumerate(SITUATIONS.items()):
    cols[i // half].button(sit.label, key=f"sit_{key}", on_click=choose, args=(key,), width="stretch", help=sit.help)

current = next((s for s in SITUATIONS.values() if s.matches(ctx.profile, a.standing.outcome)), None)
if current is not None:
    st.success(f"**{current.label}.** {current.next_step}")
    page_link(current.next_page, current.next_label, icon=":material/arrow_forward:")
st.caption("Then fill in what you know in the sidebar (on a phone: the » at the top left). Every page answers from it.")

if set(ctx.query) <= {"exam", "today"}:  # the Step is always there; a pinned date is not an answer
    st.subheader("Your profile")
    st.info("Nothing entered yet. Use the sidebar, or open one of the examples below.")
else:
    rows = [(k, v) for k, v in profile_rows(ctx.rules, a) if v != "—"]
    st.markdown("\n".join(["### Your profile", "", "| Item | Value |", "|---|---|", *(f"| {plain(k)} | {plain(v)} |" for k, v in rows)]))

st.subheader("Worked examples")
st.caption("Real cases from the articles and the USMLE rules, with every input filled in. Each opens here, in this tab.")
for ex in EXAMPLES:
    with st.container(border=True):
        st.markdown(f"**{plain(ex.title)}**  \n{plain(ex.text)}")
        page_link(ex.page, ex.link_label, icon=":material/arrow_forward:", query=ex.params)

st.info(
    icon=":material/lock:",
    body="**Privacy.** StepWise stores nothing you enter and logs no links. Everything lives in the page address: "
    "whoever has your link can see your scores, so share it only with people you trust.",
)
share_box("")
