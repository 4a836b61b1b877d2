"""The bare app (bench/bare_app.py's title, input and chart) behind a menu like StepWise's: a hidden
``st.navigation`` of seven pages and seven ``st.page_link`` in the sidebar, each carrying the query
string (as app_pages/menu.py does). ``python bench/cpu.py --menu`` measures it against the bare app:
what the link-carrying menu costs a run on its own.
"""

import streamlit as st


def bare() -> None:
    st.title("Bare app")
    score = st.number_input("Score", min_value=1, max_value=300, value=230, step=1)
    st.plotly_chart(
        {
            "data": [{"type": "scatter", "x": [1, 2, 3], "y": [score, score + 8, score + 15], "mode": "lines+markers"}],
            "layout": {"title": {"text": "Practice scores"}, "height": 300},
        },
        config={"displayModeBar": False},
    )


if "pages" not in st.session_state:  # made once a session, as app.py does
    st.session_state["pages"] = [st.Page(bare, title=f"Page {i}", url_path=f"p{i}", default=i == 0) for i in range(7)]
pages = st.session_state["pages"]
nav = st.navigation(pages, position="hidden")
q = dict(st.query_params)
with st.sidebar:
    for p in pages:
        st.page_link(p, label=p.title, icon=":material/explore:", query_params=q)
nav.run()
