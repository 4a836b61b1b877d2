"""StepWise: the entry file (`streamlit run app.py`). The process prepared once, page config,
the shared profile, navigation from the page registry."""

from __future__ import annotations

import importlib
import os
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
    "stepwise.summary",
    "stepwise.sources",
    "stepwise.examples",
    "app_pages.common",
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


def main() -> None:
    loaded = prepare_process(os.environ.get("STEPWISE_RULES_DIR"))
    from app_pages.common import load_context, show_notices, sidebar_inputs, sidebar_nav
    from stepwise.registry import PAGES

    st.set_page_config(page_title="StepWise", page_icon=":material/explore:", layout="wide")
    ctx = load_context(loaded)
    if ctx is None:  # broken rules: the problems are shown; no page runs
        # Not kept: once the files are fixed, a reload reads them again, no restart needed.
        prepare_process.clear()
        return
    pages = {p.file: st.Page(p.file, title=p.title, icon=p.icon, url_path=p.url_path or None, default=p.is_start) for p in PAGES}
    # Streamlit's own menu drops the query string on a page switch; ours carries the profile.
    nav = st.navigation(list(pages.values()), position="hidden")
    sidebar_nav(pages)
    sidebar_inputs(ctx)
    show_notices(ctx.assessment.notices)
    nav.run()


main()
