"""Retake? The answer first: may I retake, and after a fail, sit as planned or delay. Renders the run's assessment."""

from __future__ import annotations

import streamlit as st

from app_pages.common import Paragraphs, captions, chart, context, page_link, paragraphs, plain, share_box, source_note, source_text, table
from stepwise.charts import retake_paths
from stepwise.projection import chance
from stepwise.retake import Criterion

ctx = context()
rules, a = ctx.rules, ctx.assessment
p, d = a.profile, a.decision
rr = rules.retake

st.title("Should I retake?")
_TONE = {
    "not_permitted": st.error,
    "not_eligible": st.error,
    "required": st.warning,
    "probably_not": st.warning,
    "can_make_sense": st.success,
    "not_enough_information": st.info,
}
_STATE = {"met": "Yes", "not met": "No", "unknown": "Not known yet"}


def criteria_table(items: tuple[Criterion, ...], heading: str) -> None:
    table({heading: [c.label for c in items], "You": [_STATE[c.state] for c in items], "Based on": [c.value for c in items]})


# The answer: the verdict, and after a fail the readiness verdict beside it.
_TONE[d.key](f"### {plain(d.heading)}\n" + "\n".join(f"- {plain(r)}" for r in d.reasons))
if a.standing.assumed:
    st.info(plain(a.standing.assumed), icon=":material/event:")
if a.readiness is not None and a.failed:
    ready = a.readiness
    tone = {"sit": st.success, "delay": st.warning}.get(ready.key, st.info)
    tone(f"### {plain(ready.heading)}\n" + "\n".join(f"- {plain(r)}" for r in ready.reasons))
    if a.options:
        cols = st.columns(len(a.options))
        for col, o in zip(cols, a.options, strict=True):
            with col.container(border=True), Paragraphs() as box:
                box.markdown(f"**{plain(o.label)}: {o.exam_on}**")
                if o.reading is not None:
                    box.markdown(
                        plain(
                            f"Likely score {o.reading.low:.0f}–{o.reading.high:.0f}; chance of passing {chance(o.reading.p_pass)}"
                            + (f"; of reaching {a.target.value}: {chance(o.reading.p_target)}" if o.reading.p_target is not None else "")
                            + "."
                        )
                    )
                elif a.projection is None:
                    box.caption("Add practice tests to see the likely score on this date.")
                if not o.permitted:
                    box.markdown(plain("The attempt rules do not allow this date."))
                box.caption(plain(o.timing.text))
if d.missing:
    st.caption("Missing to decide: " + plain(", ".join(d.missing)) + ". Fill them in the sidebar.")

# The attempt rules after a fail.
s = a.status
if a.failed and s is not None:
    c1, c2, c3 = st.columns(3)
    c1.metric("Attempts used", f"{s.used} of {s.limit}")
    c2.metric("Attempts left", s.left)
    c3.metric("Next attempt allowed", str(s.earliest_next) if s.earliest_next and s.earliest_next > p.today else "now")
    ap = rules.exams.attempt_policy
    counted = "Incomplete attempts count. " if ap.counts_incomplete else ""
    source_note(ap.source, ap.as_of, f"{counted}At most {ap.max_in_window} attempts in any {ap.window_months} months.")

# A passed Step.
if a.standing.outcome == "pass":
    rap = rules.exams.retake_after_pass
    if d.key == "not_permitted":
        steps = "\n".join(f"{i}. {plain(step)}" for i, step in enumerate(rr.plan_not_retaking.steps, 1))
        st.markdown(f"### What to do instead of retaking\n\n{steps}")
        source_note(rr.plan_not_retaking.source, rr.plan_not_retaking.as_of)
    with st.expander("When USMLE allows retaking a passed Step", expanded=False):
        exceptions = (f"**{plain(exc.name)}**\n" + "\n".join(f"- {plain(c)}" for c in exc.conditions) for exc in rap.exceptions)
        st.markdown(paragraphs(plain(rap.summary), *exceptions))
        lic = rules.exams.licensing
        captions(
            plain(f"Many licensing authorities require every Step to be passed within {lic.all_steps_within_years} years."),
            source_text(
                rap.source, rap.as_of, "If one applies to you, set 'A USMLE retake exception applies to me' to yes in the sidebar."
            ),
        )
    if d.checklist:
        st.markdown("### Would a retake help?\n\nConsider a retake only if every one of these is a yes:")
        criteria_table(d.checklist, "Condition")
        st.markdown("…and none of these:")
        criteria_table(d.probably_not, "Reason against")
        captions(plain(rr.reflection.text), source_text(rr.checklist.source, rr.checklist.as_of, rr.checklist.note_history))
        with st.expander("How programs read each outcome"):
            row = a.outcome_row
            marks = ["→ " if row is not None and r.key == row.key else "" for r in rr.outcome_reading.rows]
            table(
                {
                    "Outcome": [m + r.scenario for m, r in zip(marks, rr.outcome_reading.rows, strict=True)],
                    "What programs often think": [r.reading for r in rr.outcome_reading.rows],
                }
            )
            if row is not None and a.retake_score is not None:
                st.markdown(plain(f"A retake of about {a.retake_score:.0f} against your {p.score} falls in: {row.scenario}."))
            source_note(rr.outcome_reading.source, rr.outcome_reading.as_of, rr.outcome_reading.note)
        steps = "\n".join(f"{i}. {plain(step)}" for i, step in enumerate(rr.plan_not_retaking.steps, 1))
        st.markdown(f"### If you do not retake\n\n{steps}")

# The paths, drawn: the latest score against the projected retake, the standard and the aim.
if a.standing.score is not None and p.exam == "step2ck" and d.permitted and a.standing.standard is not None:
    reading = a.projection.planned or a.projection.now if a.projection else None
    rng = (reading.low, reading.centre, reading.high) if reading else None
    fig = retake_paths(a.standing.score, a.standing.standard.score, rng, a.target.value, f"Aim {a.target.value}")
    chart(fig)

if d.key in ("can_make_sense", "required"):
    st.markdown(f"### What next\n\n**If you retake:** {plain(rr.interview_advice.text.format(step=a.exam_name))}")
    page_link("app_pages/study.py", "Plan the weeks of study", icon=":material/calendar_month:")
else:
    st.subheader("What next")
page_link("app_pages/targets.py", "The score to aim for", icon=":material/target:")
page_link("app_pages/projection.py", "Where your practice tests are heading", icon=":material/trending_up:")
share_box("retake")
