"""The process prepared once: heavy imports, one validated figure, the rules (for app.py).

Not in app.py: Streamlit runs the entry file afresh on every run, so a function decorated there
is decorated again each time (``st.cache_resource`` reads and tokenizes its source, about 0.5 ms
a run). This module is imported once. It imports nothing heavy itself: that is the function's job.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from stepwise.rules import Rules, RulesInvalid

# Imported here, under the cache's lock, before any page: session threads that import pandas or
# plotly for the first time at once can race ("partially initialized module 'pandas'").
HEAVY_MODULES = (
    "pandas",
    "numpy",
    "pyarrow",
    "plotly.graph_objects",
    "plotly.io",
    "orjson",
    "yaml",
    "pydantic",
    "fpdf",
    "icalendar",
    "stepwise.rules",
    "stepwise.charts",
    "stepwise.export",
    "stepwise.handout",
    "segno",
    "stepwise.summary",
    "stepwise.sources",
    "stepwise.examples",
    "app_pages.link",
    "app_pages.dialogs",
    "app_pages.render",
)


@st.cache_resource(show_spinner=False)
def prepare_process(rules_env: str | None) -> Rules | RulesInvalid:
    """Once per process (and rules folder): heavy imports, one validated figure, the rules.

    ``st.cache_resource`` holds a lock while this runs, so the first sessions of a cold server
    wait here instead of importing the same modules at once. The argument is
    ``$STEPWISE_RULES_DIR``, so a school's own rules folder gets its own entry.
    """
    for name in HEAVY_MODULES:
        importlib.import_module(name)
    # Plotly builds its validators lazily: validate one figure so that work is done here too.
    import plotly.graph_objects as go

    from stepwise.charts import baseline
    from stepwise.rules import RulesInvalid, load_rules

    go.Figure(baseline())
    try:
        rules: Rules | RulesInvalid = load_rules()
    except RulesInvalid as exc:
        rules = exc
    return rules
