"""Launcher: `streamlit run serve.py` serves app.py after warming the process.

Session threads that import pandas or plotly for the first time at once can race
("partially initialized module 'pandas'"). The lifespan hook imports them, and loads and
validates the rules, before the server takes its first session.
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
    # Plotly builds its validators lazily: build one figure so that work is done too.
    from stepwise.charts import baseline

    baseline().to_plotly_json()
    from stepwise.rules import load_rules

    load_rules()


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    warm()
    yield


app = st.App(str(Path(__file__).with_name("app.py")), lifespan=lifespan)
