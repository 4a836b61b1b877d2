"""Start: what happened, the profile in one look, and worked examples from the seeds."""

from __future__ import annotations

import streamlit as st

from app_pages.common import context, page_link, plain, set_param, share_box
from stepwise.examples import EXAMPLES, SITUATIONS
from stepwise.summary import profile_rows

ctx = context()
st.title("What happened?")
st.write(
    "StepWise helps after a failed or low USMLE result: whether to retake, the Step 2 CK score to aim for, "
    "how long to study, and where your practice tests are heading. Pick your situation, then fill in what you know "
    "in the sidebar (on a phone: the › at the top left)."
)


def choose(key: str) -> None:
    for param, value in SITUATIONS[key].params.items():
        set_param(param, value)
    st.session_state.pop("_stepwise_synced", None)  # re-seed the sidebar from the new link


cols = st.columns(2)
for i, (key, sit) in enumerate(SITUATIONS.items()):
    cols[i % 2].button(sit.label, key=f"sit_{key}", on_click=choose, args=(key,), width="stretch", help=sit.help)

outcome = ctx.assessment.standing.outcome
current = next((s for s in SITUATIONS.values() if s.matches(ctx.profile, outcome)), None)
if current is not None:
    st.success(f"**{current.label}.** {current.next_step}")
    page_link(current.next_page, current.next_label, icon=":material/arrow_forward:")

st.subheader("Your profile")
known = [(k, v) for k, v in profile_rows(ctx.rules, ctx.assessment) if v not in ("—", "0")]
if len(known) <= 2:
    st.info("Nothing entered yet. Use the sidebar, or open one of the examples below.")
else:
    st.table({"": [k for k, _ in known], "value": [v for _, v in known]})

st.subheader("Worked examples from the articles")
st.caption("Each opens a real case from the source articles with every input filled in.")
for ex in EXAMPLES:
    with st.container(border=True):
        st.markdown(f"**{plain(ex.title)}**  \n{plain(ex.text)}")
        st.page_link(ex.page, label=ex.link_label, icon=":material/open_in_new:", query_params=ex.params)

st.info(
    icon=":material/lock:",
    body="**Privacy.** StepWise stores nothing you enter and logs no links. Everything lives in the page address: "
    "whoever has your link can see your scores, so share it only with people you trust.",
)
share_box("")
