"""Targets: the Step 2 CK score to aim for, your specialty first, then every specialty and how
programs weigh a fail (in dialogs). Renders the run's assessment."""

from __future__ import annotations

import streamlit as st

from app_pages.dialogs import dialog_button
from app_pages.link import context, page_link
from app_pages.render import captions, chart, meaning, paragraphs, plain, source_text, table
from stepwise.alt import specialty_alt
from stepwise.charts import specialty_ranges
from stepwise.registry import STUDY
from stepwise.targets import describe_gap, hard_stop_specialties

ctx = context()
rules, assessment = ctx.rules, ctx.assessment
profile, target_rules = assessment.profile, rules.targets
st.title("What Step 2 CK score do I need?")
CHANGE = "with **Change details** at the top of the page"

sp, aim = assessment.specialty, assessment.aim
cap = rules.step(profile.exam).capabilities
step2_baseline = assessment.baseline if cap.specialty_aims else None
notes: list[str | None] = []
study_link = False
if sp is not None and aim is not None:
    row = next(r for r in assessment.rows if r.specialty.slug == sp.slug)
    box = [f"## {plain(sp.name)}: aim for {aim.low}–{aim.high}" + ("" if cap.specialty_aims else " on Step 2 CK")]
    if row.gap is not None and step2_baseline is not None:
        box.append(plain(describe_gap(rules, row.gap, aim.low) + ". " + step2_baseline.rule))
    elif not cap.specialty_aims:
        first = (
            f"Your {assessment.exam_name} retake comes first: its aim is {assessment.target.value}, to pass with room to spare. "
            if assessment.failed
            else ""
        )
        box.append(plain(f"{first}This is the aim for Step 2 CK later: there is no Step 2 CK score to measure from yet."))
    else:
        box.append("Enter your Step 2 CK score or practice tests to see how far you are from the aim.")
    if assessment.weeks is not None and cap.specialty_aims:
        if assessment.gap is not None and assessment.gap > 0:
            box.append(plain(f"At the pace most students study, that takes about {assessment.weeks.text}."))
        elif assessment.weeks.weeks_max:
            box.append(
                plain(f"You are at the aim already; a retake still asks for {assessment.weeks.text} of study (the study page says why).")
            )
        study_link = True
    st.info(paragraphs(*box))
    notes += [plain(aim.explanation), plain(sp.note) if sp.note else None]
else:
    st.info(f"Choose a target specialty {CHANGE} to see your aim and how far you are from it.")
if assessment.percentile is not None:
    norms = rules.step(profile.exam).percentiles
    share = (
        f"higher than about {assessment.percentile}% of first-takers" if assessment.percentile >= 1 else "in the lowest 1% of first-takers"
    )
    notes.append(plain(f"Your {assessment.standing.score} is {share} ({norms.norm_group if norms else ''})."))
captions(*notes)
if study_link:
    page_link(STUDY, "The study plan for this aim", icon=":material/calendar_month:")

if assessment.fails:
    rule = plain(
        f"With {assessment.fails} failed attempt{'s' if assessment.fails > 1 else ''} on record, aim {target_rules.buffer.min}–{target_rules.buffer.max} points above "
        f"the usual target for your specialty's group, and never below the range of matched applicants. {target_rules.buffer.text}"
    )
elif assessment.fails == 0:
    rule = "No fail on record: aim for the range of matched applicants, at least the lower quartile, ideally the median."
else:
    rule = f"Tell StepWise your latest result and any fails at other Steps {CHANGE}: until then the aims assume no fail."
st.markdown(f"## Every specialty\n\n{rule}")
here = round(step2_baseline.value) if step2_baseline else None
chart(
    specialty_ranges(list(assessment.rows), profile.specialty, here, None, rules.specialties.nrmp_label),
    specialty_alt(assessment.rows, profile.specialty, here),
)
as_of = assessment.rows[0].specialty.as_of
nrmp = source_text(
    rules.specialties.nrmp_source, as_of, "A few summary figures, cited: NRMP asks that its tables are not reproduced whole."
)
captions(
    "Bars: the middle half of matched U.S. MD seniors; tick: their median; diamond: your aim"
    + ("; dashed line: where you are now. " if step2_baseline else ". ")
    + meaning("quartile", "Quartiles and the middle half, explained"),
    nrmp,
)
columns: dict[str, list[str]] = {
    "Specialty": [r.specialty.name for r in assessment.rows],
    "Your aim": [f"{r.aim.low}–{r.aim.high}" for r in assessment.rows],
    "Still to gain": [f"{max(r.gap, 0):.0f}" if r.gap is not None else "—" for r in assessment.rows],
    "Realistic?": [r.realism or "—" for r in assessment.rows],
}
table(columns)


def every_column() -> None:
    """The table with the matched quartiles, the median of those not matched, the groups and the risk after a fail."""
    table(
        columns
        | {
            "Matched lower quartile · median · upper quartile": [
                f"{r.specialty.matched.q1} · {r.specialty.matched.median} · {r.specialty.matched.q3}" for r in assessment.rows
            ],
            "Median of those not matched": [
                str(r.specialty.not_matched.median) if r.specialty.not_matched else "—" for r in assessment.rows
            ],
            "Group": [r.tier_label for r in assessment.rows],
            "Risk after a fail": [rules.tier(r.specialty.tier).risk_after_fail for r in assessment.rows],
        }
    )
    captions(
        nrmp,
        source_text(
            rules.specialties.classification_source, assessment.rows[0].specialty.classification.as_of, "Groups and risk after a fail."
        ),
    )
    if target_rules.history:
        st.markdown("## Older figures\n\n" + "\n".join(f"- {plain(h.text)} ({h.as_of})" for h in target_rules.history))


def fail_weight() -> None:
    """How programs weigh a fail: the match rate by fails, the program director survey, the other parts of an application."""
    mr = target_rules.match_rate_by_fails
    here = assessment.match_rate
    table(
        {
            "Fails on record": [("→ " if here and r.fails == here.fails else "") + r.label for r in mr.rows],
            "Chance of matching, ballpark": [f"about {r.percent:g}%" for r in mr.rows],
        }
    )
    st.caption(plain(mr.caveat))
    pds = target_rules.program_director_survey
    st.markdown(
        plain(
            f"{pds.percent_citing_failed_attempt:g}% of program directors say any failed attempt weighs in their decision "
            f"(about {pds.mean_importance:g} out of {pds.importance_scale_max} in importance)."
        )
    )
    captions(source_text(pds.source, pds.as_of))
    aw = target_rules.application_weights
    st.markdown("**What else programs weigh**")
    table({"Part of the application": [w.part for w in aw.rows], "Relative weight": [f"{w.weight:g}" for w in aw.rows]})
    st.caption(plain(aw.caveat))
    hard = ", ".join(s.name for s in hard_stop_specialties(rules))
    st.markdown(plain(f"Programs in these specialties rarely look past a low score: {hard}."))


dialog_button(
    "Every column, and older figures", "every_column", "Every specialty, every column", every_column, icon=":material/table:", width="large"
)
dialog_button("How programs weigh a fail", "fail_weight", "How programs weigh a fail", fail_weight, icon=":material/balance:")
