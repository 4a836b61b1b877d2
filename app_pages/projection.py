"""Projection: practice tests projected to the real score, with an honest range and charts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages.common import context, plain, rows_table, set_param, share_box, source_note
from stepwise.charts import projection_chart
from stepwise.policy import latest_outcome
from stepwise.profile import practice_from_rows
from stepwise.projection import delay_what_if, first_after_fail_caveat, practice_vs_real, project
from stepwise.targets import study_target

ctx = context()
rules, p = ctx.rules, ctx.profile
pt = rules.practice_tests
st.title("Where are my practice tests heading?")

forms = [f for f in pt.forms if f.exam == p.exam]
names = {f.key: f.name for f in forms}
st.markdown(f"**Your {plain(rules.step(p.exam).name)} practice tests**")
st.caption(
    "Add, change or remove rows, then press Update. Free 120 in percent correct; the others as three-digit scores. "
    "Rows that cannot be used are named below; the rest still project."
)
frame = pd.DataFrame(
    {"form": [t.form for t in p.practice], "score": [t.score for t in p.practice], "date": [t.taken for t in p.practice]}
).astype({"form": "object", "score": "float64", "date": "object"})
current = st.query_params.get("practice", "")
with st.form("practice_form", border=True):
    edited = st.data_editor(
        frame,
        key=f"practice_editor_{abs(hash(current))}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "form": st.column_config.SelectboxColumn("Form", options=list(names), required=True, format_func=lambda k: names.get(k, k)),
            "score": st.column_config.NumberColumn("Score", min_value=0, step=1, required=True),
            "date": st.column_config.DateColumn("Date taken", format="YYYY-MM-DD", required=True),
        },
    )
    submitted = st.form_submit_button("Update projection", icon=":material/refresh:")
if submitted:
    value, problems = practice_from_rows(list(edited[["form", "score", "date"]].itertuples(index=False, name=None)))
    for msg in problems:
        st.warning(plain(msg))
    if value != (current or None):
        set_param("practice", value)
        st.rerun()
for n in ctx.parsed.notices:
    if n.param == "practice":
        st.warning(plain(n.message))

target = study_target(rules, p) if p.exam == "step2ck" else None
proj = project(rules, p, target=target.value if target else None)
if proj is None:
    st.info("Enter at least one practice test to see a projection.")
    share_box("projection")
    st.stop()

when = f"on your exam date, {proj.on}" if proj.dated_by_exam else f"as of today, {proj.on} (no exam date entered)"
st.subheader(f"Projected {plain(when)}")
c1, c2, c3 = st.columns(3)
c1.metric(f"Likely range ({proj.coverage:.0%})", f"{proj.low:.0f}–{proj.high:.0f}", help=f"centre {proj.centre:.0f}, SD {proj.sd:.1f}")
c2.metric(f"Chance of passing ({proj.standard.score})", f"{proj.p_pass:.0%}", help=f"The standard in force on {proj.on}")
if target is not None and proj.p_target is not None:
    c3.metric(f"Chance of reaching {target.value}", f"{proj.p_target:.0%}", help=target.label)
with st.expander("How this is computed"):
    for line in proj.method:
        st.markdown("- " + plain(line))

real = (p.latest_attempt, p.score) if p.score is not None and p.latest_attempt is not None else None
fig = projection_chart(proj, proj.standard.score, target.value if target else None, f"Target {target.value}" if target else "", real)
st.plotly_chart(fig, config={"displayModeBar": False})
rows_table(
    [
        {
            "form": t.form_name,
            "date": t.test.taken,
            "printed": f"{t.test.score:g}{'%' if not t.three_digit else ''}",
            "on scale": round(t.adjusted),
            "weight": f"{t.weight / max(x.weight for x in proj.tests):.2f}",
            "alone predicts": round(t.predicts),
            "note": "below the Free 120 data: extrapolated" if t.extrapolated else "",
        }
        for t in proj.tests
    ]
)
if proj.trend is not None:
    st.caption(plain(f"Trend: {proj.trend.slope_per_week:+.1f} points a week on scale (weighted by recency), drawn to {proj.on}."))

reading = practice_vs_real(rules, p)
if reading is not None:
    (st.warning if reading.points_to_test_day else st.info)(plain(reading.message))
caveat = first_after_fail_caveat(rules, p, latest_outcome(rules, p) == "fail")
if caveat:
    st.info(plain(caveat))

st.subheader("What if I delay?")
weeks = st.number_input(
    "Delay by weeks",
    min_value=1,
    max_value=rules.exams.input_limits.max_weeks,
    value=rules.retake.sit_or_delay.delay_weeks.min,
    step=1,
    key="delay_weeks",
)
later = proj.on + dt.timedelta(weeks=int(weeks))
rows = delay_what_if(rules, p, proj, int(weeks))
st.table(
    {
        "if you gain": [f"{w.speed} ({w.gain_per_week:g}/week)" for w in rows],
        f"projected on {later}": [f"{w.low:.0f}–{w.high:.0f} (centre {w.centre:.0f})" for w in rows],
        "chance of passing": [f"{w.p_pass:.0%} vs {w.standard}" for w in rows],
    }
)
g = rules.study.gain_per_week
source_note(g.source, g.as_of, g.sample)

st.subheader("Limits of this model")
m = pt.step2ck_model if p.exam == "step2ck" else None
if m is not None:
    for lim in m.limits:
        st.markdown("- " + plain(lim))
    within = " and ".join(f"{a.percent:g}% of real scores fell within {a.within_points:g} points" for a in m.accuracy)
    st.markdown("- " + plain(f"In the sample, {within} of the model."))
    source_note(m.source, m.as_of)
    with st.expander("Typical gain over the practice average, by level (same sample)"):
        st.table(
            {
                "practice average": [f"below {r.below}" if r.below else "higher" for r in pt.gain_by_level.rows],
                "typical gain": [f"+{r.gain:g}" for r in pt.gain_by_level.rows],
            }
        )
    with st.expander("Form offsets in use"):
        st.table(
            {
                "form": [f.name for f in forms],
                "offset (printed − predicted)": [f"{f.offset:+g}" for f in forms],
                "note": [f.note or "" for f in forms],
            }
        )
else:
    s1 = pt.step1_model
    st.markdown(
        "- "
        + plain(f"Step 1 uses a published formula (mean miss {s1.mean_miss}, error SD {s1.error_sd}); Step 1 reports pass or fail only.")
    )
    source_note(s1.source, s1.as_of)
nse = pt.nbme_standard_error
st.caption(plain(f"NBME's own standard error of estimate is about {nse.points:g} points ({nse.source})."))
share_box("projection")
