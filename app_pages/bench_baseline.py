"""Benchmark baseline: a title and one plotly chart. Registered only when STEPWISE_BENCH=1."""

import streamlit as st

from stepwise.charts import baseline

st.title("Baseline")
st.plotly_chart(baseline(), config={"displayModeBar": False})
