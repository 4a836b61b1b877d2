"""Sources: every rule and figure in force, with its source and date; stale ones flagged."""

from __future__ import annotations

import streamlit as st

from app_pages.common import context, plain, share_box
from stepwise.sources import source_rows

ctx = context()
rules = ctx.rules
st.title("Sources")
st.write(
    "Every number StepWise shows comes from a rules file. Each row is one rule: the file and key to find it, "
    f"its figures, where they come from and the date they hold for. Rows older than "
    f"{rules.exams.display.stale_after_days // 365} years are flagged STALE: check them before relying on them."
)
st.caption(plain(f"Rules folder in use: {rules.folder}"))
rows = source_rows(rules, ctx.profile.today)
stale = sum(r.stale for r in rows)
c1, c2 = st.columns(2)
c1.metric("Rules with a source", len(rows))
c2.metric("Flagged as older than the limit", stale)
only_stale = st.toggle("Show only flagged rows", value=False)
files = sorted({r.file for r in rows})
chosen = st.multiselect("Files", files, default=files)
shown = [r for r in rows if r.file in chosen and (r.stale or not only_stale)]
st.dataframe(
    [
        {
            "": "STALE" if r.stale else "",
            "file": r.file,
            "rule": r.rule,
            "figures": r.figures,
            "source": r.source,
            "as of": r.as_of,
        }
        for r in shown
    ],
    hide_index=True,
    width="stretch",
    column_config={"figures": st.column_config.TextColumn(width="large"), "source": st.column_config.TextColumn(width="large")},
)

st.subheader("Where the articles are out of date")
st.write("StepWise follows the current rule and keeps the article's figure as history:")
for c in rules.exams.seed_corrections:
    st.markdown(f"- {plain(c.text)}  \n  *{plain(c.seed)} → {plain(c.source)}, as of {c.as_of}*")
st.subheader("History kept from older sources")
for step in rules.exams.steps.values():
    hist = ", ".join(f"{s.score} ({s.start} to {s.end or 'now'})" for s in step.passing_standards)
    st.markdown(f"- {plain(step.name)} passing standards: {plain(hist)}")
for h in rules.exams.attempt_policy.limit_history:
    until = h.end or "now"
    st.markdown("- " + plain(f"{h.max_attempts} attempts at most, {h.start} to {until}: {h.note}"))
for h in rules.targets.history:
    st.markdown(f"- {plain(h.text)} *({plain(h.source)}, {h.as_of})*")
share_box("sources")
