"""Downloads: the Markdown summary, the practice tests as CSV, the key dates as .ics (the PDF: stepwise/handout.py).

Each is a pure function returning bytes or text; pages hand them to ``st.download_button``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from icalendar import Calendar, Event

from stepwise.assess import Assessment
from stepwise.summary import Summary


def markdown(summary: Summary, url: str) -> str:
    lines = ["# StepWise summary", "", f"**{summary.headline}**"]
    for title, rows in summary.sections:
        lines += ["", f"## {title}", ""]
        lines += [f"  - {v}" if k == "Why" and i else f"- **{k}:** {v}" for i, (k, v) in enumerate(rows)]
    lines += ["", "## Profile", "", "| Item | Value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in summary.profile_rows]
    lines += ["", f"Share link: <{url}>", "", "StepWise stores nothing: this file and the link carry everything entered.", ""]
    return "\n".join(lines)


def practice_rows(a: Assessment) -> list[dict[str, str]]:
    """The practice tests as the projection page and the CSV both show them (weights relative to the newest test)."""
    proj = a.projection
    if proj is None:
        return []
    out = []
    for t in proj.tests:
        out.append(
            {
                "Form": t.form_name,
                "Date": t.test.taken.isoformat(),
                "Score as printed": f"{t.test.score:g}{'' if t.three_digit else '%'}",
                "On the Step scale": f"{t.adjusted:.0f}",
                "Weight": f"{t.weight:.2f}" if t.counts else "history",
            }
        )
    out += [
        {
            "Form": e.form_name,
            "Date": e.test.taken.isoformat(),
            "Score as printed": f"{e.test.score:g}",
            "On the Step scale": "—",
            "Weight": "not used",
        }
        for e in proj.excluded
    ]
    return out


def practice_csv(a: Assessment) -> str:
    """The practice tests with the same labels and numbers as the projection page."""
    rows = practice_rows(a)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Form", "Date", "Score as printed", "On the Step scale", "Weight"])
    for r in rows:
        w.writerow(r.values())
    return out.getvalue()


def plan_csv(a: Assessment) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Week", "Start", "End", "Focus", "Practice test", "Questions a day", "Stop-rule check", "What the week is for"])
    for p in a.plan:
        w.writerow(
            [
                p.week,
                p.start.isoformat(),
                p.end.isoformat(),
                p.phase,
                p.assessment or "",
                p.questions_per_day,
                "yes" if p.checkpoint else "",
                p.purpose,
            ]
        )
    return out.getvalue()


def _event(name: str, start: dt.date, end: dt.date, description: str, stamp: dt.date) -> Event:
    ev = Event()
    ev.add("uid", hashlib.sha256(f"{name}|{start}|{end}".encode()).hexdigest()[:32] + "@stepwise")
    ev.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC))
    ev.add("summary", name)
    ev.add("description", description)
    ev.add("dtstart", start)
    ev.add("dtend", end + dt.timedelta(days=1))
    return ev


def ics(a: Assessment) -> bytes:
    """Each study week and each key date as an all-day event with a description (RFC 5545).

    The UID is derived from the event, so the same link gives the same file.
    """
    cal = Calendar()
    cal.add("prodid", "-//StepWise//study calendar//EN")
    cal.add("version", "2.0")
    stamp = a.profile.today
    for w in a.plan:
        cal.add_component(_event(f"Study week {w.week}: {w.phase.lower()}", w.start, w.end, w.purpose, stamp))
    for d in a.dates:
        cal.add_component(_event(d.name, d.start, d.end, d.description, stamp))
    return bytes(cal.to_ical())
