"""Projection: where the practice tests point, if you sat now and on your date. Renders the run's assessment."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.common import Paragraphs, chart, context, paragraphs, plain, rows_table, set_param, share_box, source_text, table
from stepwise.charts import projection_chart
from stepwise.export import practice_csv, practice_rows
from stepwise.profile import PracticeTest, practice_with
from stepwise.projection import Reading, chance, delay_what_if, first_after_fail_caveat, practice_vs_real

ctx = context()
rules, a = ctx.rules, ctx.assessment
p, pt = a.profile, rules.practice_tests
proj = a.projection
st.title("Where are my practice tests heading?")


def reading_box(title: str, r: Reading, assumption: str) -> None:
    with st.container(border=True):
        line = f"Chance of passing ({r.standard}): {chance(r.p_pass)}"
        if r.p_target is not None and a.target.value != r.standard:
            line += f" · of reaching {a.target.value}: {chance(r.p_target)}"
        st.markdown(paragraphs(f"**{plain(title)}**", f"### {r.low:.0f}–{r.high:.0f}", plain(line)))
        st.caption(plain(assumption))


# The answer first: sat now, and on each date the verdict weighs (the student's own, and any advised one).
if proj is not None and proj.now is not None:
    boxes = [("If you sat now", proj.now, f"No further gain; likely range, about {proj.coverage:.0%} of real scores fall inside it.")]
    for o in a.options:
        if o.reading is None:
            continue
        r = o.reading
        if r.gain_per_week:
            assumption = f"Assuming the typical gain of {r.gain_per_week:g} points a week for {r.gain_weeks:.0f} weeks of study."
        else:
            assumption = "Carried to this date with the published Step 1 formula."
        boxes.append((f"{o.label}: {o.exam_on}", r, assumption))
    for col, (title, reading, assumption) in zip(st.columns(len(boxes)), boxes, strict=True):
        with col:
            reading_box(title, reading, assumption)
    st.caption(plain(proj.regime_text))
elif proj is None:
    st.info("Enter your practice tests below to see where they point.")
for note in proj.notices if proj else ():
    st.warning(plain(note))
if proj is not None:
    miss = practice_vs_real(rules, proj)
    if miss is not None:
        (st.warning if miss.points_to_test_day else st.info)(plain(miss.message))
        om = proj.own_miss
        if om is not None and om.adjustment:
            st.caption(
                plain(
                    f"The projection takes {om.weight:.0%} of that miss into account ({om.adjustment:+.0f} points): "
                    "one exam day is noisy, so not all of it."
                )
            )
caveat = first_after_fail_caveat(rules, p, a.failed)
if caveat:
    st.info(plain(caveat))

if proj is not None and proj.tests:
    real = (p.latest_attempt, a.standing.score) if a.standing.score is not None and p.latest_attempt is not None else None
    shown = proj.planned or proj.now
    standard = shown.standard if shown is not None else rules.step(p.exam).passing_standards[-1].score
    scale = rules.exams.score_scale
    fig = projection_chart(proj, standard, a.target.value, f"Aim {a.target.value}", real, (scale.min, scale.max))
    chart(fig)

# The tests: add or remove one; the link changes with them.
forms = [f for f in pt.forms if f.exam == p.exam]
names = {f.key: f.name for f in forms}
st.subheader(f"Your {a.exam_name} practice tests")


test_keys = [t.to_param() for t in p.practice]  # stable keys: a position changes as tests come and go


def remove_test() -> None:
    chosen = st.session_state.get("remove_test")
    if chosen in test_keys:
        set_param("practice", practice_with(p, removed=test_keys.index(chosen)))
    st.session_state["remove_test"] = None


with st.form("add_test", border=True, clear_on_submit=True):
    st.markdown("**Add a practice test**")
    c1, c2, c3 = st.columns(3)
    form_key = c1.selectbox("Form", list(names), format_func=lambda k: names.get(k, k), key="add_form")
    score = c2.number_input("Score", min_value=0, max_value=300, step=1, value=None, placeholder="e.g. 238", key="add_score",
                            help="Free 120: percent correct. The others: the three-digit score.")  # fmt: skip
    taken = c3.date_input("Date taken", value=None, min_value=rules.exams.input_limits.earliest_date, max_value=p.today,
                          format="YYYY-MM-DD", key="add_date")  # fmt: skip
    add = st.form_submit_button("Add test", icon=":material/add:")
if add:
    if score is None or taken is None:
        st.warning("Enter the score and the date the test was taken to add it.")
    elif any(t.form == form_key and t.taken == taken for t in p.practice):
        st.warning(plain(f"{names.get(form_key, form_key)} on {taken} is already in your list: remove it first to change it."))
    else:
        set_param("practice", practice_with(p, added=PracticeTest(form_key, float(score), taken)))
        st.rerun()
for n in a.notices:
    if n.param == "practice":
        st.warning(plain(n.message[0].upper() + n.message[1:]))
rows = practice_rows(a)
if rows:
    rows_table(rows)
    st.caption("Weight: how much each test counts, the newest as 1.00; tests before your last attempt are history and do not count.")
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    labels = {t.to_param(): f"{names.get(t.form, t.form)}: {t.score:g} on {t.taken}" for t in p.practice}
    c1.selectbox(
        "Remove a test", test_keys, index=None, placeholder="Choose a test…", format_func=lambda k: labels.get(k, k), key="remove_test"
    )
    c2.button("Remove", icon=":material/delete:", on_click=remove_test, width="stretch")
    st.download_button("Practice tests (.csv)", partial(practice_csv, a), "stepwise-practice.csv", "text/csv", icon=":material/table:")

# What if I sit later?
if proj is not None and proj.now is not None:
    st.subheader("What if I sit later?")
    furthest = rules.practice_tests.projection_limits.stale_after_weeks
    advised = a.readiness.delay_weeks if a.readiness and a.readiness.delay_weeks else rules.retake.sit_or_delay.delay_weeks.min
    weeks = st.number_input(
        "Weeks later than planned",
        min_value=1,
        max_value=furthest,
        value=min(advised, furthest),  # an advised delay past the projection's reach starts at its edge
        step=1,
        key="delay_weeks",
    )
    what_if = delay_what_if(rules, p, proj, int(weeks))
    if what_if is None:
        st.info("Too far from your newest practice test to project: take a new one first.")
    else:
        table(
            {
                "If you gain": [
                    f"{r.gain_per_week:g} a week ({r.speed})" if r.gain_per_week else "the formula's gain" for r in what_if.readings
                ],
                f"Likely on {what_if.on}": [f"{r.low:.0f}–{r.high:.0f}" for r in what_if.readings],
                "Chance of passing": [chance(r.p_pass) for r in what_if.readings],
            }
        )
        st.caption("The typical row is exactly what an exam date that much later would show.")

with st.expander("How this is worked out, and its limits"), Paragraphs() as text:
    lines = ["- " + plain(line) for line in (proj.method if proj else ())]
    if p.exam == "step2ck":
        m = pt.step2ck_model
        lines += ["- " + plain(lim) for lim in m.limits]
        within = " and ".join(f"{acc.percent:g}% within {acc.within_points:g} points" for acc in m.accuracy)
        lines.append("- " + plain(f"In the sample, {within} of the formula (mean real score about {m.sample_mean_real:g})."))
    if lines:
        text.markdown("\n".join(lines))
    if p.exam == "step2ck":
        text.caption(source_text(m.source, m.as_of))
        text.flush()
        table(
            {
                "Form": [f.name for f in forms],
                "Reads": [f"{abs(f.offset):g} points {'high' if f.offset > 0 else 'low'}" if f.offset else "on scale" for f in forms],
            }
        )
    else:
        s1 = pt.step1_model
        text.caption(source_text(s1.source, s1.as_of))
    nse = pt.nbme_standard_error
    text.caption(plain(f"NBME gives its own forms a standard error of about {nse.points:g} points."))
    lim_ = pt.projection_limits
    text.caption(source_text(lim_.source, lim_.as_of))
share_box("projection")
