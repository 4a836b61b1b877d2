"""The page menu: every link in it carries the whole profile, so any process can answer the click.

Streamlit's own menu (``st.navigation(position="top"|"sidebar")``) drops the query string when it
switches pages, and only the server session that drew the page remembers the link. A session on
another process (a restart, another replica, a session expired under
``server.disconnectedSessionTTL``) does not: the browser still shows the old page, but the first
click in the menu reaches the new process with no parameters, and the profile is gone. The
browser's address is the only copy of the link, and nothing is to be stored on the server.

So app.py hides Streamlit's menu and draws Streamlit's documented custom menu instead:
``st.page_link`` in the sidebar, one per page in the registry's order, each with the profile in
``query_params``. A click sends the link with the page switch, to whichever process answers it. On
a phone the sidebar folds behind its button, as Streamlit's own menu does. Back, Forward and a
reload read the address, which holds the link on every page.

Not a page (app.py lists its pages explicitly).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from stepwise.registry import PAGES


def page_menu(pages: Mapping[str, st.Page], query: Mapping[str, str]) -> None:
    """The menu in the sidebar: each page's link with ``query`` (the profile as the link's parameters)."""
    with st.sidebar:
        for entry in PAGES:
            st.page_link(pages[entry.file], label=entry.title, icon=entry.icon, query_params=dict(query))
