"""Downloads: Markdown and PDF one-pagers, the practice tests as CSV, the key dates as .ics.

Each is a pure function returning bytes or text; pages hand them to ``st.download_button``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from fpdf import FPDF
from icalendar import Calendar, Event

from stepwise.profile import Profile
from stepwise.projection import project
from stepwise.rules import Rules
from stepwise.study import KeyDate
from stepwise.summary import Summary

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
    }
)


def markdown(summary: Summary, url: str) -> str:
    lines = ["# StepWise summary", "", f"Share link: <{url}>", "", "## Profile", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in summary.profile_rows]
    for title, rows in summary.sections:
        lines += ["", f"## {title}", ""]
        lines += [f"- **{k}:** {v}" for k, v in rows]
    lines += ["", "StepWise stores nothing: this file and the link carry everything entered.", ""]
    return "\n".join(lines)


def practice_csv(rules: Rules, profile: Profile) -> str:
    """The practice tests with their on-scale scores and weights."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["form", "form_name", "score", "date", "on_scale", "weight"])
    proj = project(rules, profile)
    for t in proj.tests if proj else ():
        w.writerow([t.test.form, t.form_name, f"{t.test.score:g}", t.test.taken.isoformat(), f"{t.adjusted:.1f}", f"{t.weight:.3f}"])
    return out.getvalue()


def plan_csv(plan: list) -> str:  # list[PlanWeek]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["week", "start", "end", "phase", "practice_test", "questions_per_day", "stop_rule_check"])
    for p in plan:
        w.writerow(
            [
                p.week,
                p.start.isoformat(),
                p.end.isoformat(),
                p.phase,
                p.assessment or "",
                p.questions_per_day,
                "yes" if p.checkpoint else "",
            ]
        )
    return out.getvalue()


def ics(dates: list[KeyDate], stamp: dt.date) -> bytes:
    """All-day events per RFC 5545; the UID is derived from the event, so the same link gives the same file."""
    cal = Calendar()
    cal.add("prodid", "-//StepWise//study calendar//EN")
    cal.add("version", "2.0")
    for d in dates:
        ev = Event()
        ev.add("uid", hashlib.sha256(f"{d.name}|{d.start}|{d.end}".encode()).hexdigest()[:32] + "@stepwise")
        ev.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC))
        ev.add("summary", d.name)
        ev.add("dtstart", d.start)
        ev.add("dtend", d.end + dt.timedelta(days=1))
        cal.add_component(ev)
    return cal.to_ical()


def pdf(summary: Summary, url: str) -> bytes:
    """A one-page (or two) PDF of the summary: text and tables, core fonts only."""
    doc = FPDF(format="A4")
    doc.set_auto_page_break(auto=True, margin=12)
    doc.add_page()
    doc.set_title("StepWise summary")

    def text(s: str) -> str:
        return s.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    doc.set_font("Helvetica", "B", 16)
    doc.cell(0, 9, "StepWise summary", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "", 8)
    doc.multi_cell(0, 4, text("Share link: " + url), align="L", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    doc.set_font("Helvetica", "B", 12)
    doc.cell(0, 7, "Profile", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "", 9)
    with doc.table(col_widths=(45, 135), text_align="LEFT", line_height=5, first_row_as_headings=False) as table:
        for k, v in summary.profile_rows:
            row = table.row()
            row.cell(text(k))
            row.cell(text(v))
    for title, rows in summary.sections:
        doc.ln(2)
        doc.set_font("Helvetica", "B", 12)
        doc.cell(0, 7, text(title), new_x="LMARGIN", new_y="NEXT")
        doc.set_font("Helvetica", "", 9)
        with doc.table(col_widths=(45, 135), text_align="LEFT", line_height=5, first_row_as_headings=False) as table:
            for k, v in rows:
                row = table.row()
                row.cell(text(k))
                row.cell(text(v))
    doc.ln(3)
    doc.set_font("Helvetica", "I", 8)
    doc.multi_cell(
        0, 4, "StepWise stores nothing: this page and its link carry everything entered. Figures and their sources: the Sources page."
    )
    return bytes(doc.output())
