"""StepWise: the entry file. Page config, rules once per process, the shared profile, navigation."""

from __future__ import annotations

import streamlit as st

from pages.common import load_context, show_notices, sidebar_inputs

PAGES = [
    ("pages/start.py", "Start", "🧭", ""),
    ("pages/retake.py", "Retake?", "🔁", "retake"),
    ("pages/targets.py", "Targets", "🎯", "targets"),
    ("pages/study.py", "Study plan", "🗓️", "study"),
    ("pages/projection.py", "Projection", "📈", "projection"),
    ("pages/summary.py", "Summary", "🧾", "summary"),
    ("pages/sources.py", "Sources", "📚", "sources"),
]


def main() -> None:
    st.set_page_config(page_title="StepWise", page_icon="🧭", layout="wide")
    ctx = load_context()
    if ctx is None:  # broken rules: the problems are shown; no page runs
        return
    pages = [st.Page(path, title=title, icon=icon, url_path=url or None, default=not url) for path, title, icon, url in PAGES]
    nav = st.navigation(pages)
    sidebar_inputs(ctx)
    show_notices(ctx.parsed.notices)
    nav.run()


main()
