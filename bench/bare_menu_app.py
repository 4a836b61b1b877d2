"""The bare app behind a menu like StepWise's: a hidden ``st.navigation`` of seven pages, each the
bare app's own file (bench/bare_app.py: Streamlit tells pages apart by URL path), and seven
``st.page_link`` in the sidebar, each carrying the query string (as app_pages/menu.py does).
``python bench/cpu.py --menu`` measures it against the bare app: what that menu costs a run alone.
"""

import streamlit as st

if "pages" not in st.session_state:  # made once a session, as app.py does
    st.session_state["pages"] = [st.Page("bare_app.py", title=f"Page {i}", url_path=f"p{i}", default=i == 0) for i in range(7)]
pages = st.session_state["pages"]
nav = st.navigation(pages, position="hidden")
q = dict(st.query_params)
with st.sidebar:
    for p in pages:
        st.page_link(p, label=p.title, icon=":material/explore:", query_params=q)
nav.run()
