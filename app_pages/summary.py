"""Summary: every verdict first, then the chart, the profile, the share link and the downloads
(the one-page handout among them). Renders the run's assessment."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.dialogs import dialog_button
from app_pages.link import app_base, context
from app_pages.render import chart, meaning, paragraphs, plain
from stepwise.export import ics, markdown, practice_csv
from stepwise.handout import handout
from stepwise.practice_chart import practice_versus_real
from stepwise.summary import share_url, summarize

ctx = context()
rules, assessment = ctx.rules, ctx.assessment
profile = assessment.profile
summary = summarize(rules, assessment)
url = share_url(app_base(), "summary", profile)
FILES = "files"  # the Downloads dialog's key: its buttons' keys start with "files:"


def bullets(rows: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """Labelled rows as bullets; the reasons for a verdict ("Why" rows) as bullets under it."""
    return "\n".join(f"  - {plain(v)}" if k == "Why" and i else f"- **{plain(k)}:** {plain(v)}" for i, (k, v) in enumerate(rows))


st.title("Summary")
sections = (f"**{plain(title)}**\n\n" + bullets(rows) for title, rows in summary.sections)
st.markdown(paragraphs(f"## {plain(summary.headline)}", *sections, meaning("range", "What the words mean")))

drawn = practice_versus_real(rules, assessment)
if drawn is not None:
    chart(*drawn)

st.markdown(
    paragraphs(
        "**Profile**\n\n" + bullets(summary.profile_rows),
        plain(f"Computed on {profile.today}. Print this page with your browser, or take it as a file with ") + "**Downloads** below.",
        "**Share link** (the date is pinned, so it shows the same next month):",
    )
)
st.code(url, language=None, wrap_lines=True)


def downloads() -> None:
    """The four files, each made only when its button is clicked."""
    st.download_button("PDF handout (US Letter)", partial(handout, rules, assessment, url, "Letter"), "stepwise-summary.pdf",
                       "application/pdf", icon=":material/picture_as_pdf:", key=f"{FILES}:pdf")  # fmt: skip
    st.download_button("PDF handout (A4)", partial(handout, rules, assessment, url, "A4"), "stepwise-summary-a4.pdf",
                       "application/pdf", icon=":material/picture_as_pdf:", key=f"{FILES}:pdf_a4")  # fmt: skip
    st.download_button("Markdown (plain text)", partial(markdown, summary, url), "stepwise-summary.md", "text/markdown",
                       icon=":material/description:", key=f"{FILES}:md")  # fmt: skip
    st.download_button(
        "Practice tests (.csv)", partial(practice_csv, assessment), "stepwise-practice.csv", "text/csv", icon=":material/table:",
        disabled=not profile.practice, help=None if profile.practice else "No practice tests entered yet.", key=f"{FILES}:csv",
    )  # fmt: skip
    st.download_button(
        "Calendar (.ics)", partial(ics, assessment), "stepwise-calendar.ics", "text/calendar", icon=":material/event:",
        disabled=not (assessment.plan or assessment.dates), help=None if (assessment.plan or assessment.dates) else "No study plan or key dates to put in a calendar.",
        key=f"{FILES}:ics",
    )  # fmt: skip


dialog_button("Downloads", FILES, "Download this summary", downloads, icon=":material/download:", width="small")
st.info(
    icon=":material/lock:",
    body="**Privacy.** Nothing you entered is stored on the server or logged. The files are made on request and "
    "not kept; the link itself carries your scores, so share it with care.",
)
