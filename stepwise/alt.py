"""Each chart's accessible name: one sentence saying what the chart shows for this student.

Pure (no Streamlit). Each builder takes what its figure builder in :mod:`stepwise.charts` takes,
so the sentence names exactly what is drawn; pages pass it to ``st.plotly_chart(alt=...)`` and the
summary PDF prints it under its chart. Scores are whole points, dates ISO, as on screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from stepwise.charts import dated_readings
from stepwise.projection import Projection, Reading
from stepwise.study import KeyDate, PlanWeek
from stepwise.targets import SpecialtyRow


def spoken_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _lines(standard: int, target: int | None) -> str:
    """The lines a score is read against: the passing line, and the aim when it differs."""
    if target is None or target == standard:
        return f"the passing line {standard}"
    return f"the passing line {standard} and your aim {target}"


def _range(r: Reading) -> str:
    return f"{r.low:.0f}–{r.high:.0f}"


def projection_alt(
    projection: Projection,
    standard: int,
    target: int | None,
    real: tuple[dt.date, int] | None,
    dated: Sequence[tuple[str, Reading]] | None = None,
) -> str:
    """The practice-versus-real chart (:func:`stepwise.practice_chart.projection_chart`) in one sentence."""
    if dated is None:
        dated = dated_readings(projection)
    counted = [f"{t.adjusted:.0f}" for t in projection.tests if t.counts]
    history = [f"{t.adjusted:.0f}" for t in projection.tests if not t.counts]
    if counted and history:
        tests = f"Your practice tests since your last attempt, {spoken_list(counted)}, and before it, {spoken_list(history)},"
    elif counted or history:
        tests = f"Your practice tests, {spoken_list(counted or history)},"
    else:
        tests = "No practice test drawn yet,"
    sentence = f"{tests} against {_lines(standard, target)}"
    if real is not None:
        sentence += f", with your real score {real[1]} on {real[0].isoformat()}"
    readings = []
    if projection.now is not None:
        readings.append(f"if you sat now, likely {_range(projection.now)}")
    readings += [f"{name[:1].lower()}{name[1:]}, likely {_range(r)}" for name, r in dated]
    if readings:
        sentence += "; " + spoken_list(readings)
    return sentence + "."


def retake_alt(score: int, standard: int, retake: tuple[float, float, float] | None, target: int | None, retake_label: str) -> str:
    """The latest score and a retake (:func:`stepwise.charts.retake_paths`) in one sentence."""
    sentence = f"Your latest score {score} against {_lines(standard, target)}"
    if retake is not None:
        low, _, high = retake
        sentence += f"; {retake_label[:1].lower()}{retake_label[1:]}: likely {low:.0f}–{high:.0f}"
    return sentence + "."


def specialty_alt(rows: Sequence[SpecialtyRow], selected: str | None, score: int | None) -> str:
    """Matched ranges by specialty (:func:`stepwise.charts.specialty_ranges`) in one sentence."""
    if not rows:
        return "No specialty to show."
    low = min(rows, key=lambda r: r.specialty.matched.q1)
    high = max(rows, key=lambda r: r.specialty.matched.q3)

    def middle(r: SpecialtyRow) -> str:
        return f"{r.specialty.matched.q1}–{r.specialty.matched.q3} in {r.specialty.name}"

    sentence = (
        f"The middle half of matched applicants' Step 2 CK scores in {len(rows)} specialties, "
        f"from {middle(low)} to {middle(high)}, each with your aim"
    )
    mine = next((r for r in rows if r.specialty.slug == selected), None)
    if mine is not None:
        m = mine.specialty.matched
        sentence += f"; yours, {mine.specialty.name}: {m.q1}–{m.q3}, your aim {mine.aim.low}–{mine.aim.high}"
    if score is not None:
        sentence += f"; you are at {score}"
    return sentence + "."


def timeline_alt(dates: Sequence[KeyDate], plan: Sequence[PlanWeek], today: dt.date) -> str:
    """The study calendar (:func:`stepwise.charts.study_timeline`) in one sentence, in date order."""
    parts = []
    if plan:
        parts.append(f"{len(plan)} weeks of study, {plan[0].start.isoformat()} to {plan[-1].end.isoformat()}")
    tests = [d for d in dates if d.kind == "assessment"]
    if tests:
        parts.append(f"{len(tests)} practice test{'s' if len(tests) != 1 else ''}")
    for d in dates:
        if d.kind == "assessment":
            continue
        when = d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()} to {d.end.isoformat()}"
        parts.append(f"{d.name} {when}")
    if not parts:
        return f"Your calendar from today, {today.isoformat()}: nothing dated yet."
    return f"Your calendar from today, {today.isoformat()}: " + "; ".join(parts) + "."
