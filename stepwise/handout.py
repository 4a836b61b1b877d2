"""The printable handout: one page (A4 or US Letter) an advisor can hand over or file.

It leads with the answers, then the practice-versus-real chart (drawn from the same figure the
pages show, with fpdf2's own lines and shapes), the practice tests by name, the student's details
in one paragraph, the share link printed in full with a QR code of it (segno), and the sources by
title. Each page is numbered and has a line for the student's name, written by hand.

Pure: takes the rules, the assessment and the link the user opened; returns the PDF's bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import segno
from fpdf import FPDF
from fpdf.enums import WrapMode

from stepwise.assess import Assessment
from stepwise.charts import Figure
from stepwise.export import practice_rows
from stepwise.practice_chart import practice_versus_real
from stepwise.rules import Rules
from stepwise.sources import cite_parts
from stepwise.summary import Summary, profile_line, summarize

Paper = Literal["A4", "Letter"]
MARGIN = 12.0  # mm
TEXT = (18, 17, 16)
MUTED = (80, 80, 80)  # 7.4:1 on white

_LATIN1 = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "→": "->",
        "≥": ">=",
        "≤": "<=",
        "±": "+/-",
        "·": "-",
        "…": "...",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "−": "-",
        "×": "x",
        "÷": "/",
        "✓": "yes",
    }
)


def latin1(s: str) -> str:
    """Text the PDF's core fonts can print: typographic marks as their plain forms."""
    return s.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class _Handout(FPDF):
    def footer(self) -> None:
        self.set_y(-9)
        self.set_font("Helvetica", "", 7)
        self.set_text_color(*MUTED)
        width = self.w - 2 * MARGIN
        self.cell(width * 0.75, 4, "StepWise stores nothing: this page and its link carry everything entered.")
        self.cell(width * 0.25, 4, f"Page {self.page_no()} of {{nb}}", align="R")


def sources_by_title(rules: Rules) -> list[str]:
    """The sources the handout's answers rest on, by title or organisation (no addresses, no file names)."""
    blocks = (
        rules.exams.attempt_policy.source,
        rules.retake.checklist.source,
        rules.targets.buffer.source,
        rules.study.bands.source,
        rules.study.gain_per_week.source,
        rules.practice_tests.step2ck_model.source,
        rules.specialties.nrmp_source,
    )
    out: list[str] = []
    for source in blocks:
        for c in cite_parts(rules, source):
            sites = ", ".join(dict.fromkeys(link.site for link in c.links if not c.names(link)))
            title = f"{sites}: {c.words}" if sites and c.words else (c.words or sites)
            if title and title not in out:
                out.append(title)
    # An organisation named alone and again with a title: the titled one says it.
    return [t for t in out if not any(o != t and o.startswith(f"{t}: ") for o in out)]


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}( to \d{4}-\d{2}-\d{2})?$")


def _grouped(rows: Sequence[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """A section's rows as printed lines: each run of "Why" rows under the row before it, as its
    reasons; the rows that are only a date ("Step 2 CK exam: 2027-01-25") in one line of key dates."""
    out: list[tuple[str, list[str]]] = []
    days = [f"{key} {value}" for key, value in rows if _DAY.match(value)]
    for key, value in rows:
        if _DAY.match(value):
            continue
        if key == "Why" and out:
            out[-1][1].append(value)
        else:
            out.append((f"{key}: {value}", []))
    if days:
        out.append(("Key dates: " + "; ".join(days), []))
    return out


def handout(rules: Rules, a: Assessment, url: str, paper: Paper = "Letter") -> bytes:
    """The summary as one printed page (two at most for the longest profiles)."""
    doc = _Handout(format=paper)
    doc.set_margins(MARGIN, MARGIN, MARGIN)
    doc.set_auto_page_break(auto=True, margin=13)
    doc.alias_nb_pages()
    doc.set_title("StepWise summary")
    doc.add_page()
    width = doc.w - 2 * MARGIN
    doc.set_text_color(*TEXT)
    _name_line(doc, a, width)
    _answers(doc, summarize(rules, a), width)
    drawn = practice_versus_real(rules, a)
    _, link_w, bottom = _chart_and_tests(doc, a, url, width, drawn[0] if drawn is not None else None)
    _link(doc, url, link_w, bottom)
    doc.set_font("Helvetica", "", 7)
    doc.set_text_color(*MUTED)
    doc.multi_cell(
        width,
        3.2,
        latin1(f"Computed on {a.profile.today}. Sources: " + "; ".join(sources_by_title(rules)) + ". Every figure: the Sources page."),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(doc.output())


def _name_line(doc: FPDF, a: Assessment, width: float) -> None:
    """The title and a line for the student's name first: the page is handed over, filed, and found again by it."""
    doc.set_font("Helvetica", "B", 14)
    doc.cell(width * 0.45, 8, "StepWise summary")
    doc.set_font("Helvetica", "", 9)
    label = "Student's name:"
    doc.cell(doc.get_string_width(label) + 2, 8, label)
    x = doc.get_x()
    doc.set_draw_color(*TEXT)
    doc.set_line_width(0.2)
    doc.line(x, doc.get_y() + 6.5, MARGIN + width, doc.get_y() + 6.5)
    doc.ln(9)
    doc.set_font("Helvetica", "", 8)
    doc.set_text_color(*MUTED)
    doc.multi_cell(width, 3.8, latin1(profile_line(a)), align="L", new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(*TEXT)
    doc.ln(1.5)


def _answers(doc: FPDF, summary: Summary, width: float) -> None:
    """The headline, then each section's rows, a verdict's reasons as bullets under it."""
    doc.set_font("Helvetica", "B", 12)
    doc.multi_cell(width, 6, latin1(summary.headline), align="L", new_x="LMARGIN", new_y="NEXT")
    for title, rows in summary.sections:
        doc.ln(1.2)
        doc.set_font("Helvetica", "B", 9.5)
        doc.cell(width, 5, latin1(title), new_x="LMARGIN", new_y="NEXT")
        for line, reasons in _grouped(rows):
            doc.set_font("Helvetica", "", 8.3)
            doc.multi_cell(width, 3.5, latin1(line), align="L", new_x="LMARGIN", new_y="NEXT")
            for reason in reasons:
                doc.set_x(MARGIN + 4)
                doc.multi_cell(width - 4, 3.5, latin1(f"- {reason}"), align="L", new_x="LMARGIN", new_y="NEXT")


_QR_MM = 22.0


def _chart_and_tests(doc: FPDF, a: Assessment, url: str, width: float, fig: Figure | None) -> tuple[float, float, float]:
    """The chart, the practice tests by name and the QR code beside it (or the QR code alone); the link's
    place under or beside them: its x, its width, and the least y the block below must start at."""
    doc.ln(2)
    if fig is None:
        if doc.get_y() + _QR_MM + 2 > doc.h - 13:
            doc.add_page()
        top = doc.get_y()
        doc.image(qr_png(url), x=MARGIN, y=top, w=_QR_MM, h=_QR_MM, alt_text="QR code of the link to this view")
        doc.set_xy(MARGIN + _QR_MM + 4, top)
        return MARGIN + _QR_MM + 4, width - _QR_MM - 4, top + _QR_MM
    chart_h, chart_w = 48.0, width * 0.64
    if doc.get_y() + chart_h + _legend_height(fig) + 16 > doc.h - 13:
        doc.add_page()
    top = doc.get_y()
    draw_chart(doc, fig, MARGIN, top, chart_w, chart_h)
    side = MARGIN + chart_w + 4
    doc.set_xy(side, top)
    doc.set_font("Helvetica", "B", 8.5)
    doc.cell(width - chart_w - 4, 4.5, "Your practice tests", new_x="LEFT", new_y="NEXT")
    doc.set_font("Helvetica", "", 7.6)
    for t in practice_rows(a):
        used = {"history": " (before your last attempt)", "not used": " (not used)"}.get(t["Weight"], "")
        printed, on_scale = t["Score as printed"], t["On the Step scale"]
        scale = "" if on_scale in ("—", printed) else f", {on_scale} on the Step scale"
        line = latin1(f"{t['Form']}, {t['Date']}: {printed}{scale}{used}")
        doc.multi_cell(width - chart_w - 4, 3.4, line, align="L", new_x="LEFT", new_y="NEXT")
    qr_top = doc.get_y() + 2
    doc.image(qr_png(url), x=side, y=qr_top, w=_QR_MM, h=_QR_MM, alt_text="QR code of the link to this view")
    doc.set_xy(MARGIN, max(qr_top + _QR_MM, top + chart_h + _legend_height(fig)) + 1.5)
    return MARGIN, width, doc.get_y()


def _link(doc: FPDF, url: str, link_w: float, bottom: float) -> None:
    """The link, in full: on paper a link must be typed or scanned."""
    doc.set_font("Helvetica", "B", 8.5)
    doc.multi_cell(link_w, 4, "Open this view again: scan the code, or type this link.", align="L", new_x="LEFT", new_y="NEXT")
    doc.set_font("Helvetica", "", 7.5)
    doc.multi_cell(
        link_w,
        3.5,
        "The date is pinned in it, so it reads the same later. Whoever has it sees the scores in it.",
        align="L",
        new_x="LEFT",
        new_y="NEXT",
    )
    doc.set_font("Courier", "", 7.5)
    doc.multi_cell(link_w, 3.4, latin1(url), wrapmode=WrapMode.CHAR, align="L", new_x="LEFT", new_y="NEXT")
    doc.set_xy(MARGIN, max(doc.get_y(), bottom) + 2)


def qr_png(url: str) -> io.BytesIO:
    """The link as a QR code (PNG), error correction M: still readable with a crease or a smudge."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=4, border=2)
    out.seek(0)
    return out


# --- the chart, from the figure the pages draw ------------------------------------------------------


def _date(x: Any) -> dt.date:
    return dt.date.fromisoformat(str(x)[:10])


def _legend_items(fig: Figure) -> list[tuple[str, str, str]]:
    """(name, colour, symbol or "line") for each trace, as the legend names them."""
    out = []
    for t in fig["data"]:
        if t.get("mode") == "lines":
            out.append((t["name"], t["line"]["color"], "line"))
        else:
            out.append((t["name"], t["marker"]["color"], t["marker"].get("symbol", "circle")))
    return out


def _legend_height(fig: Figure) -> float:
    return 3.4 * float((len(_legend_items(fig)) + 1) // 2) + 1.0


def _mark(doc: FPDF, symbol: str, x: float, y: float, r: float, colour: str) -> None:
    doc.set_draw_color(*_rgb(colour))
    doc.set_fill_color(*_rgb(colour))
    doc.set_line_width(0.35)
    if symbol == "line":
        doc.line(x - r * 1.6, y, x + r * 1.6, y)
    elif symbol == "diamond":
        doc.polygon([(x, y - r * 1.3), (x + r, y), (x, y + r * 1.3), (x - r, y)], style="F")
    elif symbol == "star":
        doc.star(x, y, r * 0.5, r * 1.3, 5, rotate_degrees=-90, style="F")
    elif symbol.endswith("-open"):
        doc.circle(x, y, r, style="D")
    else:
        doc.circle(x, y, r, style="F")


@dataclass(frozen=True)
class _Frame:
    """The plot area on the page and the dates and scores it spans: where a date and a score land."""

    px0: float
    py0: float
    pw: float
    ph: float
    d0: dt.date
    d1: dt.date
    lo: float
    hi: float

    def x(self, d: dt.date) -> float:
        return self.px0 + self.pw * (d - self.d0).days / max((self.d1 - self.d0).days, 1)

    def y(self, v: float) -> float:
        return self.py0 + self.ph * (self.hi - v) / (self.hi - self.lo)


def draw_chart(doc: FPDF, fig: Figure, x0: float, y0: float, w: float, h: float) -> None:
    """The practice-versus-real figure (:func:`stepwise.practice_chart.projection_chart`) with lines and shapes:
    the score axis, a month axis, the passing and aim lines, each trace, and a legend under it."""
    layout = fig["layout"]
    lo, hi = (float(v) for v in layout["yaxis"]["range"])
    dates = [_date(x) for t in fig["data"] for x in t["x"] if x is not None]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 14)
    d0, d1 = first - dt.timedelta(days=span * 0.06), last + dt.timedelta(days=span * 0.08)
    title_h, axis_w, axis_h = 5.0, 8.0, 5.0
    f = _Frame(x0 + axis_w, y0 + title_h, w - axis_w - 1, h - title_h - axis_h, d0, d1, lo, hi)
    doc.set_font("Helvetica", "B", 8.5)
    doc.set_text_color(*TEXT)
    doc.set_xy(x0, y0)
    doc.cell(w, 4, latin1(layout["title"]["text"]))
    _axes(doc, f, x0, axis_w)
    _marked_lines(doc, f, layout)
    _traces(doc, f, fig["data"])
    # The legend, two items a row.
    doc.set_font("Helvetica", "", 6.6)
    doc.set_text_color(*TEXT)
    for i, (name, colour, symbol) in enumerate(_legend_items(fig)):
        lx = x0 + (i % 2) * w / 2
        ly = y0 + h + 1.2 + (i // 2) * 3.4
        _mark(doc, symbol, lx + 2, ly + 1.5, 0.9, colour)
        doc.set_xy(lx + 4.5, ly)
        doc.cell(w / 2 - 5, 3, latin1(name))
    doc.set_text_color(*TEXT)


def _axes(doc: FPDF, f: _Frame, x0: float, axis_w: float) -> None:
    """Grid and score ticks every 10 points, month ticks, the two axis lines."""
    doc.set_font("Helvetica", "", 6.5)
    doc.set_text_color(*MUTED)
    doc.set_line_width(0.1)
    doc.set_draw_color(215, 218, 225)
    tick = int(f.lo // 10 + 1) * 10
    while tick < f.hi:
        doc.line(f.px0, f.y(tick), f.px0 + f.pw, f.y(tick))
        doc.set_xy(x0, f.y(tick) - 1.5)
        doc.cell(axis_w - 1, 3, str(tick), align="R")
        tick += 10
    month = dt.date(f.d0.year, f.d0.month, 1)
    step = 1 if (f.d1 - f.d0).days <= 200 else 2
    while month <= f.d1:
        if month >= f.d0:
            doc.set_xy(f.x(month) - 8, f.py0 + f.ph + 0.8)
            doc.cell(16, 3, month.strftime("%b %Y"), align="C")
        month = dt.date(month.year + (month.month + step - 1) // 12, (month.month + step - 1) % 12 + 1, 1)
    doc.set_draw_color(138, 143, 153)
    doc.set_line_width(0.25)
    doc.line(f.px0, f.py0, f.px0, f.py0 + f.ph)
    doc.line(f.px0, f.py0 + f.ph, f.px0 + f.pw, f.py0 + f.ph)


def _marked_lines(doc: FPDF, f: _Frame, layout: dict[str, Any]) -> None:
    """The passing line and the aim, with their labels."""
    for shape, note in zip(layout.get("shapes", []), layout.get("annotations", []), strict=False):
        y = f.y(float(shape["y0"]))
        doc.set_draw_color(*_rgb(shape["line"]["color"]))
        doc.set_line_width(0.35)
        doc.set_dash_pattern(dash=1.2 if shape["line"].get("dash") == "dash" else 0.4, gap=0.8)
        doc.line(f.px0, y, f.px0 + f.pw, y)
        doc.set_dash_pattern()
        doc.set_text_color(*_rgb(note["font"]["color"]))
        doc.set_font("Helvetica", "B", 6.5)
        doc.set_xy(f.px0 + 1, y - 3.2 if note.get("yanchor") == "bottom" else y + 0.2)
        doc.cell(20, 3, latin1(note["text"]))


def _traces(doc: FPDF, f: _Frame, data: list[dict[str, Any]]) -> None:
    """The trend as a dashed line, ranges as bars with caps, marks on top."""
    for t in data:
        colour = (t.get("line") or t.get("marker") or {}).get("color", "#000000")
        if t.get("mode") == "lines":
            (xa, xb), (ya, yb) = t["x"], t["y"]
            doc.set_draw_color(*_rgb(colour))
            doc.set_line_width(0.4)
            doc.set_dash_pattern(dash=1.2, gap=0.8)
            doc.line(f.x(_date(xa)), f.y(ya), f.x(_date(xb)), f.y(yb))
            doc.set_dash_pattern()
            continue
        err = t.get("error_y")
        for i, (x, y) in enumerate(zip(t["x"], t["y"], strict=True)):
            cx, cy = f.x(_date(x)), f.y(float(y))
            if err:
                top, bottom = f.y(float(y) + err["array"][i]), f.y(float(y) - err["arrayminus"][i])
                doc.set_draw_color(*_rgb(colour))
                doc.set_line_width(0.45)
                doc.line(cx, top, cx, bottom)
                doc.line(cx - 1.2, top, cx + 1.2, top)
                doc.line(cx - 1.2, bottom, cx + 1.2, bottom)
            _mark(doc, t["marker"].get("symbol", "circle"), cx, cy, 1.0, colour)
