"""Projection: where the practice tests point, if you sat now and on each dated way to sit, with
the chart, the tests (edited in a dialog) and what sitting later would read. Renders the run's assessment."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from app_pages.dialogs import close_dialog, dialog_button
from app_pages.link import context, set_param
from app_pages.render import chart, meaning, paragraphs, plain, rows_table, small, source_text, table
from stepwise.export import practice_csv, practice_rows
from stepwise.practice import first_after_fail_caveat, practice_vs_real
from stepwise.practice_chart import practice_versus_real
from stepwise.profile import PracticeTest, practice_with
from stepwise.projection import Reading, chance
from stepwise.study import weeks_word

ctx = context()
rules, assessment = ctx.rules, ctx.assessment
profile, practice_rules = assessment.profile, rules.practice_tests
proj = assessment.projection
EDIT = "tests"  # the dialog's key: its inputs' keys start with "tests:"
st.title("Where are my practice tests heading?")


passed = assessment.standing.outcome == "pass"  # a kept pass: the chance of passing again means nothing; the aim does


def reading_text(title: str, r: Reading, assumption: str) -> str:
    parts = [] if passed else [f"Chance of passing ({r.standard}): **{plain(chance(r.p_pass))}**"]
    if r.p_target is not None and (passed or assessment.target.value != r.standard):
        parts.append(f"{'Chance of reaching' if passed else 'of reaching'} {assessment.target.value}: **{plain(chance(r.p_target))}**")
    line = " · ".join(parts)
    return paragraphs(f"**{plain(title)}**", f"## {r.low:.0f}–{r.high:.0f}", line + "  \n" + small(plain(assumption)))


# The answer first: sat now, and on each date the verdict weighs (the student's own, and any advised one).
if proj is not None and proj.now is not None:
    readings = [
        reading_text("If you sat now", proj.now, f"No further gain; likely range, about {proj.coverage:.0%} of real scores fall inside it.")
    ]
    for o in assessment.options:
        if o.reading is None:
            readings.append(
                paragraphs(
                    f"**{plain(o.label)}: {o.exam_on}**",
                    small("Too far from your newest practice test to project: take one closer to the date."),
                )
            )
            continue
        r = o.reading
        if r.gain_per_week:
            assumption = f"Assuming the typical gain of {r.gain_per_week:g} points a week for {r.gain_weeks:.0f} weeks of study."
        else:
            assumption = "Carried to this date with the published Step 1 formula."
        title = f"{o.label}: {o.exam_on}" + ("" if o.advised else " (StepWise advises a later date)")
        readings.append(reading_text(title, r, assumption))
    st.markdown(paragraphs(*readings, small(plain(proj.regime_text) + " " + meaning("range", "What a likely range means"))))
elif proj is None:
    st.info("Add your practice tests with **Edit practice tests** below to see where they point.")
for note in proj.notices if proj else ():
    st.warning(plain(note))
if proj is not None:
    miss = practice_vs_real(rules, proj)
    if miss is not None:
        om = proj.own_miss
        taken = (
            f"The projection takes {om.weight:.0%} of that miss into account ({om.adjustment:+.0f} points): one exam day is noisy, so not all of it."
            if om is not None and om.adjustment
            else None
        )
        (st.warning if miss.points_to_test_day else st.info)(paragraphs(plain(miss.message), plain(taken) if taken else None))
caveat = first_after_fail_caveat(rules, profile, assessment.failed)
if caveat:
    st.info(plain(caveat))

drawn = practice_versus_real(rules, assessment)
if drawn is not None:
    chart(*drawn)

# The tests, and the dialog that changes them: the link changes with them.
forms = [f for f in practice_rules.forms if f.exam == profile.exam]
names = {f.key: f.name for f in forms}
test_keys = [t.to_param() for t in profile.practice]  # stable keys: a position changes as tests come and go
rows = practice_rows(assessment)
weight = (
    "Score as printed: the form's own number. On the Step scale: that score moved onto the real exam's scale. "
    "Weight: how much each test counts, the newest as 1.00; tests before your last attempt are history and do not count. "
    + meaning("scale", "More on these words")
)
st.markdown(paragraphs(f"## Your {assessment.exam_name} practice tests", small(weight) if rows else "None entered yet."))
for n in assessment.notices:
    if n.param == "practice":
        st.warning(plain(n.message[0].upper() + n.message[1:]))
rows_table(rows)


def edit_tests() -> None:
    """The dialog: add a test, remove one, download them. A change goes into the link and closes it."""
    with st.form(f"{EDIT}:add", border=False):
        st.markdown("**Add a practice test**")
        c1, c2, c3 = st.columns(3)
        form_key = c1.selectbox("Form", list(names), format_func=lambda k: names.get(k, k), key=f"{EDIT}:form")
        score = c2.number_input("Score", min_value=0, max_value=300, step=1, value=None, placeholder="e.g. 238", key=f"{EDIT}:score",
                                help="Free 120: percent correct. The others: the three-digit score.")  # fmt: skip
        taken = c3.date_input("Date taken", value=None, min_value=rules.exams.input_limits.earliest_date, max_value=profile.today,
                              format="YYYY-MM-DD", key=f"{EDIT}:date")  # fmt: skip
        add = st.form_submit_button("Add test", icon=":material/add:", key=f"{EDIT}:add_go")
    if add:
        if score is None or taken is None:
            st.warning("Enter the score and the date the test was taken to add it.")
        elif any(t.form == form_key and t.taken == taken for t in profile.practice):
            st.warning(plain(f"{names.get(form_key, form_key)} on {taken} is already in your list: remove it first to change it."))
        else:
            set_param("practice", practice_with(profile, added=PracticeTest(form_key, float(score), taken)))
            close_dialog()
    if not profile.practice:
        return
    labels = {t.to_param(): f"{names.get(t.form, t.form)}: {t.score:g} on {t.taken}" for t in profile.practice}
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    c1.selectbox(
        "Remove a test", test_keys, index=None, placeholder="Choose a test…", format_func=lambda k: labels.get(k, k), key=f"{EDIT}:remove"
    )
    if c2.button("Remove", icon=":material/delete:", key=f"{EDIT}:remove_go", width="stretch"):
        chosen = st.session_state.get(f"{EDIT}:remove")
        if chosen in test_keys:
            set_param("practice", practice_with(profile, removed=test_keys.index(chosen)))
            close_dialog()
        st.warning("Choose the test to remove first.")
    st.download_button(
        "Practice tests (.csv)",
        partial(practice_csv, assessment),
        "stepwise-practice.csv",
        "text/csv",
        icon=":material/table:",
        key=f"{EDIT}:csv",
    )


dialog_button(
    "Edit practice tests" if profile.practice else "Add a practice test",
    EDIT,
    f"Your {assessment.exam_name} practice tests",
    edit_tests,
    icon=":material/edit_note:",
)

# What if I sit later than the chosen date? The assessment reads it for the article's shortest delay:
# another date is one change of the planned exam date away.
what_if = assessment.what_if
if what_if is not None:
    st.markdown(
        paragraphs(
            f"## What if I sit {weeks_word(what_if.weeks)} after {assessment.chosen_on}?",
            small(
                "The typical row is exactly what an exam date that much later would show. To see another date, change the planned "
                "exam date with **Change details** at the top of the page."
            ),
        )
    )
    table(
        {
            "If you gain": [
                f"{r.gain_per_week:g} a week ({r.speed})" if r.gain_per_week else "the formula's gain" for r in what_if.readings
            ],
            f"Likely on {what_if.on}": [f"{r.low:.0f}–{r.high:.0f}" for r in what_if.readings],
            **(
                {
                    f"Chance of reaching {assessment.target.value}": [
                        chance(r.p_target) if r.p_target is not None else "—" for r in what_if.readings
                    ]
                }
                if passed
                else {"Chance of passing": [chance(r.p_pass) for r in what_if.readings]}
            ),
        }
    )
elif proj is not None and proj.now is not None and assessment.chosen_on is not None:
    st.markdown(
        small(
            plain(
                f"A sitting after {proj.newest + dt.timedelta(weeks=practice_rules.projection_limits.stale_after_weeks)} is more than "
                f"{practice_rules.projection_limits.stale_after_weeks} weeks after your newest practice test ({proj.newest}), too far to "
                "project: take a practice test closer to the date."
            )
        )
    )

with st.expander("How this is worked out, and its limits"):
    lines = ["- " + plain(line) for line in (proj.method if proj else ())]
    parts: list[str | None] = []
    if rules.step(profile.exam).capabilities.projection == "community_formula":
        m = practice_rules.step2ck_model
        lines += ["- " + plain(lim) for lim in m.limits]
        within = " and ".join(f"{acc.percent:g}% within {acc.within_points:g} points" for acc in m.accuracy)
        lines.append("- " + plain(f"In the sample, {within} of the formula (mean real score about {m.sample_mean_real:g})."))
        reads = [f"{abs(f.offset):g} points {'high' if f.offset > 0 else 'low'}" if f.offset else "as the real exam" for f in forms]
        parts += [
            "\n".join(lines),
            small(source_text(m.source, m.as_of)),
            "| Form | Reads |\n|---|---|\n" + "\n".join(f"| {plain(f.name)} | {r} |" for f, r in zip(forms, reads, strict=True)),
        ]
    else:
        s1 = practice_rules.step1_model
        parts += ["\n".join(lines), small(source_text(s1.source, s1.as_of))]
    nse, lim_ = practice_rules.nbme_standard_error, practice_rules.projection_limits
    parts.append(
        small(
            plain(f"NBME gives its own forms a standard error of about {nse.points:g} points.")
            + "  \n"
            + source_text(lim_.source, lim_.as_of)
        )
    )
    st.markdown(paragraphs(*parts))
