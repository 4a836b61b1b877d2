"""Plotly figure builders. Pure: they take core results and return plotly figure dicts.

Why dicts: building through plotly's object model (``go.Figure``, ``add_vline``, a named
template) validates and deep-copies at every step, 15–30 ms a figure. ``st.plotly_chart``
validates a dict again on every call (5–14 ms for these figures) but sends a ``go.Figure`` as it is,
so pages hand it one built unvalidated (``app_pages/render.py``, 2–3 ms). ``tests/test_charts.py``
validates every figure for generated links and checks the unvalidated form sends the same JSON.

Colours: Okabe–Ito (safe for the common colour-vision deficiencies), darkened to 3:1; every mark
also differs by symbol or dash, and every chart's numbers appear in a table beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from stepwise.projection import Projection, Reading
from stepwise.study import KeyDate, PlanWeek
from stepwise.targets import SpecialtyRow

# Okabe–Ito's hues, the light ones darkened so that every mark stands out from the white plot at
# 3:1 or more (WCAG's minimum for graphics): orange #E69F00 was 2.3:1, sky blue #56B4E9 2.3:1,
# yellow #F0E442 1.3:1 (the stop-rule mark all but vanished), grey #999999 2.9:1.
# tests/test_charts.py checks every colour a chart draws against the background.
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, GREY = (
    "#0072B2",  # 5.2:1
    "#B36B00",  # 4.2:1
    "#009E73",  # 3.4:1
    "#D55E00",  # 3.9:1
    "#B0578A",  # 4.6:1
    "#2A86C8",  # 3.9:1
    "#8A7A00",  # 4.3:1, a dark yellow
    "#767676",  # 4.5:1
)
BACKGROUND, TEXT = "#FFFFFF", "#121110"  # the plot; the app's text colour (.streamlit/config.toml)
Figure = dict[str, Any]
_LEGEND_GAP_PX = 62  # room for tick labels and the axis title under the plot
GRID, AXIS_LINE = "#E5E8EF", "#8A8F99"  # the grid is a faint guide; the axis line a mark (3.3:1)


def _figure(
    title: str, height: int, data: list[dict[str, Any]], shapes: list[dict[str, Any]], notes: list[dict[str, Any]], **layout: Any
) -> Figure:
    """The layout every chart shares. Only what differs from what the browser draws anyway is set:
    ``st.plotly_chart`` validates the dict through ``go.Figure``, at a cost per property.

    - ``template: {}``: without it, plotly merges Streamlit's Python template (placeholder
      colourways and colourscales) into every figure, about a third of a small figure's
      validation. Streamlit's browser code puts its theme into ``layout.template`` either way, and
      every trace here sets its own colours, so nothing drawn changes.
    - Left out as plotly.js or Streamlit's theme already has them: ``hovermode`` (closest), the title's
      ``xanchor`` (left for ``x`` 0), the x axis's grid and zero-line colours (the theme hides both),
      the y zero line (never in the charts' ranges), the colourway (no trace takes a colour from it).
    - Kept: an axis ``linecolor`` is what turns the axis line on (plotly.js shows the line when a
      colour is given).
    """
    base: dict[str, Any] = {
        "template": {},
        "title": {"text": title, "x": 0, "font": {"size": 15}},
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 48, "b": 8},
        "plot_bgcolor": BACKGROUND,
        "paper_bgcolor": BACKGROUND,
    }
    if layout.get("showlegend") is not False:
        # Below the axis title whatever the height: the offset is in plot-area fractions.
        base["legend"] = {"orientation": "h", "yanchor": "top", "y": -_LEGEND_GAP_PX / max(height - 56, 100), "x": 0}
    if shapes:
        base["shapes"] = shapes
    if notes:
        base["annotations"] = notes
    base["xaxis"] = {"linecolor": AXIS_LINE, "automargin": True, **layout.pop("xaxis", {})}
    base["yaxis"] = {"gridcolor": GRID, "linecolor": AXIS_LINE, "automargin": True, **layout.pop("yaxis", {})}
    return {"data": data, "layout": {**base, **layout}}


def _value(x: float | dt.date) -> Any:
    return x.isoformat() if isinstance(x, dt.date) else x


def _vline(x: float | dt.date, label: str, color: str, dash: str) -> tuple[dict[str, Any], dict[str, Any]]:
    # Left out as plotly.js defaults: ``xref`` "x", the line's ``width`` 2.
    shape = {"type": "line", "yref": "paper", "x0": _value(x), "x1": _value(x), "y0": 0, "y1": 1, "line": {"color": color, "dash": dash}}
    note = {
        "x": _value(x),
        "y": 1,
        "yref": "paper",
        "text": label,
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "bottom",
        "font": {"size": 11, "color": color},
    }
    return shape, note


def _hline(y: float, label: str, color: str, dash: str, above: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    shape = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": {"color": color, "dash": dash}}
    note = {
        "x": 0,
        "y": y,
        "xref": "paper",
        "text": label,
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "bottom" if above else "top",
        "font": {"size": 11, "color": color},
    }
    return shape, note


def _lines(*pairs: tuple[dict[str, Any], dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return [s for s, _ in pairs], [n for _, n in pairs]


def _row_names(rows: dict[str, str]) -> list[dict[str, Any]]:
    """Each category row's name (``row -> text``) inside the plot, at its left edge, just above the row's mark."""
    return [
        {
            "x": 0,
            "xref": "paper",
            "y": row,
            "text": text,
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": 8,
            "font": {"size": 12, "color": TEXT},
            "bgcolor": "rgba(255, 255, 255, 0.85)",  # readable where a line crosses it
        }
        for row, text in rows.items()
    ]


def retake_paths(
    score: int,
    standard: int,
    retake: tuple[float, float, float] | None,
    target: int | None,
    target_label: str,
    retake_label: str = "Retake (projected)",
) -> Figure:
    """The current score against the projected retake range (named by ``retake_label``: when it is
    read), the passing standard and the target."""
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": [score],
            "y": ["Latest score"],
            "mode": "markers",
            "name": "Current score",
            "marker": {"size": 14, "color": BLUE},
        }
    ]
    if retake is not None:
        low, mid, high = retake
        data.append(
            {
                "type": "scatter",
                "x": [mid],
                "y": [retake_label],
                "mode": "markers",
                "name": "Projected retake (range)",
                "marker": {"size": 14, "color": ORANGE, "symbol": "diamond"},
                # plotly.js takes the type ("data") and the asymmetry from the arrays given.
                "error_x": {"array": [high - mid], "arrayminus": [mid - low], "thickness": 3, "width": 8},
            }
        )
    marks = [_vline(standard, f"Pass {standard}", VERMILION, "dash")]
    if target is not None:
        marks.append(_vline(target, target_label, GREEN, "dot"))
    shapes, notes = _lines(*marks)
    # The rows are named inside the plot, above their marks: no legend, and no labels beside the
    # plot taking a third of a phone's width.
    names = {"Latest score": f"Latest score: {score}"}
    if retake is not None:
        names[retake_label] = f"{retake_label}: likely {retake[0]:.0f}–{retake[2]:.0f}"
    notes += _row_names(names)
    return _figure(
        "Your latest score and a retake",
        260,
        data,
        shapes,
        notes,
        xaxis={"title": {"text": "Step 2 CK score"}},
        yaxis={"showticklabels": False, "categoryarray": list(names), "range": [-0.5, len(names) - 0.2]},
        showlegend=False,
    )


def _projection_band(projection: tuple[float, float]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The projected range as a shaded band across every row, and its legend entry."""
    band = {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": projection[0],
        "x1": projection[1],
        "y0": 0,
        "y1": 1,
        "fillcolor": PURPLE,
        "opacity": 0.12,
        "line": {"width": 0},
    }
    key = {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "name": f"Projection {projection[0]:.0f}–{projection[1]:.0f}",
        "marker": {"symbol": "square", "color": PURPLE, "opacity": 0.4},
    }
    return band, key


def specialty_ranges(
    rows: Sequence[SpecialtyRow], selected: str | None, score: int | None, projection: tuple[float, float] | None, source_label: str
) -> Figure:
    """One row per specialty: matched Q1–Q3 and median, the aim, and the student's marks."""
    names = [r.specialty.short or r.specialty.name for r in rows]
    q1 = [r.specialty.matched.q1 for r in rows]
    q3 = [r.specialty.matched.q3 for r in rows]
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "y": names,
            "x": [b - a for a, b in zip(q1, q3, strict=True)],
            "base": q1,
            "orientation": "h",
            "name": f"Middle half of matched ({source_label})",
            "marker": {"color": [ORANGE if r.specialty.slug == selected else SKY for r in rows]},
            # One string a bar: cheaper to validate than a row of three numbers a bar.
            "hovertext": [
                f"lower quartile {m.q1} · median {m.median} · upper quartile {m.q3}" for m in (r.specialty.matched for r in rows)
            ],
            "hovertemplate": "%{y}<br>%{hovertext}<extra></extra>",
        },
        {
            "type": "scatter",
            "y": names,
            "x": [r.specialty.matched.median for r in rows],
            "mode": "markers",
            "name": "Matched median",
            "marker": {"symbol": "line-ns-open", "size": 14, "color": BLUE, "line": {"width": 3}},
        },
        {
            "type": "scatter",
            "y": names,
            "x": [(r.aim.low + r.aim.high) / 2 for r in rows],
            "mode": "markers",
            "name": "Your aim",
            "marker": {"symbol": "diamond", "size": 9, "color": GREEN},
            "error_x": {"array": [(r.aim.high - r.aim.low) / 2 for r in rows], "color": GREEN, "thickness": 2, "width": 0},
            "customdata": [f"{r.aim.low}–{r.aim.high}" for r in rows],
            "hovertemplate": "%{y}<br>aim %{customdata}<extra></extra>",
        },
    ]
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    if projection is not None:
        band, key = _projection_band(projection)
        shapes.append(band)
        data.append(key)
    if score is not None:
        shape, note = _vline(score, f"You {score}", VERMILION, "dash")
        shapes.append(shape)
        notes.append(note)
    return _figure(
        "Matched ranges by specialty, with your aim and score",
        160 + 26 * len(rows),
        data,
        shapes,
        notes,
        xaxis={"title": {"text": "Step 2 CK score"}},
        yaxis={"tickfont": {"size": 11}},
        bargap=0.35,
    )


def dated_readings(projection: Projection, options: Sequence[tuple[str, dt.date, Reading | None]] = ()) -> list[tuple[str, Reading]]:
    """The readings a practice-versus-real chart draws besides "if you sat now": one for each way
    to sit that has one (``(label, date, reading)``: as planned, delayed), else the planned date's."""
    out = [(f"On {on} ({label[:1].lower()}{label[1:]})", r) for label, on, r in options if r is not None]
    if not out and projection.planned is not None:
        out.append((f"On {projection.planned.on}", projection.planned))
    return out


_KIND_WORDS = {
    "proposed": "date to sit",
    "season": "programs start reading",
    "checkpoint": "stop-rule check",
    "release": "score out",
    "assessment": "practice test",
    "rule": "attempt rules",
    "exam": "your exam",
    "planned": "your date, not advised",
}
# (colour, symbol); "line" draws a window as a bar. The earliest permitted attempt is a door that
# opens, not a mistake: a blue triangle, never a red cross.
_KIND_STYLE = {
    "proposed": (ORANGE, "star-open"),
    "season": (GREEN, "triangle-up"),
    "checkpoint": (YELLOW, "diamond-tall"),
    "release": (PURPLE, "line"),
    "assessment": (BLUE, "circle"),
    "rule": (BLUE, "triangle-right"),
    "exam": (ORANGE, "star"),
    "planned": (GREY, "star-open"),
}
_ROW_PX = 44  # a row: its name above, its mark below


def study_timeline(dates: Sequence[KeyDate], plan: Sequence[PlanWeek], today: dt.date) -> Figure:
    """A timeline from today: the study weeks and windows as bars, single days as symbols.

    Each row is named in the plot, above its mark, and the axis carries no row labels: at a
    phone's 390 px, labels beside the rows took two thirds of the width. The date axis runs from
    today to a little past the last day, so no bar runs off the plot.

    One trace per kind of date and way of drawing it (bars or symbols), not one per date: each
    trace costs validation time. Bars of one kind are one line with gaps (``None``) between them;
    the rows keep the order of the dates through the axis's ``categoryarray``."""
    data: list[dict[str, Any]] = []
    if plan:
        data.append(
            {
                "type": "scatter",
                "x": [plan[0].start.isoformat(), (plan[-1].end + dt.timedelta(days=1)).isoformat()],
                "y": ["Study weeks", "Study weeks"],
                "mode": "lines",
                "name": "study weeks",
                "line": {"color": SKY, "width": 14},
                "hovertemplate": f"{len(plan)} weeks of study<br>{plan[0].start} to {plan[-1].end}<extra></extra>",
            }
        )
    # (kind, drawn as bars) -> x, y, hover text; in the order the kinds first appear.
    groups: dict[tuple[str, bool], tuple[list[str | None], list[str | None], list[str | None]]] = {}
    for kd in dates:
        bar = _KIND_STYLE[kd.kind][1] == "line" or kd.end != kd.start
        x, y, text = groups.setdefault((kd.kind, bar), ([], [], []))
        if bar:
            hover = f"{kd.name}<br>{kd.start} to {kd.end}"
            gap: list[str | None] = [None] if x else []
            x += [*gap, kd.start.isoformat(), (kd.end + dt.timedelta(days=1)).isoformat()]
            y += [*gap, kd.name, kd.name]
            text += [*gap, hover, hover]
        else:
            x.append(kd.start.isoformat())
            y.append(kd.name)
            text.append(f"{kd.name}<br>{kd.start}")
    for (kind, bar), (x, y, text) in groups.items():
        color, symbol = _KIND_STYLE[kind]
        trace: dict[str, Any] = {
            "type": "scatter",
            "x": x,
            "y": y,
            "name": _KIND_WORDS[kind],
            "text": text,
            "hovertemplate": "%{text}<extra></extra>",
        }
        if bar:
            trace |= {"mode": "lines", "line": {"color": color, "width": 14}}
        else:
            trace |= {"mode": "markers", "marker": {"symbol": symbol, "size": 14, "color": color}}
        data.append(trace)
    rows = list(dict.fromkeys((["Study weeks"] if plan else []) + [d.name for d in dates]))
    when = {"Study weeks": f"{len(plan)} weeks"} if plan else {}
    for d in dates:
        when.setdefault(d.name, f"{d.start:%b %-d}" if d.start == d.end else f"{d.start:%b %-d} – {d.end:%b %-d}")
    shapes, notes = _lines(_vline(today, "Today", GREY, "dot"))
    notes += _row_names({row: f"{row}: {when[row]}" for row in rows})  # with its date, for a reader without hover
    starts = [today] + [d.start for d in dates] + ([plan[0].start] if plan else [])
    ends = [today] + [d.end for d in dates] + ([plan[-1].end] if plan else [])
    first, last = min(starts), max(ends)
    pad = max((last - first).days // 20, 3)
    return _figure(
        "Your calendar",
        110 + _ROW_PX * len(rows),
        data,
        shapes,
        notes,
        showlegend=False,
        xaxis={
            "type": "date",
            "range": [(first - dt.timedelta(days=pad)).isoformat(), (last + dt.timedelta(days=pad + 1)).isoformat()],
            "tickformat": "%b<br>%Y",
            "nticks": 6,
        },
        # Top to bottom in date order (a reversed range); room above the first row for its name.
        yaxis={"showticklabels": False, "categoryarray": rows, "range": [len(rows) - 0.5, -0.9]},
    )


def baseline() -> Figure:
    """The benchmark's reference: a title and one small plotly chart."""
    data = [{"type": "scatter", "x": [1, 2, 3], "y": [230, 238, 245], "mode": "lines+markers"}]
    return _figure("Baseline", 300, data, [], [])
