"""Summary and downloads: the verdicts travel into the PDF and the Markdown; the plan into the CSV and the calendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from fpdf import FPDF  # noqa: F401  (the PDF library must be installed)
from icalendar import Calendar

from stepwise.assess import assess
from stepwise.export import ics, markdown, plan_csv, practice_csv
from stepwise.handout import handout
from stepwise.summary import profile_rows, share_url, summarize
from tests.shared import AFTER_TWO_FAILS, pdf_text

D = dt.date

# Seed 002's situation with the exam four weeks away (2026-11-20 to 2026-12-18 = 28 days).
# Fails on record: the Step 1 fail and this 205 (below 218): 2, so the internal-medicine aim after a fail
# is 243-254 (230 + 10-15 = 240-245, raised to matched Q1 243 / median 254).
# Practice since the fail: NBME 13 225 (weight exp(-22/30) = 0.48) and UWSA 1 232 (weight 1):
# average (0.48 * 225 + 232) / 1.48 = 229.7, below the community data (235), so taken as read.
# Gap 243 - 229.7 = 13.3 points: 8 weeks at 1.73 a week; 4 weeks to the exam -> delay 8 - 4 = 4 weeks.
PARAMS = AFTER_TWO_FAILS | {"exam_date": "2026-12-18"}
# 205 after a fail, internal medicine aim 243; practice 225 and 232 since (225 within 9 of 218: weak). Weeks 4-8, so the
# chosen date is the latest of 2026-12-18, today + 8 weeks (2027-01-15) and today + 6 weeks: 2027-01-15, 4 weeks later.
DELAY = "Delay to 2027-01-15 (4 weeks later)"
# Two practice tests at the 228 aim (218 + 10, no specialty) and clear of 218 + 9: the student's 2027-01-20 is kept.
KEPT = {
    "score": "205",
    "attempts": "2026-09-01",
    "practice": "nbme13:240@2026-11-10,nbme14:242@2026-11-18",
    "exam_date": "2027-01-20",
    "today": "2026-11-20",
}
# Three fails in 2026: the fourth attempt not before 2027-02-10 (6 months after 2026-08-10).
THREE_FAILS = {"score": "209", "attempts": "2026-01-10,2026-04-10,2026-08-10", "today": "2026-11-20"}


def test_summary_holds_every_verdict(rules, prof):
    s = summarize(rules, assess(rules, prof(**PARAMS)))
    assert [t for t, _ in s.sections] == ["Retake", "Target", "Study", "Projection"]
    assert s.headline.startswith(f"Retake required · {DELAY}")
    retake = dict(s.sections[0][1])
    assert retake["Verdict"] == "Retake required" and retake["Sit or delay"] == DELAY
    target = dict(s.sections[1][1])
    assert target["Aim for your Step 2 CK retake"].startswith("243–254")


def test_profile_rows_show_the_outcome_as_judged(rules, prof):
    # The stated 'fail' cannot stand for a 230 against the 218 standard: the summary shows the judged outcome.
    rows = dict(profile_rows(assess(rules, prof(score="230", result="fail", attempts="2026-01-01", today="2026-11-20"))))
    assert rows["Latest result"] == "Passed" and rows["Latest score"] == "230" and rows["Exam"] == "Step 2 CK"
    assert rows["Computed on"] == "2026-11-20"


def test_share_url_pins_today_and_keeps_the_contract(rules, prof):
    url = share_url("http://host:8501", "summary", prof(**{k: v for k, v in AFTER_TWO_FAILS.items() if k != "today"}))
    assert url.startswith("http://host:8501/summary?exam=step2ck&score=205&attempts=2026-09-01")
    assert "today=2026-11-22" in url and "practice=nbme13:225@2026-10-10,uwsa1:232@2026-11-01" in url


def test_markdown_holds_the_verdicts(rules, prof):
    s = summarize(rules, assess(rules, prof(**PARAMS)))
    md = markdown(s, "http://x/summary?score=205")
    assert f"**Retake required · {DELAY}" in md and "## Retake" in md
    assert "243–254" in md and "Internal Medicine" in md
    assert "| Latest score | 205 |" in md and "<http://x/summary?score=205>" in md


def test_pdf_opens_and_holds_the_verdicts(rules, prof):
    data = handout(rules, assess(rules, prof(**PARAMS)), "http://x/summary?score=205")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    # Read it back: the text of the page must carry the verdicts.
    text = pdf_text(data)
    assert "Retake required" in text and "Delay to 2027-01-15" in text and "Internal Medicine" in text


def test_practice_csv(rules, prof):
    rows = list(csv.DictReader(io.StringIO(practice_csv(assess(rules, prof(**PARAMS))))))
    assert [r["Form"] for r in rows] == ["NBME 13", "UWSA 1"]
    # Both forms read on scale (offset 0); weights relative to the newest: exp(-22/30) = 0.48, and 1.
    assert [(r["Score as printed"], r["On the Step scale"], r["Weight"]) for r in rows] == [("225", "225", "0.48"), ("232", "232", "1.00")]


def test_plan_csv_has_a_row_per_week(rules, prof):
    a = assess(rules, prof(**PARAMS))
    rows = list(csv.DictReader(io.StringIO(plan_csv(a))))
    assert len(rows) == len(a.plan) == 8  # 56 days to the chosen date, 2027-01-15
    assert rows[0]["Start"] == "2026-11-20" and rows[-1]["End"] == "2027-01-14"
    assert [r["Week"] for r in rows] == [str(n) for n in range(1, 9)] and all(r["What the week is for"] for r in rows)


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def days(e) -> int:
    return (e["DTEND"].dt - e["DTSTART"].dt).days


def test_ics_is_valid_and_parses_back(rules, prof):
    a = assess(rules, prof(**KEPT))
    data = ics(a)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"VERSION:2.0" in data
    evs = events(data)
    # One event per study week, plus the key dates.
    assert len(evs) == len(a.plan) + len(a.dates)
    assert all("UID" in e and "DTSTAMP" in e for e in evs)
    assert len({str(e["UID"]) for e in evs}) == len(evs)
    assert all(str(e.get("DESCRIPTION", "")).strip() for e in evs)
    names = [str(e["SUMMARY"]) for e in evs]
    assert "Step 2 CK exam" in names and "Expected score release" in names
    # Scores come 3-4 weeks after the exam: from 2027-01-20 + 21 days to + 28 days (the end is exclusive).
    release = next(e for e in evs if str(e["SUMMARY"]) == "Expected score release")
    assert (release["DTSTART"].dt, release["DTEND"].dt) == (D(2027, 2, 10), D(2027, 2, 18))
    # The same link gives the same file.
    assert ics(assess(rules, prof(**KEPT))) == data


def test_ics_study_weeks_are_one_event_a_week(rules, prof):
    a = assess(rules, prof(**KEPT))
    evs = events(ics(a))
    weeks = [e for e in evs if str(e["SUMMARY"]).startswith("Study week")]
    assert len(weeks) == len(a.plan) and len(weeks) >= 2
    assert [int(re.match(r"Study week (\d+)", str(e["SUMMARY"])).group(1)) for e in weeks] == list(range(1, len(weeks) + 1))
    assert all(1 <= days(e) <= 7 for e in weeks)
    # No event is longer than a week except the score-release window (3-4 weeks after: 8 days).
    assert all(days(e) <= 7 for e in evs if str(e["SUMMARY"]) != "Expected score release")
    # The study weeks stop before the exam day.
    assert all(e["DTEND"].dt <= D(2027, 1, 20) for e in weeks)


def test_ics_without_an_exam_date_waits_for_the_earliest_permitted_attempt(rules, prof):
    a = assess(rules, prof(**THREE_FAILS))
    earliest = D(2027, 2, 10)
    evs = events(ics(a))
    assert all(str(e.get("DESCRIPTION", "")).strip() for e in evs)
    by_name = {str(e["SUMMARY"]): e for e in evs}
    assert by_name["Earliest permitted attempt"]["DTSTART"].dt == earliest
    # The proposed sitting and its score release are not before the earliest permitted attempt ...
    assert by_name["Step 2 CK: the date StepWise advises"]["DTSTART"].dt >= earliest
    assert by_name["Expected score release"]["DTSTART"].dt >= earliest
    # ... and the plan studies right up to it: its last day is the day before (DTEND is exclusive in the calendar).
    last_week = max((e for e in evs if str(e["SUMMARY"]).startswith("Study week")), key=lambda e: e["DTSTART"].dt)
    assert last_week["DTEND"].dt == earliest
    assert a.plan[-1].end == earliest - dt.timedelta(days=1)
    assert all(days(e) <= 7 for e in evs if str(e["SUMMARY"]) != "Expected score release")
