"""The benchmarks' yardstick: a bare Streamlit app (a title, one number input, one plotly chart).

Started as its own process exactly like StepWise (`streamlit run bench/bare_app.py` from the
repository root, so it reads the same .streamlit/config.toml), never imported by the app.
"""

import streamlit as st

st.title("Bare app")
score = st.number_input("Score", min_value=1, max_value=300, value=230, step=1)
st.plotly_chart(
    {
        "data": [{"type": "scatter", "x": [1, 2, 3], "y": [score, score + 8, score + 15], "mode": "lines+markers"}],
        "layout": {"title": {"text": "Practice scores"}, "height": 300},
    },
    config={"displayModeBar": False},
)
