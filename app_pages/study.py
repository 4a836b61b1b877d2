"""Study: the weeks needed, the verdict for the planned date, the plan and a calendar. Renders the run's assessment."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.common import (
    Paragraphs,
    chart,
    context,
    page_link,
    paragraphs,
    plain,
    rows_table,
    share_box,
    source_note,
    source_text,
    table,
)
from stepwise.charts import study_timeline
from stepwise.export import ics, plan_csv
from stepwise.study import weeks_word

ctx = context()
rules, a = ctx.rules, ctx.assessment
p, s = a.profile, rules.study
st.title("How long must I study?")

if a.weeks is None:
    st.info(plain(a.no_plan or "There is no retake to plan."), icon=":material/block:")
    if a.standing.outcome == "pass":
        page_link("app_pages/retake.py", "What to do instead of retaking", icon=":material/arrow_forward:")
    share_box("study")
    st.stop()

w = a.weeks
with st.container(border=True):
    st.markdown(f"### {w.text} of dedicated study\n\n{plain(w.reason)}")
    if a.readiness is not None:
        r = a.readiness
        tone = {"sit": st.success, "delay": st.warning}.get(r.key, st.info)
        tone(plain(r.heading), icon=":material/event:")
for problem in a.date_problems:
    st.error(plain(problem))
if a.baseline is not None:
    st.caption(plain(a.baseline.rule))
if a.fit is not None:
    tone = {"enough": st.success, "tight": st.warning, "not enough": st.error}[a.fit]
    fit = f"Your {weeks_word(p.weeks or 0)} of protected study against the {w.text} you need: {a.fit}."
    if a.readiness is not None and a.readiness.key == "delay" and a.fit == "enough":
        fit += " The weeks you can protect are enough; the calendar weeks to your date are not, hence the delay."
    tone(plain(fit))
if a.readiness is not None and a.readiness.key == "delay" and a.plan:
    st.caption(
        plain(
            f"The week-by-week plan below runs to your date, {p.exam_date}. With the advised delay, sit on "
            f"{a.readiness.sit_on} and add the extra weeks as practice-test weeks."
        )
    )

with st.expander("How the weeks were worked out"), Paragraphs() as text:
    if a.by_score is not None:
        text.markdown("**From your score**")
        text.markdown(plain(a.by_score.explanation))
        text.caption(source_text(s.bands.source, s.bands.as_of))
    if a.by_gap is not None:
        g = s.gain_per_week
        text.markdown(f"**From the gap to {plain(a.target.label)}: {a.by_gap.gap:.0f} points**")
        text.flush()
        table(
            {
                "If you gain": [f"{g.slow:g} a week (slow)", f"{g.typical:g} a week (typical)", f"{g.fast:g} a week (fast)"],
                "Weeks": [a.by_gap.slow, a.by_gap.typical, a.by_gap.fast],
            }
        )
        text.caption(source_text(g.source, g.as_of, g.sample))
    elif p.exam == "step1":
        text.caption("The weekly-gain figures come from Step 2 CK students, so for Step 1 the weeks come from your score.")
    mw = s.minimum_weeks
    text.caption(plain(f"Never less than {mw.weeks} weeks: {mw.text}"))
    text.caption(source_text(mw.source, mw.as_of))

st.subheader("Week by week")
if a.plan:
    rows_table(
        [
            {
                "Week": str(wk.week),
                "Dates": f"{wk.start:%b %d} – {wk.end:%b %d}",
                "Focus": wk.phase + (": stop-rule check" if wk.checkpoint else ""),
                "Practice test": wk.assessment or "—",
            }
            for wk in a.plan
        ]
    )
    q, hours = s.questions_per_day, s.weekly_hours
    weekly = plain(
        f"Question weeks: {q.min}–{q.max} questions a day, every one fully reviewed. Practice-test weeks: full-length days "
        "under exam conditions. A week: " + ", ".join(f"{h.activity.lower()} {h.hours:g} hours" for h in hours.rows) + "."
    )
    scaffold = source_text(s.scaffold.source, s.scaffold.as_of)
    if a.stop_below is None:
        st.caption(paragraphs(weekly, scaffold))
    else:
        st.caption(weekly)
        st.warning(
            plain(
                f"Stop rule: if after {s.stop_rule.after_weeks.min}–{s.stop_rule.after_weeks.max} weeks your practice tests are stuck at "
                f"{a.stop_below} or lower ({s.stop_rule.below_target_points} or more below your aim of {a.target.value}), rethink the "
                "date." + (f' In the Step 2 CK article\'s words: "{s.stop_rule.text}"' if p.exam == "step2ck" else "")
            )
        )
        st.caption(scaffold)
else:
    st.info("No weeks to lay out: the planned exam date is today or past.")

st.subheader("Your calendar")
if a.dates or a.plan:
    chart(study_timeline(a.dates, a.plan, p.today))
    rows_table(
        [{"Date": str(d.start) if d.start == d.end else f"{d.start} to {d.end}", "What": d.name} for d in a.dates if d.kind != "assessment"]
    )
    c1, c2 = st.columns(2)
    c1.download_button("Calendar (.ics)", partial(ics, a), "stepwise-calendar.ics", "text/calendar", icon=":material/event:")
    c2.download_button("Plan (.csv)", partial(plan_csv, a), "stepwise-plan.csv", "text/csv", icon=":material/table:")
rel = rules.step(p.exam).score_release
source_note(rel.source, rel.as_of, f"Scores are usually released {rel.weeks.min}–{rel.weeks.max} weeks after the exam.")
share_box("study")
