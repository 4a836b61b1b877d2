"""The practice-versus-real chart: practice tests, the trend, "if you sat now" and the reading on each
dated way to sit, against the passing line in force on the chosen date and the aim. Pure, like
:mod:`stepwise.charts`, whose figure shape and palette it shares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from stepwise.alt import projection_alt
from stepwise.assess import Assessment
from stepwise.charts import BLUE, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILION, Figure, _figure, _hline, _lines, dated_readings
from stepwise.projection import Projection, Reading
from stepwise.rules import Rules


def _test_traces(projection: Projection) -> list[dict[str, Any]]:
    """The practice tests: counted ones, and history before the latest attempt, as two traces."""
    data: list[dict[str, Any]] = []
    for counted, name, color, symbol in (
        (False, "Before your last attempt", GREY, "circle-open"),
        (True, "Since your last attempt", BLUE, "circle"),
    ):
        tests = [t for t in projection.tests if t.counts == counted]
        if not tests:
            continue
        data.append(
            {
                "type": "scatter",
                "x": [t.test.taken.isoformat() for t in tests],
                "y": [round(t.adjusted, 1) for t in tests],
                "mode": "markers",
                "name": name if projection.history else "Practice tests",
                "marker": {"symbol": symbol, "size": 10, "color": color, "line": {"width": 2, "color": color}},
                "text": [f"{t.form_name}: {t.test.score:g}{'' if t.three_digit else '%'}" for t in tests],
                "hovertemplate": "%{text}<br>%{x}: %{y:.0f} on the Step scale<extra></extra>",
            }
        )
    return data


def _reading_trace(name: str, reading: Reading, color: str) -> dict[str, Any]:
    """A reading on its date: the centre as a diamond, the likely range as its bar."""
    return {
        "type": "scatter",
        "x": [reading.on.isoformat()],
        "y": [round(reading.centre, 1)],
        "mode": "markers",
        "name": f"{name}: {reading.low:.0f}–{reading.high:.0f}",
        "marker": {"symbol": "diamond", "size": 14, "color": color},
        "error_y": {
            "array": [round(reading.high - reading.centre, 1)],
            "arrayminus": [round(reading.centre - reading.low, 1)],
            "thickness": 3,
            "width": 10,
            "color": color,
        },
        "hovertemplate": "%{x}: about %{y:.0f}<extra></extra>",
    }


def projection_chart(
    projection: Projection,
    standard: int,
    target: int | None,
    target_label: str,
    real: tuple[dt.date, int] | None,
    scale: tuple[int, int],
    dated: Sequence[tuple[str, Reading]] | None = None,
) -> Figure:
    """Practice tests (counted, and history before the latest attempt), the real score, the trend,
    "if you sat now" and the range on each date in ``dated`` (default: the planned date, see
    :func:`dated_readings`), the passing line and the target; all on the scale."""
    if dated is None:
        dated = dated_readings(projection)
    data = _test_traces(projection)
    if projection.trend is not None:
        (d0, y0), (d1, y1) = projection.trend.start, projection.trend.end
        data.append(
            {
                "type": "scatter",
                "x": [d0.isoformat(), d1.isoformat()],
                "y": [round(y0, 1), round(y1, 1)],
                "mode": "lines",
                "name": f"Trend ({projection.trend.slope_per_week:+.1f} a week)",
                "line": {"color": SKY, "dash": "dash", "width": 2},
                "hoverinfo": "skip",
            }
        )
    shown = [("If you sat now", projection.now, PURPLE)] if projection.now is not None else []
    shown += [(name, r, color) for (name, r), color in zip(dated, (ORANGE, GREEN, BLUE), strict=False)]
    data += [_reading_trace(name, reading, color) for name, reading, color in shown]
    if real is not None:
        data.append(
            {
                "type": "scatter",
                "x": [real[0].isoformat()],
                "y": [real[1]],
                "mode": "markers",
                "name": f"Real score {real[1]}",
                "marker": {"symbol": "star", "size": 16, "color": VERMILION},
            }
        )
    marks = [_hline(standard, f"Pass {standard}", VERMILION, "dash", above=False)]
    if target is not None:
        marks.append(_hline(target, target_label, GREEN, "dot", above=True))
    shapes, notes = _lines(*marks)
    ys = [y for trace in data for y in trace["y"] if y is not None] + [standard] + ([target] if target else [])
    ys += [r.low for _, r, _ in shown] + [r.high for _, r, _ in shown]
    lo, hi = max(min(ys) - 8, scale[0]), min(max(ys) + 8, scale[1])
    return _figure(
        "Practice versus real",
        420,
        data,
        shapes,
        notes,
        yaxis={"title": {"text": "Score"}, "range": [lo, hi]},
        xaxis=_date_axis(data),
    )


def practice_versus_real(rules: Rules, a: Assessment) -> tuple[Figure, str] | None:
    """The practice-versus-real chart of an assessment and its one-sentence name, as the projection
    page, the summary page and the PDF draw it; None without a practice test to draw."""
    proj, p = a.projection, a.profile
    if proj is None or not proj.tests:
        return None
    dated = dated_readings(proj, [(o.label, o.exam_on, o.reading) for o in a.options])
    standard = a.next_standard  # the line in force on the chosen date: one date for everything drawn
    real = (p.latest_attempt, a.standing.score) if a.standing.score is not None and p.latest_attempt is not None else None
    scale = rules.exams.score_scale
    fig = projection_chart(proj, standard, a.target.value, f"Aim {a.target.value}", real, (scale.min, scale.max), dated)
    return fig, projection_alt(proj, standard, a.target.value, real, dated)


def _date_axis(data: list[dict[str, Any]]) -> dict[str, Any]:
    """A date axis that shows dates, never clock times: at least four weeks wide (one test alone has no span)."""
    days = sorted(dt.date.fromisoformat(str(x)[:10]) for t in data for x in t["x"] if x is not None)
    axis: dict[str, Any] = {"type": "date", "tickformat": "%b %d, %Y"}
    if days and (days[-1] - days[0]).days < 28:
        mid = days[0] + (days[-1] - days[0]) / 2
        axis["range"] = [(mid - dt.timedelta(days=14)).isoformat(), (mid + dt.timedelta(days=14)).isoformat()]
    return axis
