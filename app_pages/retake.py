"""Retake? The policy gate, seed 003's checklist, sit-or-delay after a fail, how programs read it."""

from __future__ import annotations

import streamlit as st

from app_pages.common import context, page_link, plain, share_box, source_note
from stepwise.charts import retake_paths
from stepwise.retake import Criterion, decide, outcome_row, sit_or_delay
from stepwise.targets import target_and_projection

ctx = context()
rules, p = ctx.rules, ctx.profile
step = rules.step(p.exam)
decision = decide(rules, p)
target, projection = target_and_projection(rules, p)
rr = rules.retake

st.title("Should I retake?")
_ICON = {"met": "Met", "not met": "Not met", "unknown": "Unknown"}
_TONE = {
    "not_permitted": st.error,
    "not_eligible": st.error,
    "required": st.warning,
    "probably_not": st.warning,
    "can_make_sense": st.success,
    "not_enough_information": st.info,
}


def criteria_table(items: tuple[Criterion, ...]) -> None:
    st.table({"criterion": [c.label for c in items], "state": [_ICON[c.state] for c in items], "decided by": [c.value for c in items]})


# 1. The policy gate.
st.subheader("1. The USMLE rules first")
st.write(plain(decision.gate.text))
tone = _TONE[decision.key]
tone(f"### {plain(decision.heading)}\n" + "\n".join(f"- {plain(r)}" for r in decision.reasons[1:]))
if decision.missing:
    st.caption("Missing to decide: " + plain(", ".join(decision.missing)) + ". Fill them in the sidebar.")

if decision.gate.outcome == "pass":
    rap = rules.exams.retake_after_pass
    with st.expander("The exceptions that permit retaking a passed Step", expanded=decision.key == "not_permitted"):
        st.write(plain(rap.summary))
        for exc in rap.exceptions:
            st.markdown(f"**{plain(exc.name)}**\n" + "\n".join(f"- {plain(c)}" for c in exc.conditions))
        source_note(rap.source, rap.as_of, "If one applies to you, set 'A USMLE retake exception applies to me' to yes.")
    for c in rules.exams.seed_corrections[:2]:
        st.caption(plain("History: " + c.text))

if decision.gate.status is not None and decision.gate.outcome == "fail":
    s = decision.gate.status
    c1, c2, c3 = st.columns(3)
    c1.metric("Attempts used", f"{s.used} of {s.limit}")
    c2.metric("Attempts left", s.left)
    c3.metric("Earliest next attempt", str(s.earliest_next) if s.earliest_next else "none")
    ap = rules.exams.attempt_policy
    source_note(ap.source, ap.as_of, f"Incomplete attempts count. At most {ap.max_in_window} in {ap.window_months} months.")

# 2. After a fail: sit or delay. Otherwise: seed 003's checklist for retaking a low pass.
if decision.gate.outcome == "fail":
    if decision.key != "not_eligible":
        st.subheader("2. Ready to sit, or delay? (seed 002)")
        ready = sit_or_delay(rules, p, projection)
        tone = {"sit": st.success, "delay": st.warning}.get(ready.key, st.info)
        tone(f"### {plain(ready.heading)}\n" + "\n".join(f"- {plain(r)}" for r in ready.reasons))
        if ready.checks:
            criteria_table(ready.checks)
        st.caption(plain(f"Target: {target.label}. {rr.sit_or_delay.note}"))
        source_note(rr.sit_or_delay.source, rr.sit_or_delay.as_of)
else:
    st.subheader("2. Seed 003's checklist for retaking a low pass")
    if decision.key == "not_permitted":
        st.caption("Shown for reference: without an exception these cannot lead to a retake.")
    st.write("Seed 003: consider a retake only if **all** of these hold.")
    criteria_table(decision.checklist)
    st.write("…and **none** of these ('you should probably not retake if'):")
    criteria_table(decision.probably_not)
    st.caption(plain(rr.reflection.text))
    source_note(rr.checklist.source, rr.checklist.as_of, rr.checklist.note_history)

# 4. How programs read each outcome.
if decision.gate.outcome == "pass" and p.exam == "step2ck":
    st.subheader("How programs would read each outcome")
    row, retake_score = outcome_row(rules, p)
    table = rr.outcome_reading.rows
    marks = ["→ " if row is not None and r.key == row.key else "" for r in table]
    st.table({"scenario": [m + r.scenario for m, r in zip(marks, table, strict=False)], "common reading": [r.reading for r in table]})
    if row is not None and retake_score is not None:
        st.write(plain(f"Your projected retake, about {retake_score:.0f} against {p.score} now, falls in: {row.scenario}."))
    else:
        st.caption("Add practice tests (or protected weeks) to see where a retake would likely fall.")
    source_note(rr.outcome_reading.source, rr.outcome_reading.as_of, rr.outcome_reading.note)

# The paths, drawn: the latest score against a projected retake, the standard and the target.
if p.score is not None and p.exam == "step2ck" and decision.key != "not_eligible":
    proj = projection
    rng = (proj.low, proj.centre, proj.high) if proj else None
    fig = retake_paths(p.score, decision.gate.standard, rng, target.value, f"Target {target.value}")
    st.plotly_chart(fig, config={"displayModeBar": False})
    cap = f"Latest score {p.score}; passing standard {decision.gate.standard}; target {target.value} ({target.label})"
    if proj:
        cap += f"; projected retake {proj.low:.0f}–{proj.high:.0f} (centre {proj.centre:.0f})"
    else:
        cap += "; add practice tests to project a retake"
    st.caption(plain(cap + "."))

# 5. What next.
st.subheader("What to do next")
if decision.key in ("can_make_sense", "required"):
    st.markdown(f"**If you retake:** {plain(rr.interview_advice.text)}")
    page_link("app_pages/study.py", "Plan the weeks of study", icon=":material/calendar_month:")
if decision.gate.outcome == "pass":
    st.markdown(
        "**If you do not retake** (seed 003):\n" + "\n".join(f"{i}. {plain(s)}" for i, s in enumerate(rr.plan_not_retaking.steps, 1))
    )
page_link("app_pages/targets.py", "Targets by specialty", icon=":material/target:")
page_link("app_pages/projection.py", "Where your practice tests are heading", icon=":material/trending_up:")
share_box("retake")
