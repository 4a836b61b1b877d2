"""Targets: Step 2 CK aims by specialty after a fail, with NRMP's matched ranges."""

from __future__ import annotations

import streamlit as st

from app_pages.common import context, page_link, plain, share_box, source_note
from stepwise.charts import specialty_ranges
from stepwise.policy import fails_on_record, percentile_of
from stepwise.study import study_view
from stepwise.targets import aim_for, describe_gap, hard_stop_specialties, match_rate_row, specialty_rows, target_and_projection

ctx = context()
rules, p = ctx.rules, ctx.profile
t = rules.targets
st.title("What Step 2 CK score do I need?")

fails = fails_on_record(rules, p)
target, projection = target_and_projection(rules, p)
if p.exam != "step2ck":
    st.info("These targets are for Step 2 CK. Your latest result is Step 1: they are what to aim for on Step 2 CK next.")
if fails:
    st.write(
        plain(
            f"With {fails} failed attempt{'s' if fails > 1 else ''} on record, the aim is seed 002's target for the "
            f"specialty's tier plus its {t.buffer.min}–{t.buffer.max} point buffer. {t.buffer.text}"
        )
    )
elif fails == 0:
    st.write("No fail on record: the aim is the range of matched applicants, at least the lower quartile, ideally the median.")
else:
    st.write(
        "Tell StepWise your latest result and any failed attempts at other Steps (sidebar) to switch between the "
        "post-fail aim and the matched range. Until then, the aims below assume no fail."
    )

rows = specialty_rows(rules, p, projection)
sp = rules.specialty(p.specialty)
pct = percentile_of(rules, "step2ck", p.score) if p.score is not None and p.exam == "step2ck" else None
if pct is not None:
    norms = rules.step("step2ck").percentiles
    share = f"at about percentile {pct}" if pct >= 1 else "below percentile 1"
    st.caption(plain(f"Your {p.score} is {share} of first-takers ({norms.norm_group}; {norms.source}, as of {norms.as_of})."))

# The selected specialty in detail.
if sp is not None:
    aim = aim_for(rules, sp, fails)
    st.subheader(f"{sp.name}")
    c1, c2, c3 = st.columns(3)
    c1.metric("Your aim", f"{aim.low}–{aim.high}")
    c2.metric("Matched Q1 · median · Q3", f"{sp.matched.q1} · {sp.matched.median} · {sp.matched.q3}")
    row = next(r for r in rows if r.specialty.slug == sp.slug)
    gap = row.projection_gap if row.projection_gap is not None else row.score_gap
    if gap is not None:
        c3.metric("Gap to the aim", f"{max(gap, 0):.0f} points", help=row.realism)
        st.write(plain(describe_gap(rules, gap, aim.low) + "."))
    st.caption(plain(aim.explanation))
    if sp.note:
        st.caption(plain(sp.note))
    view = study_view(rules, p, projection, target)
    rec = view.recommendation
    st.write(plain(f"Closing the gap takes about {rec.weeks_min}–{rec.weeks_max} weeks of study ({rec.reason})"))
    page_link("app_pages/study.py", "The study plan for this aim", icon=":material/calendar_month:")
else:
    st.info("Choose a target specialty in the sidebar to see your aim, your gap and the weeks it implies.")

# Every specialty.
st.subheader("Every specialty")
score_mark = p.score if p.exam == "step2ck" else None
proj_range = (projection.low, projection.high) if projection and p.exam == "step2ck" else None
fig = specialty_ranges(rows, p.specialty, score_mark, proj_range, rules.specialties.nrmp_label)
st.plotly_chart(fig, config={"displayModeBar": False})
st.caption(
    plain(
        "Bars: the middle half of matched U.S. MD seniors (Q1–Q3), tick: median; diamond: your aim; "
        "dashed line: your score; shaded band: your projection range. The table below holds every number; "
        "gap is the aim's lower end minus your projection (or score): positive means points still to gain. "
        "Where seed 002's post-fail aim sits below NRMP's matched Q1, the aim follows seed 002, which speaks to "
        "applicants with a fail; NRMP describes all matched seniors."
    )
)
table = {
    "specialty": [r.specialty.name for r in rows],
    "tier (seed 002)": [r.tier_label for r in rows],
    "matched Q1": [r.specialty.matched.q1 for r in rows],
    "median": [r.specialty.matched.median for r in rows],
    "Q3": [r.specialty.matched.q3 for r in rows],
    # Text, so the two specialties without the figure do not turn the column into decimals.
    "not matched median": [str(r.specialty.not_matched.median) if r.specialty.not_matched else "—" for r in rows],
    "aim": [f"{r.aim.low}–{r.aim.high}" for r in rows],
    "aim vs NRMP": ["below matched Q1" if r.aim.low < r.specialty.matched.q1 else "" for r in rows],
    "gap": [f"{g:+.0f}" if (g := r.projection_gap if r.projection_gap is not None else r.score_gap) is not None else "" for r in rows],
    "your score": [r.score_position or "" for r in rows],
    "projection": [r.projection_position or "" for r in rows],
    "realism": [r.realism or "" for r in rows],
}
st.table(table)
source_note(
    rules.specialties.nrmp_source,
    rows[0].specialty.as_of,
    "NRMP asks that its tables are not reproduced whole: a few summary figures, cited.",
)
source_note(rules.specialties.classification_source, rows[0].specialty.classification.as_of)

# Context.
st.subheader("Context")
mr = t.match_rate_by_fails
here = match_rate_row(rules, fails)
st.markdown("**Chance of matching by number of fails (seed 002, ballpark)**")
st.table(
    {
        "fails": [("→ " if here and r.fails == here.fails else "") + r.label for r in mr.rows],
        "match chance": [f"{r.percent:g}%" for r in mr.rows],
    }
)
st.caption(plain(mr.caveat))
pds = t.program_director_survey
st.caption(
    plain(
        f"{pds.percent_citing_failed_attempt}% of program directors cite any failed attempt as a factor (mean importance {pds.mean_importance} of {pds.importance_scale_max}); {pds.source}."
    )
)
aw = t.application_weights
st.markdown("**What else programs weigh (seed 003)**")
st.table({"part": [w.part for w in aw.rows], "relative weight": [f"{w.weight:g}" for w in aw.rows]})
st.caption(plain(aw.caveat))
hard = ", ".join(s.name for s in hard_stop_specialties(rules))
st.markdown(f"**Hard stops after a low score (seed 003):** {plain(hard)}.")
with st.expander("Older figures (history)"):
    for h in t.history:
        st.markdown(f"- {plain(h.text)} *({plain(h.source)}, {h.as_of})*")
share_box("targets")
