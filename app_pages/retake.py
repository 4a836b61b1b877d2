"""Retake? The answer first: may I retake, and after a fail, sit as planned or delay. Renders the run's assessment.

Each element costs the server about 0.25 ms a run: the verdicts share one box, the dated options and
the attempts are one text, the two checklists one table, and the rules for retaking a passed Step
open in a dialog (drawn only while open).
"""

from __future__ import annotations

import streamlit as st

from app_pages.dialogs import dialog_button
from app_pages.link import context, page_link
from app_pages.render import captions, chart, paragraphs, plain, source_text, table
from stepwise.alt import retake_alt
from stepwise.charts import retake_paths
from stepwise.projection import chance
from stepwise.registry import PROJECTION, STUDY, TARGETS
from stepwise.retake import where_to_enter

ctx = context()
rules, a = ctx.rules, ctx.assessment
p, d = a.profile, a.decision
rr = rules.retake

st.title("Should I retake?")
_TONE = {
    "not_permitted": "error",
    "not_eligible": "error",
    "required": "warning",
    "probably_not": "warning",
    "can_make_sense": "success",
    "not_enough_information": "info",
    "first_attempt": "info",
    "sit": "success",
    "delay": "warning",
    "plan": "info",
    "new_date": "warning",
    "practice_first": "info",
    "protect_weeks": "warning",
}
_SEVERITY = ["success", "info", "warning", "error"]  # one box for both verdicts: the graver one's colour
_BOX = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}
_STATE = {"met": "Yes", "not met": "No", "unknown": "Not known yet"}
CHANGE = "with **Change details** at the top of the page"


def verdict(heading: str, reasons: tuple[str, ...]) -> str:
    return f"## {plain(heading)}\n" + "\n".join(f"- {plain(r)}" for r in reasons)


# The gravest fact first, alone and in the error colour: a last permitted attempt (the attempt rules'
# own sentence), not the fifth bullet in the same box a first fail gets.
s = a.status
last = s.reasons[-1] if s is not None and s.left == 1 and s.reasons and s.reasons[-1] in d.reasons else None
if last is not None:
    st.error(f"**{plain(last)}**", icon=":material/priority_high:")
# The answer: the verdict, and after a fail the readiness verdict with it.
box = [verdict(d.heading, tuple(r for r in d.reasons if r != last))]
tones = [_TONE[d.key]]
if a.standing.assumed:
    box.append(f":material/event: {plain(a.standing.assumed)}")
ready = a.readiness if a.shows_sitting else None
if ready is not None:
    box.append(verdict(ready.heading, ready.reasons))
    tones.append(_TONE.get(ready.key, "info"))
if d.missing:
    box.append(f"Missing to decide: {plain(where_to_enter(d.missing))}.")
_BOX[max(tones, key=_SEVERITY.index)](paragraphs(*box))

# After a fail: the attempts, and the dates side by side.
after_fail = a.failed and s is not None
attempts = None
if after_fail:
    nxt = str(s.earliest_next) if s.earliest_next and s.earliest_next > p.today else "now"
    attempts = f"**Attempts used:** {s.used} of {s.limit} · **left:** {s.left} · **next attempt allowed:** {nxt}"
options = []
if ready is not None:
    for o in a.options:
        line = f"- **{plain(o.label)}: {o.exam_on}.**"
        if o.reading is not None:
            line += " " + plain(
                f"Likely score {o.reading.low:.0f}–{o.reading.high:.0f}; chance of passing {chance(o.reading.p_pass)}"
                + (f"; of reaching {a.target.value}: {chance(o.reading.p_target)}" if o.reading.p_target is not None else "")
                + "."
            )
        elif a.projection is None:
            line += " Add practice tests to see the likely score on this date."
        else:
            line += " Too far from your newest practice test to project: take one closer to the date."
        if not o.permitted:
            line += " The attempt rules do not allow this date."
        elif not o.advised:
            line += " StepWise advises against this date."
        options.append(f"{line}  \n  :small[{plain(o.timing.text)}]")
if attempts or options:
    st.markdown(paragraphs(attempts, "\n".join(options)))
if after_fail:
    ap = rules.exams.attempt_policy
    counted = "Incomplete attempts count. " if ap.counts_incomplete else ""
    captions(source_text(ap.source, ap.as_of, f"{counted}At most {ap.max_in_window} attempts in any {ap.window_months} months."))


def passed_step_rules() -> None:
    """When USMLE allows retaking a passed Step, and how programs read each outcome: in a dialog."""
    rap = rules.exams.retake_after_pass
    exceptions = (f"**{plain(exc.name)}**\n" + "\n".join(f"- {plain(c)}" for c in exc.conditions) for exc in rap.exceptions)
    st.markdown(paragraphs("## When USMLE allows it", plain(rap.summary), *exceptions))
    lic = rules.exams.licensing
    captions(
        plain(f"Many licensing authorities require every Step to be passed within {lic.all_steps_within_years} years."),
        source_text(
            rap.source,
            rap.as_of,
            "If one applies to you, open Change details at the top of the page and set 'A USMLE retake exception applies to me' to yes.",
        ),
    )
    if d.checklist:
        st.markdown("## How programs read each outcome")
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
        captions(source_text(rr.outcome_reading.source, rr.outcome_reading.as_of, rr.outcome_reading.note))


# A passed Step.
instead = "\n".join(f"{i}. {plain(step)}" for i, step in enumerate(rr.plan_not_retaking.steps, 1))
if a.standing.outcome == "pass":
    if d.key == "not_permitted":
        st.markdown(f"## What to do instead of retaking\n\n{instead}")
        captions(source_text(rr.plan_not_retaking.source, rr.plan_not_retaking.as_of))
    if d.checklist:
        st.markdown("## Would a retake help?\n\nConsider a retake only if every condition is a yes, and every reason against is a no:")
        items = (*d.checklist, *d.probably_not)
        table(
            {
                "Condition or reason against": [c.label for c in items],
                "Should be": ["Yes"] * len(d.checklist) + ["No"] * len(d.probably_not),
                "You": [_STATE[c.state] for c in items],
                "Based on": [c.value for c in items],
            }
        )
        captions(plain(rr.reflection.text), source_text(rr.checklist.source, rr.checklist.as_of, rr.checklist.note_history))
    label = "When a pass can be retaken, and how programs read it" if d.checklist else "When USMLE allows retaking a passed Step"
    dialog_button(label, "passed_step", "Retaking a passed Step", passed_step_rules, icon=":material/gavel:", width="large")

# The paths, drawn: the latest score against the likely retake score on the chosen date (else "if you
# sat now"), the standard that retake faces and the aim.
if a.standing.score is not None and p.exam == "step2ck" and d.permitted and a.standing.standard is not None:
    reading = a.chosen_reading
    on_chosen = reading is not None and a.projection is not None and reading is a.projection.planned
    label = f"Retake on {a.chosen_on}" if on_chosen else "If you sat now"
    rng = (reading.low, reading.centre, reading.high) if reading else None
    standard = reading.standard if reading else a.next_standard  # the line the retake must clear, not the old one
    chart(
        retake_paths(a.standing.score, standard, rng, a.target.value, f"Aim {a.target.value}", label),
        retake_alt(a.standing.score, standard, rng, a.target.value, label),
    )

retaking = d.key in ("can_make_sense", "required")
st.markdown(
    paragraphs(
        "## What next",
        f"**If you retake:** {plain(rr.interview_advice.text.format(step=a.exam_name))}" if retaking else None,
        f"**If you do not retake:**\n\n{instead}" if d.checklist else None,
    )
)
if a.weeks is not None and a.shows_sitting:
    page_link(STUDY, "Plan the weeks of study", icon=":material/calendar_month:")
page_link(TARGETS, "The score to aim for", icon=":material/target:")
page_link(PROJECTION, "Where your practice tests are heading", icon=":material/trending_up:")
