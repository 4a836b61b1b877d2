"""Retake? The answer first: may I retake, and whether to sit on my date, delay, or get something
first; the attempts, the dates side by side, the low-pass checklist. Renders the run's assessment."""

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
rules, assessment = ctx.rules, ctx.assessment
profile, decision = assessment.profile, assessment.decision
retake_rules = rules.retake

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
study_rules = assessment.status
last = (
    study_rules.reasons[-1]
    if study_rules is not None and study_rules.left == 1 and study_rules.reasons and study_rules.reasons[-1] in decision.reasons
    else None
)
if last is not None:
    st.error(f"**{plain(last)}**", icon=":material/priority_high:")
# The answer: the verdict, and after a fail the readiness verdict with it.
box = [verdict(decision.heading, tuple(r for r in decision.reasons if r != last))]
tones = [_TONE[decision.key]]
if assessment.standing.assumed:
    box.append(f":material/event: {plain(assessment.standing.assumed)}")
ready = assessment.readiness if assessment.shows_sitting else None
if ready is not None:
    box.append(verdict(ready.heading, ready.reasons))
    tones.append(_TONE.get(ready.key, "info"))
if decision.missing:
    box.append(f"Missing to decide: {plain(where_to_enter(decision.missing))}.")
_BOX[max(tones, key=_SEVERITY.index)](paragraphs(*box))

# After a fail: the attempts, and the dates side by side.
after_fail = assessment.failed and study_rules is not None
attempts = None
if after_fail:
    nxt = str(study_rules.earliest_next) if study_rules.earliest_next and study_rules.earliest_next > profile.today else "now"
    attempts = (
        f"**Attempts used:** {study_rules.used} of {study_rules.limit} · **left:** {study_rules.left} · **next attempt allowed:** {nxt}"
    )
options = []
if ready is not None:
    for o in assessment.options:
        line = f"- **{plain(o.label)}: {o.exam_on}.**"
        if o.reading is not None:
            line += " " + plain(
                f"Likely score {o.reading.low:.0f}–{o.reading.high:.0f}; chance of passing {chance(o.reading.p_pass)}"
                + (f"; of reaching {assessment.target.value}: {chance(o.reading.p_target)}" if o.reading.p_target is not None else "")
                + "."
            )
        elif assessment.projection is None:
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
    if decision.checklist:
        st.markdown("## How programs read each outcome")
        row = assessment.outcome_row
        marks = ["→ " if row is not None and r.key == row.key else "" for r in retake_rules.outcome_reading.rows]
        table(
            {
                "Outcome": [m + r.scenario for m, r in zip(marks, retake_rules.outcome_reading.rows, strict=True)],
                "What programs often think": [r.reading for r in retake_rules.outcome_reading.rows],
            }
        )
        if row is not None and assessment.retake_score is not None:
            st.markdown(plain(f"A retake of about {assessment.retake_score:.0f} against your {profile.score} falls in: {row.scenario}."))
        captions(source_text(retake_rules.outcome_reading.source, retake_rules.outcome_reading.as_of, retake_rules.outcome_reading.note))


# A passed Step.
instead = "\n".join(f"{i}. {plain(step)}" for i, step in enumerate(retake_rules.plan_not_retaking.steps, 1))
if assessment.standing.outcome == "pass":
    if decision.key == "not_permitted":
        st.markdown(f"## What to do instead of retaking\n\n{instead}")
        captions(source_text(retake_rules.plan_not_retaking.source, retake_rules.plan_not_retaking.as_of))
    if decision.checklist:
        st.markdown("## Would a retake help?\n\nConsider a retake only if every condition is a yes, and every reason against is a no:")
        items = (*decision.checklist, *decision.probably_not)
        table(
            {
                "Condition or reason against": [c.label for c in items],
                "Should be": ["Yes"] * len(decision.checklist) + ["No"] * len(decision.probably_not),
                "You": [_STATE[c.state] for c in items],
                "Based on": [c.value for c in items],
            }
        )
        captions(
            plain(retake_rules.reflection.text),
            source_text(retake_rules.checklist.source, retake_rules.checklist.as_of, retake_rules.checklist.note_history),
        )
    label = "When a pass can be retaken, and how programs read it" if decision.checklist else "When USMLE allows retaking a passed Step"
    dialog_button(label, "passed_step", "Retaking a passed Step", passed_step_rules, icon=":material/gavel:", width="large")

# The paths, drawn: the latest score against the likely retake score on the chosen date (else "if you
# sat now"), the standard that retake faces and the aim.
if (
    assessment.standing.score is not None
    and rules.step(profile.exam).capabilities.specialty_aims
    and decision.permitted
    and assessment.standing.standard is not None
):
    reading = assessment.chosen_reading
    on_chosen = reading is not None and assessment.projection is not None and reading is assessment.projection.planned
    label = f"Retake on {assessment.chosen_on}" if on_chosen else "If you sat now"
    rng = (reading.low, reading.centre, reading.high) if reading else None
    standard = reading.standard if reading else assessment.next_standard  # the line the retake must clear, not the old one
    chart(
        retake_paths(assessment.standing.score, standard, rng, assessment.target.value, f"Aim {assessment.target.value}", label),
        retake_alt(assessment.standing.score, standard, rng, assessment.target.value, label),
    )

retaking = decision.key in ("can_make_sense", "required")
st.markdown(
    paragraphs(
        "## What next",
        f"**If you retake:** {plain(retake_rules.interview_advice.text.format(step=assessment.exam_name))}" if retaking else None,
        f"**If you do not retake:**\n\n{instead}" if decision.checklist else None,
    )
)
if assessment.weeks is not None and assessment.shows_sitting:
    page_link(STUDY, "Plan the weeks of study", icon=":material/calendar_month:")
page_link(TARGETS, "The score to aim for", icon=":material/target:")
page_link(PROJECTION, "Where your practice tests are heading", icon=":material/trending_up:")
