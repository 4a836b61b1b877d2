"""Targets: the Step 2 CK score to aim for, your specialty first, then every specialty. Renders the run's assessment."""

from __future__ import annotations

import streamlit as st

from app_pages.common import Paragraphs, captions, chart, context, page_link, plain, share_box, source_note, source_text, table
from stepwise.charts import specialty_ranges
from stepwise.targets import describe_gap, hard_stop_specialties

ctx = context()
rules, a = ctx.rules, ctx.assessment
p, t = a.profile, rules.targets
st.title("What Step 2 CK score do I need?")

sp, aim = a.specialty, a.aim
step2_baseline = a.baseline if p.exam == "step2ck" else None
if sp is not None and aim is not None:
    row = next(r for r in a.rows if r.specialty.slug == sp.slug)
    with st.container(border=True), Paragraphs() as box:
        box.markdown(f"### {plain(sp.name)}: aim for {aim.low}–{aim.high}")
        if row.gap is not None and step2_baseline is not None:
            box.flush()
            c1, c2 = st.columns(2)
            c1.metric("Points still to gain", f"{max(row.gap, 0):.0f}", help=plain(step2_baseline.rule))
            c2.metric("How realistic", row.realism or "—")
            box.markdown(plain(describe_gap(rules, row.gap, aim.low) + ". " + step2_baseline.rule))
        elif p.exam != "step2ck":
            box.markdown("Your latest result is Step 1, so there is no Step 2 CK score to measure from yet: this is the aim for Step 2 CK.")
        else:
            box.markdown("Enter your Step 2 CK score or practice tests to see how far you are from the aim.")
        box.caption(plain(aim.explanation))
        if sp.note:
            box.caption(plain(sp.note))
    if a.weeks is not None and p.exam == "step2ck":
        if a.gap is not None and a.gap > 0:
            st.markdown(plain(f"At the pace most students study, that takes about {a.weeks.text}."))
        elif a.weeks.weeks_max:
            st.markdown(plain(f"You are at the aim already; a retake still asks for {a.weeks.text} of study (the study page says why)."))
        page_link("app_pages/study.py", "The study plan for this aim", icon=":material/calendar_month:")
else:
    st.info("Choose a target specialty in the sidebar to see your aim and how far you are from it.")

with Paragraphs() as text:
    if a.fails:
        text.markdown(
            plain(
                f"With {a.fails} failed attempt{'s' if a.fails > 1 else ''} on record, aim {t.buffer.min}–{t.buffer.max} points above "
                f"the usual target for your specialty's group, and never below the range of matched applicants. {t.buffer.text}"
            )
        )
    elif a.fails == 0:
        text.markdown("No fail on record: aim for the range of matched applicants, at least the lower quartile, ideally the median.")
    else:
        text.caption("Tell StepWise your latest result and any fails at other Steps (sidebar): until then the aims assume no fail.")
    if a.percentile is not None:
        norms = rules.step("step2ck").percentiles
        share = f"higher than about {a.percentile}% of first-takers" if a.percentile >= 1 else "in the lowest 1% of first-takers"
        text.caption(plain(f"Your {a.standing.score} is {share} ({norms.norm_group if norms else ''})."))

st.subheader("Every specialty")
fig = specialty_ranges(
    list(a.rows), p.specialty, round(step2_baseline.value) if step2_baseline else None, None, rules.specialties.nrmp_label
)
chart(fig)
st.caption(
    "Bars: the middle half of matched U.S. MD seniors; tick: their median; diamond: your aim"
    + ("; dashed line: where you are now." if step2_baseline else ".")
)
wide = st.toggle("Show every column", value=False, help="Matched quartiles and the median of those who did not match.")
columns: dict[str, list[str]] = {
    "Specialty": [r.specialty.name for r in a.rows],
    "Your aim": [f"{r.aim.low}–{r.aim.high}" for r in a.rows],
    "Still to gain": [f"{max(r.gap, 0):.0f}" if r.gap is not None else "—" for r in a.rows],
    "Realistic?": [r.realism or "—" for r in a.rows],
}
if wide:
    columns["Matched lower quartile · median · upper quartile"] = [
        f"{r.specialty.matched.q1} · {r.specialty.matched.median} · {r.specialty.matched.q3}" for r in a.rows
    ]
    columns["Median of those not matched"] = [str(r.specialty.not_matched.median) if r.specialty.not_matched else "—" for r in a.rows]
    columns["Group"] = [r.tier_label for r in a.rows]
    columns["Risk after a fail"] = [rules.tier(r.specialty.tier).risk_after_fail for r in a.rows]
table(columns)
captions(
    source_text(
        rules.specialties.nrmp_source,
        a.rows[0].specialty.as_of,
        "A few summary figures, cited: NRMP asks that its tables are not reproduced whole.",
    ),
    source_text(rules.specialties.classification_source, a.rows[0].specialty.classification.as_of, "Groups and risk after a fail.")
    if wide
    else None,
)

with st.expander("How programs weigh a fail"):
    mr = t.match_rate_by_fails
    here = a.match_rate
    table(
        {
            "Fails on record": [("→ " if here and r.fails == here.fails else "") + r.label for r in mr.rows],
            "Chance of matching, ballpark": [f"about {r.percent:g}%" for r in mr.rows],
        }
    )
    st.caption(plain(mr.caveat))
    pds = t.program_director_survey
    st.markdown(
        plain(
            f"{pds.percent_citing_failed_attempt:g}% of program directors say any failed attempt weighs in their decision "
            f"(about {pds.mean_importance:g} out of {pds.importance_scale_max} in importance)."
        )
    )
    source_note(pds.source, pds.as_of)
    aw = t.application_weights
    st.markdown("**What else programs weigh**")
    table({"Part of the application": [w.part for w in aw.rows], "Relative weight": [f"{w.weight:g}" for w in aw.rows]})
    st.caption(plain(aw.caveat))
    hard = ", ".join(s.name for s in hard_stop_specialties(rules))
    st.markdown(plain(f"Programs in these specialties rarely look past a low score: {hard}."))
with st.expander("Older figures (history)"):
    if t.history:
        st.markdown("\n".join(f"- {plain(h.text)} ({h.as_of})" for h in t.history))
share_box("targets")
