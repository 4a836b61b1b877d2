"""Study: the weeks a score implies, the weekly plan, and a calendar that obeys the attempt rules."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.common import context, plain, rows_table, share_box, source_note
from stepwise.charts import study_timeline
from stepwise.export import ics, plan_csv
from stepwise.study import check_exam_date, study_view
from stepwise.targets import target_and_projection

ctx = context()
rules, p = ctx.rules, ctx.profile
s = rules.study
st.title("How long must I study?")

target, projection = target_and_projection(rules, p)
view = study_view(rules, p, projection, target)
by_score, by_gap, rec = view.by_score, view.by_gap, view.recommendation

st.success(f"### {rec.weeks_min}–{rec.weeks_max} weeks of dedicated study\n{plain(rec.reason)}")

c1, c2 = st.columns(2)
with c1:
    st.markdown("**From your score (seed 004 bands)**")
    if by_score is None:
        st.write("Enter your latest three-digit score to use the bands.")
    else:
        st.metric("Weeks by distance below the standard", f"{by_score.weeks_min}–{by_score.weeks_max}")
        st.caption(plain(by_score.explanation))
        if by_score.band and by_score.band.interpolated:
            st.caption("Interpolated band: the seed gives no figure for this distance.")
with c2:
    st.markdown(f"**From the gap to your target ({plain(target.label)})**")
    if by_gap is None:
        st.write("Enter a score or practice tests to measure the gap.")
    else:
        g = s.gain_per_week
        st.metric("Gap", f"{by_gap.gap:.0f} points", help=f"from your {by_gap.start_label} to {target.value}")
        st.table(
            {
                "gain per week": [f"slow ({g.slow})", f"typical ({g.typical})", f"fast ({g.fast})"],
                "weeks": [by_gap.slow, by_gap.typical, by_gap.fast],
            }
        )
        source_note(g.source, g.as_of, g.sample)
st.caption(plain(f"Never less than {s.minimum_weeks.weeks} weeks: {s.minimum_weeks.text} ({s.minimum_weeks.source})"))

st.subheader("Time available")
if view.fit is None:
    st.info("Enter your protected study weeks in the sidebar to check them against the need.")
else:
    tone = {"enough": st.success, "tight": st.warning, "not enough": st.error}[view.fit]
    tone(plain(f"{p.weeks} protected weeks against {rec.weeks_min}–{rec.weeks_max} needed: {view.fit}."))
for check in check_exam_date(rules, p, rec):
    (st.caption if check.ok else st.error)(plain(check.message))

st.subheader("The plan, week by week")
hours = s.weekly_hours
st.markdown("**Hours a week (seed 002)**")
st.table({"activity": [h.activity for h in hours.rows], "hours": [f"{h.hours:g}" for h in hours.rows]})
if view.plan:
    sc, q = s.scaffold, s.questions_per_day
    st.caption(
        plain(
            f"Questions weeks: {q.min}–{q.max} questions a day, every one fully reviewed, your weakest systems daily. "
            f"Practice-test weeks (the last {sc.assessment_weeks.min}–{sc.assessment_weeks.max}): full-length days under "
            f"exam conditions. Weeks {s.stop_rule.after_weeks.min}–{s.stop_rule.after_weeks.max} are the stop-rule check. ({sc.source})"
        )
    )
    rows_table(
        [
            {
                "week": w.week,
                "dates": f"{w.start:%b %d} – {w.end:%b %d}",
                "focus": w.phase,
                "practice test": w.assessment or "",
                "stop rule": "check" if w.checkpoint else "",
            }
            for w in view.plan
        ]
    )
else:
    st.info("No weeks to lay out: the planned exam date is today or past.")
st.warning(plain("Stop rule: " + s.stop_rule.text))
source_note(
    s.scaffold.source,
    s.scaffold.as_of,
    f"Practice tests every {s.assessment_every_weeks.min}–{s.assessment_every_weeks.max} weeks ({s.assessment_every_weeks.source}).",
)

st.subheader("Your calendar")
if view.dates:
    st.plotly_chart(study_timeline(view.dates, p.today), config={"displayModeBar": False})
    st.table(
        {"date": [str(d.start) if d.start == d.end else f"{d.start} to {d.end}" for d in view.dates], "what": [d.name for d in view.dates]}
    )
    c1, c2 = st.columns(2)
    c1.download_button("Calendar (.ics)", partial(ics, view.dates, p.today), "stepwise-dates.ics", "text/calendar", icon=":material/event:")
    c2.download_button("Plan (.csv)", partial(plan_csv, view.plan), "stepwise-plan.csv", "text/csv", icon=":material/table:")
else:
    st.info("Enter an exam date or attempt dates to lay out a calendar.")
rel = rules.step(p.exam).score_release
source_note(rel.source, rel.as_of, f"Scores are usually released {rel.weeks.min}–{rel.weeks.max} weeks after the exam.")
share_box("study")
