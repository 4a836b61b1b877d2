"""Sources: every figure StepWise uses, what it is, where it comes from and how old it is."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages.link import context
from app_pages.render import cited, paragraphs, plain
from app_pages.state import per_rules
from stepwise.figures import figures_by_question
from stepwise.glossary import HEADING, glossary_markdown
from stepwise.sources import age_words, article_citation, custom_rules

ctx = context()
rules = ctx.rules
today = ctx.profile.today
limit = age_words(rules.exams.display.stale_after_days)


def body(today: dt.date, only_stale: bool) -> str:
    """Everything under the toggle, as one Markdown element: it depends only on the rules, the date
    and the toggle, so it is built once for each (:func:`per_rules`)."""
    parts = []
    for question, figures in per_rules(rules, ("figures", today), lambda: figures_by_question(rules, today)):
        shown = [f for f in figures if f.stale or not only_stale]
        if not shown:
            continue
        lines = []
        for f in shown:
            flag = f" :orange-badge[older than {limit}]" if f.stale else ""
            when = "" if f.as_of.isoformat() in f.cited else f" · as of {f.as_of}"
            lines.append(f"- **{plain(f.what)}**{flag}  \n  {cited(f.source)}{when}")
        parts.append(f"## {question}\n\n" + "\n".join(lines))

    articles = "\n".join(f"- {plain(article_citation(a))}" for a in rules.articles.articles.values())
    parts.append(
        "## The articles behind the decision rules\n\n"
        f"The retake checklist, the targets after a fail and the weeks of study come from these articles:\n\n{articles}"
    )
    corrections = [
        f"- {plain(c.text)}  \n  *The article: {cited(c.seed)}. The current rule: {cited(c.source)}, as of {c.as_of}.*"
        for c in rules.exams.seed_corrections
    ]
    parts.append(
        paragraphs(
            "## Where the articles are out of date\n\nStepWise follows the current rule and keeps the article's figure as history:",
            "\n".join(corrections),
        )
    )
    history = []
    for step in rules.exams.steps.values():
        hist = ", ".join(f"{s.score} ({s.start} to {s.end or 'now'})" for s in step.passing_standards)
        history.append(f"- {plain(step.name)} passing standards: {plain(hist)}")
    for h in rules.exams.attempt_policy.limit_history:
        until = h.end or "now"
        history.append("- " + plain(f"At most {h.max_attempts} attempts at a Step, {h.start} to {until}: {h.note}."))
    history += [f"- {plain(h.text)}  \n  *{cited(h.source)}*" for h in rules.targets.history]
    parts.append(paragraphs("## History kept from older sources", "\n".join(history)))
    parts.append(glossary_markdown())
    return paragraphs(*parts)


groups = per_rules(rules, ("figures", today), lambda: figures_by_question(rules, today))
stale = sum(f.stale for _, figs in groups for f in figs)

st.title("Sources")
old = {0: f"None is older than {limit}.", 1: f"One is older than {limit}: worth a second look before you rely on it."}.get(
    stale, f"{stale} are older than {limit}: worth a second look before you rely on them."
)
st.markdown(
    "Every number StepWise shows comes from a published source, or from a choice StepWise made and says so. "
    f"Here is each figure in plain words, where it comes from and the date it holds for, by the question it answers. {old} "
    f"At the end: {HEADING.lower()}."
)
if custom_rules(rules):
    st.info("This server uses a custom rules folder: its figures may differ from the ones StepWise comes with.", icon=":material/tune:")
only_stale = st.toggle(f"Only figures older than {limit}", value=False)
st.markdown(per_rules(rules, ("sources page", today, only_stale), lambda: body(today, only_stale)))
