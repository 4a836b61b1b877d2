"""Summary: every verdict first, then the profile, downloads and the share link. Renders the run's assessment."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.common import app_base, chart, context, paragraphs, plain, table
from stepwise.charts import projection_chart
from stepwise.export import ics, markdown, pdf, practice_csv
from stepwise.summary import share_url, summarize

ctx = context()
rules, a = ctx.rules, ctx.assessment
p = a.profile
summary = summarize(rules, a)
url = share_url(app_base(), "summary", p)

st.title("Summary")
sections = (f"**{plain(title)}**\n\n" + "\n".join(f"- **{plain(k)}:** {plain(v)}" for k, v in rows) for title, rows in summary.sections)
st.markdown(paragraphs(f"### {plain(summary.headline)}", *sections))

proj = a.projection
if proj is not None and proj.tests:
    shown = proj.planned or proj.now
    standard = shown.standard if shown is not None else rules.step(p.exam).passing_standards[-1].score
    real = (p.latest_attempt, a.standing.score) if a.standing.score is not None and p.latest_attempt is not None else None
    scale = rules.exams.score_scale
    chart(projection_chart(proj, standard, a.target.value, f"Aim {a.target.value}", real, (scale.min, scale.max)))

with st.expander("Profile", expanded=False):
    table({"Item": [k for k, _ in summary.profile_rows], "Value": [v for _, v in summary.profile_rows]})

st.subheader("Downloads")
c1, c2, c3, c4 = st.columns(4)
# Files are built on click (Streamlit runs the callable then), not on every rerun.
c1.download_button("PDF one-pager", partial(pdf, summary, url), "stepwise-summary.pdf", "application/pdf", icon=":material/picture_as_pdf:")
c2.download_button("Markdown", partial(markdown, summary, url), "stepwise-summary.md", "text/markdown", icon=":material/description:")
c3.download_button(
    "Practice tests (.csv)", partial(practice_csv, a), "stepwise-practice.csv", "text/csv", icon=":material/table:",
    disabled=not p.practice, help=None if p.practice else "No practice tests entered yet.",
)  # fmt: skip
c4.download_button(
    "Calendar (.ics)", partial(ics, a), "stepwise-calendar.ics", "text/calendar", icon=":material/event:",
    disabled=not (a.plan or a.dates), help=None if (a.plan or a.dates) else "No study plan or key dates to put in a calendar.",
)  # fmt: skip
st.caption(plain(f"Computed on {p.today}. Print this page with your browser, or download it above."))

st.markdown("**Share link** (the date is pinned, so it shows the same next month):")
st.code(url, language=None, wrap_lines=True)
st.info(
    icon=":material/lock:",
    body="**Privacy.** Nothing you entered is stored on the server or logged. The files are made on request and "
    "not kept; the link itself carries your scores, so share it with care.",
)
