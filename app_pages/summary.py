"""Summary: every verdict and key number on one printable page, the share link, and downloads."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.common import app_base, context, plain
from stepwise.charts import projection_chart
from stepwise.export import ics, markdown, pdf, practice_csv
from stepwise.summary import share_url, summarize

ctx = context()
rules, p = ctx.rules, ctx.profile
summary = summarize(rules, p)
url = share_url(app_base(), "summary", p)

st.title("Summary")
st.caption(plain(f"Computed on {p.today}. Print this page with your browser, or download it below."))
st.markdown("**Share link** (the date is pinned, so it shows the same next month):")
st.code(url, language=None, wrap_lines=True)

left, right = st.columns([1, 2])
with left:
    st.markdown("**Profile**")
    st.table({"": [k for k, _ in summary.profile_rows], "value": [v for _, v in summary.profile_rows]})
with right:
    for title, rows in summary.sections:
        st.markdown(f"**{plain(title)}**")
        st.markdown("\n".join(f"- **{plain(k)}:** {plain(v)}" for k, v in rows))

proj = summary.projection
if proj is not None:
    target = summary.target
    real = (p.latest_attempt, p.score) if p.score is not None and p.latest_attempt is not None else None
    st.plotly_chart(
        projection_chart(proj, proj.standard.score, target.value, f"Target {target.value}", real), config={"displayModeBar": False}
    )
    st.caption(
        plain(f"Projected {proj.low:.0f}–{proj.high:.0f} on {proj.on}; passing standard {proj.standard.score}; target {target.value}.")
    )

st.subheader("Downloads")
c1, c2, c3, c4 = st.columns(4)
# Files are built on click (Streamlit runs the callable then), not on every rerun.
c1.download_button("PDF one-pager", partial(pdf, summary, url), "stepwise-summary.pdf", "application/pdf", icon=":material/picture_as_pdf:")
c2.download_button("Markdown", partial(markdown, summary, url), "stepwise-summary.md", "text/markdown", icon=":material/description:")
c3.download_button("Practice tests (.csv)", partial(practice_csv, rules, p), "stepwise-practice.csv", "text/csv", icon=":material/table:")
c4.download_button(
    "Key dates (.ics)", partial(ics, summary.study.dates, p.today), "stepwise-dates.ics", "text/calendar", icon=":material/event:"
)
st.info(
    icon=":material/lock:",
    body="**Privacy.** Nothing you entered is stored on the server or logged. The files are made on request and "
    "not kept; the link itself carries your scores, so share it with care.",
)
