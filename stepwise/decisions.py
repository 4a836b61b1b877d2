"""docs/decisions.md from the readiness table the code reads (``retake.yaml: readiness``).

    python -m stepwise.decisions > docs/decisions.md

``tests/test_decisions.py`` holds the file to this output, so the document is the table in force.
"""

from __future__ import annotations

from stepwise.readiness import CONDITION_WORDS, VERDICT_WORDS
from stepwise.registry import STUDY
from stepwise.rules import Rules, load_rules
from stepwise.sources import cite


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def decisions_markdown(rules: Rules) -> str:
    t = rules.retake.readiness
    sd = rules.retake.sit_or_delay
    lines = [
        "# Sit, delay, or what to do first: the readiness table",
        "",
        "Generated from `rules/retake.yaml` (`readiness`) by `python -m stepwise.decisions > docs/decisions.md`;",
        "`tests/test_decisions.py` checks that this file is the table the code reads.",
        "",
        "`stepwise/assess.py` runs it once per link, after the weeks needed are known. The **first row whose conditions",
        "all hold decides**; the last row has no conditions and catches every other case. Whatever the verdict, the",
        "assessment then chooses **one date** and dates everything from it (the plan, the score release, the standard",
        "and the aim in force, the projection's reading, the chart, the calendar):",
        "",
        "- **sit as planned** keeps the student's own date;",
        "- every other verdict chooses `max(planned date, earliest sensible date)`, where the earliest sensible date is",
        "  the latest of: today; the earliest date the attempt rules allow; today plus the weeks needed at the typical",
        "  pace (unless the practice is already at the aim); and, after a fail with practice not yet consistent, today",
        f"  plus {t.weak_practice_weeks} weeks (the article's checks in the last {sd.delay_weeks.max} weeks and its delay "
        f"of at least {sd.delay_weeks.min}).",
        "",
        'So a later planned date never advises an earlier sitting, and a verdict that is not "sit" never keeps a',
        "date that is past, forbidden, unsupported by a practice test, or short of the protected weeks: those four",
        'rows must stand before any "sit" row, and the rules check refuses a table where they do not.',
        "",
        "| # | verdict | when (all hold) | heading | why | source |",
        "|---|---|---|---|---|---|",
    ]
    for i, row in enumerate(t.rows, 1):
        when = "; ".join(CONDITION_WORDS[c] for c in row.when) or "otherwise"
        source = f"{cite(rules, row.source)} (as of {row.as_of})"
        lines.append(f"| {i} | {VERDICT_WORDS[row.verdict]} | {_cell(when)} | {_cell(row.heading)} | {_cell(row.why)} | {_cell(source)} |")
    lines += [
        "",
        "## The conditions",
        "",
        *(f"- `{key}`: {words}." for key, words in CONDITION_WORDS.items()),
        "",
        f"Where the practice tests and the weeks come from: `docs/model.md` (the projection) and {STUDY.words} (the weeks).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(decisions_markdown(load_rules()), end="")
