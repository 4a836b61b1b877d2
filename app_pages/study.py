"""Study: the weeks needed and why, the verdict on the chosen date, the week-by-week plan, the
calendar and its downloads. Renders the run's assessment."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.dialogs import dialog_button
from app_pages.link import context, page_link
from app_pages.render import chart, meaning, paragraphs, plain, rows_table, small, source_text
from stepwise.alt import timeline_alt
from stepwise.charts import study_timeline
from stepwise.export import ics, plan_csv
from stepwise.registry import RETAKE
from stepwise.study import weeks_word


def _sentence_case(text: str) -> str:
    """Lower-case a label's first word for the middle of a sentence, but not an acronym ("NBMEs")."""
    first = text.split(" ", 1)[0]
    return text if first[1:2].isupper() else text[:1].lower() + text[1:]


ctx = context()
rules, assessment = ctx.rules, ctx.assessment
profile, study_rules = assessment.profile, rules.study
st.title("How long must I study?")


if assessment.weeks is None:
    st.info(plain(assessment.no_plan or "There is no retake to plan."), icon=":material/block:")
    if assessment.standing.outcome == "pass":
        page_link(RETAKE, "What to do instead of retaking", icon=":material/arrow_forward:")
    st.stop()

# The answer: the weeks, why, and the verdicts on the student's own date and weeks.
weeks_needed = assessment.weeks
st.markdown(
    paragraphs(
        f"## {weeks_needed.text} of dedicated study",
        plain(weeks_needed.reason),
        small(plain(assessment.baseline.rule)) if assessment.baseline else None,
    )
)
# One verdict box for the date and the weeks, in the graver of their two tones.
verdict: list[str] = []
grave = 0
if assessment.shows_sitting and assessment.readiness is not None:
    verdict.append(f"**{plain(assessment.readiness.heading)}**")
    verdict.append(plain(assessment.readiness.reasons[0]))
    grave = {"sit": 0, "plan": 1, "practice_first": 1}.get(assessment.readiness.key, 2)
elif assessment.readiness is not None:
    verdict.append(plain(f"{assessment.decision.heading}: if you retake anyway, plan the weeks below."))
    grave = 1
if assessment.fit is not None:
    fit = f"Your {weeks_word(profile.weeks or 0)} of protected study against the {weeks_needed.text} you need: {assessment.fit}."
    if assessment.readiness is not None and assessment.readiness.key == "delay" and assessment.fit == "enough":
        fit += " The weeks you can protect are enough; the calendar weeks to your date are not, hence the delay."
    verdict.append(plain(fit))
    grave = max(grave, {"enough": 0, "tight": 2, "not enough": 2}[assessment.fit])
if verdict:
    # Amber at most: too few weeks is common after a fail and has a remedy (the delay), not an error.
    tone = (st.success, st.info, st.warning)[grave]
    tone(paragraphs(*verdict), icon=":material/event:" if assessment.readiness is not None else None)

with st.expander("How the weeks were worked out"):
    parts: list[str | None] = []
    if assessment.by_score is not None:
        parts += [
            "**From your score**",
            plain(assessment.by_score.explanation),
            small(source_text(study_rules.bands.source, study_rules.bands.as_of)),
        ]
    if assessment.by_gap is not None:
        g = study_rules.gain_per_week
        gains = (f"{g.slow:g} a week (slow)", f"{g.typical:g} a week (typical)", f"{g.fast:g} a week (fast)")
        weeks = (assessment.by_gap.slow, assessment.by_gap.typical, assessment.by_gap.fast)
        rows = "\n".join(f"| {gain} | {n} |" for gain, n in zip(gains, weeks, strict=True))
        parts += [
            f"**From the gap to {plain(assessment.target.label)}: {assessment.by_gap.gap:.0f} points**",
            f"| If you gain | Weeks |\n|---|---|\n{rows}",
            small(source_text(g.source, g.as_of, g.sample)),
        ]
    elif not rules.step(profile.exam).capabilities.gap_weeks:
        parts.append(small("The weekly-gain figures come from Step 2 CK students, so for Step 1 the weeks come from your score."))
    parts.append(small(meaning("bands", "What the words mean")))
    mw = study_rules.minimum_weeks
    parts.append(small(plain(f"Never less than {mw.weeks} weeks: {mw.text}") + "  \n" + source_text(mw.source, mw.as_of)))
    st.markdown(paragraphs(*parts))

# The plan: what the weeks hold, the rule for stopping, then the calendar.
delay_note = None
if assessment.chosen_on is not None and profile.exam_date is not None and assessment.chosen_on != profile.exam_date and assessment.plan:
    delay_note = plain(f"The plan runs to {assessment.chosen_on}, the date StepWise advises, not to your {profile.exam_date}.")
stop_rule = None
if assessment.plan and assessment.stop_below is not None:
    stop_rule = (
        ":material/warning: **Stop rule:** "
        + plain(
            f"if after {study_rules.stop_rule.after_weeks.min}–{study_rules.stop_rule.after_weeks.max} weeks your practice tests are stuck at "
            f"{assessment.stop_below} or lower ({study_rules.stop_rule.below_target_points} or more below your aim of {assessment.target.value}), rethink the "
            "date."
            + (
                f' In the Step 2 CK article\'s words: "{study_rules.stop_rule.text}"'
                if rules.step(profile.exam).capabilities.stop_rule
                else ""
            )
        )
        + " "
        + meaning("stop", "Why a stop rule")
    )
if assessment.plan:
    q, hours = study_rules.questions_per_day, study_rules.weekly_hours
    weekly = plain(
        f"Question weeks: {q.min}–{q.max} questions a day, every one fully reviewed. Practice-test weeks: full-length days "
        "under exam conditions. A week: " + ", ".join(f"{_sentence_case(h.activity)} {h.hours:g} hours" for h in hours.rows) + "."
    )
    st.markdown(
        paragraphs(
            "## Week by week", delay_note, weekly, stop_rule, small(source_text(study_rules.scaffold.source, study_rules.scaffold.as_of))
        )
    )
    rows_table(
        [
            {
                "Week": str(wk.week),
                "Dates": f"{wk.start:%b %d} – {wk.end:%b %d}",
                "Focus": wk.phase + (": stop-rule check" if wk.checkpoint else ""),
                "Practice test": wk.assessment or "—",
            }
            for wk in assessment.plan
        ]
    )
    no_plan = None
else:
    no_plan = "No weeks to lay out before the chosen date."

rel = rules.step(profile.exam).score_release
dates = "\n".join(
    f"- {d.start if d.start == d.end else f'{d.start} to {d.end}'}: {plain(d.name)}" for d in assessment.dates if d.kind != "assessment"
)
release = source_text(rel.source, rel.as_of, f"Scores are usually released {rel.weeks.min}–{rel.weeks.max} weeks after the exam.")
st.markdown(paragraphs("## Week by week" if no_plan else None, no_plan, "## Your calendar", dates, small(release)))
if assessment.dates or assessment.plan:
    chart(study_timeline(assessment.dates, assessment.plan, profile.today), timeline_alt(assessment.dates, assessment.plan, profile.today))


def downloads() -> None:
    st.markdown("The files are made when you click, from this page's link, and not kept.")
    st.download_button(
        "Calendar (.ics)", partial(ics, assessment), "stepwise-calendar.ics", "text/calendar", icon=":material/event:", key="files:ics"
    )
    st.download_button(
        "Plan (.csv)", partial(plan_csv, assessment), "stepwise-plan.csv", "text/csv", icon=":material/table:", key="files:csv"
    )


if assessment.dates or assessment.plan:
    dialog_button("Downloads", "files", "Download the plan", downloads, icon=":material/download:", width="small")
