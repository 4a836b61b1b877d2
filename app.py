"""StepWise: the entry file (`streamlit run app.py`). The process prepared once (prepare.py), page
config, the shared profile, navigation from the page registry."""

from __future__ import annotations

import os

import streamlit as st

from prepare import prepare_process


def main() -> None:
    loaded = prepare_process(os.environ.get("STEPWISE_RULES_DIR"))
    from app_pages.dialogs import details_bar
    from app_pages.link import load_context
    from app_pages.menu import page_menu
    from app_pages.render import page_style, show_notices
    from app_pages.state import PAGES_KEY
    from stepwise.registry import PAGES

    st.set_page_config(page_title="StepWise", page_icon=":material/explore:", layout="wide")
    ctx = load_context(loaded)
    if ctx is None:  # broken rules: the problems are shown; no page runs
        # Not kept: once the files are fixed, a reload reads them again, no restart needed.
        prepare_process.clear()
        return
    # One st.Page per page file, made once a session (each resolves its file on disk, about 1-2 ms
    # for the seven every run) and kept in the session only: st.navigation marks the page it runs.
    if PAGES_KEY not in st.session_state:
        st.session_state[PAGES_KEY] = {
            p.file: st.Page(p.file, title=p.title, icon=p.icon, url_path=p.url_path or None, default=p.is_start) for p in PAGES
        }
    pages = st.session_state[PAGES_KEY]
    # Streamlit's own menu drops the query string on a page switch, and a new process (a restart,
    # another replica, an expired session) cannot know it: app_pages/menu.py draws the menu instead,
    # every link carrying the profile. An address with no parameters gets links with none.
    nav = st.navigation(list(pages.values()), position="hidden")
    page_menu(pages, ctx.query if st.query_params else {})
    page_style()
    details_bar(ctx, nav.url_path)
    show_notices(ctx.assessment.notices)
    nav.run()


main()
