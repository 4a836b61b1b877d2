"""Launcher: `streamlit run serve.py` serves app.py after preparing the process.

Two things must happen before the first session, and the lifespan hook does both:

- Session threads that import pandas or plotly for the first time at once can race
  ("partially initialized module 'pandas'"): the heavy modules are imported, a figure is
  built and the rules are validated here, once.
- With a ``pages/`` folder beside the entry file, Streamlit starts in its legacy
  folder-of-pages mode until ``st.navigation`` first runs; on a cold server the first
  deep link (``/retake?...``) would run ``pages/retake.py`` without app.py. StepWise uses
  ``st.navigation`` only, so the flag ``st.navigation`` itself clears is cleared up front.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st

WARM_MODULES = (
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
    "stepwise.charts",
    "stepwise.export",
    "stepwise.summary",
    "stepwise.sources",
    "stepwise.examples",
)


def warm() -> None:
    for name in WARM_MODULES:
        importlib.import_module(name)
    # Plotly builds its validators lazily: validate one figure so that work is done too.
    import plotly.graph_objects as go

    from stepwise.charts import baseline

    go.Figure(baseline())
    from stepwise.rules import load_rules

    load_rules()


def navigation_only() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def freeze_heap() -> None:
    """Move everything alive now (the imported libraries) out of the collector's sight.

    Streamlit runs a full ``gc.collect(2)`` after every script run (``runner.postScriptGC``);
    with pandas, plotly and pydantic loaded that walk cost most of a rerun. Frozen objects are
    never freed, which is what module-level objects are anyway; what sessions create is still
    collected after every run.
    """
    import gc

    gc.collect()
    gc.freeze()


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    navigation_only()
    warm()
    freeze_heap()
    yield


app = st.App(str(Path(__file__).with_name("app.py")), lifespan=lifespan)
