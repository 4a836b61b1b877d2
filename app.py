"""StepWise: the entry file. Page config, rules once per process, the shared profile, navigation."""

from __future__ import annotations

import os

import streamlit as st

from app_pages.common import load_context, show_notices, sidebar_inputs, sidebar_nav
from stepwise.registry import PAGES


def main() -> None:
    st.set_page_config(page_title="StepWise", page_icon=":material/explore:", layout="wide")
    ctx = load_context()
    if ctx is None:  # broken rules: the problems are shown; no page runs
        return
    pages = [st.Page(p.file, title=p.title, icon=p.icon, url_path=p.url_path or None, default=p.is_start) for p in PAGES]
    if os.environ.get("STEPWISE_BENCH") == "1":  # the benchmarks' reference page, in the same process
        pages.append(st.Page("app_pages/bench_baseline.py", title="Baseline", url_path="bench-baseline", visibility="hidden"))
    # Streamlit's own menu drops the query string on a page switch; ours carries the profile.
    nav = st.navigation(pages, position="hidden")
    sidebar_nav([p for p in pages if p.visibility == "visible"])
    sidebar_inputs(ctx)
    show_notices(ctx.parsed.notices)
    nav.run()


main()
