"""The assessment as labelled rows: the summary page, the PDF, the Markdown all print these.

Nothing here computes a figure: every number is the assessment's, only put into words.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from stepwise.assess import Assessment
from stepwise.profile import Profile, to_query
from stepwise.projection import chance
from stepwise.rules import Rules
from stepwise.targets import describe_gap

# The application cycle in words (the link says none, applying, reapplying).
CYCLES = {"none": "Not applying now", "applying": "Applying this cycle", "reapplying": "Gap or re-application year"}


@dataclass(frozen=True)
class Summary:
    headline: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # verdicts first
    profile_rows: tuple[tuple[str, str], ...]


def profile_rows(a: Assessment) -> tuple[tuple[str, str], ...]:
    """The profile in people's words."""
    p = a.profile
    sp = a.specialty
    outcome = {"pass": "Passed", "fail": "Failed", None: "—"}[a.standing.outcome]
    rows = [
        ("Exam", a.exam_name),
        ("Latest score", str(p.score) if p.score is not None else "—"),
        ("Latest result", outcome),
        ("Attempts at this Step", ", ".join(d.isoformat() for d in p.attempts) or "—"),
        ("Failed attempts at other Steps", str(p.prior_fails) if p.prior_fails is not None else "—"),
        ("Specialty", sp.name if sp else "—"),
        ("Practice tests", str(len(p.practice)) if p.practice else "—"),
        ("Planned exam date", p.exam_date.isoformat() if p.exam_date else "—"),
        ("Protected study weeks", str(p.weeks) if p.weeks is not None else "—"),
        ("Application cycle", CYCLES.get(p.cycle or "", "—")),
        ("A USMLE retake exception applies", {True: "Yes", False: "No", None: "—"}[p.exception]),
        ("Computed on", p.today.isoformat()),
    ]
    return tuple(rows)


def profile_line(a: Assessment) -> str:
    """The profile in one short line for the top of every page: what the answers below are for.

    Only what was entered (an empty profile says so); the same facts as :func:`profile_rows`."""
    p = a.profile
    sp = a.specialty
    result = {"pass": "passed", "fail": "failed", None: ""}[a.standing.outcome]
    score = a.standing.score  # a score the rules cannot read (Step 1 after pass/fail) is not shown as one
    latest = " ".join(x for x in (a.exam_name, str(score) if score is not None else "", result) if x)
    if p.latest_attempt is not None:
        latest += f" {'on' if score is not None or result else 'sat on'} {p.latest_attempt.isoformat()}"
    if len(p.attempts) > 1:
        latest += f" (attempt {len(p.attempts)})"
    parts = [latest]
    if p.prior_fails:
        parts.append("1 fail at another Step" if p.prior_fails == 1 else f"{p.prior_fails} fails at other Steps")
    if sp is not None:
        parts.append(sp.name)
    if p.practice:
        parts.append(f"{len(p.practice)} practice test{'s' if len(p.practice) != 1 else ''}")
    if p.exam_date is not None:
        parts.append(f"exam {p.exam_date.isoformat()}")
    if p.weeks is not None:
        parts.append(f"{p.weeks} study week{'s' if p.weeks != 1 else ''}")
    if p.cycle:
        parts.append(CYCLES.get(p.cycle, p.cycle).lower())
    if p.exception is True:
        parts.append("a USMLE retake exception applies")
    if p.today_pinned:
        parts.append(f"as of {p.today.isoformat()}")
    if len(parts) == 1 and latest == a.exam_name:
        return f"{a.exam_name}: nothing entered yet"
    return " · ".join(parts)


def summarize(rules: Rules, a: Assessment) -> Summary:
    sections: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    retake: list[tuple[str, str]] = [("Verdict", a.decision.heading), *(("Why", r) for r in a.decision.reasons)]
    if a.standing.assumed:
        retake.append(("Assumed", a.standing.assumed))
    if a.readiness is not None and a.shows_sitting:
        retake.append(("Sit or delay", a.readiness.heading))
        retake += [("Why", r) for r in a.readiness.reasons]
    for o in a.options if a.shows_sitting else ():
        likely = (
            f"likely {o.reading.low:.0f}–{o.reading.high:.0f}, chance of passing {chance(o.reading.p_pass)}. "
            if o.reading is not None
            else ""
        )
        retake.append((f"{o.label} ({o.exam_on})", likely + o.timing.text))
    sections.append(("Retake", tuple(retake)))

    aim_label = f"Aim for your {a.exam_name} retake" if a.failed else "Aim"
    tg: list[tuple[str, str]] = [
        (aim_label, f"{a.target.value}" + (f"–{a.target.high}" if a.target.high != a.target.value else "") + f": {a.target.explanation}")
    ]
    if a.aim is not None and a.specialty is not None and not rules.step(a.profile.exam).capabilities.specialty_aims:
        tg.append((f"Step 2 CK aim later, {a.specialty.name}", f"{a.aim.low}–{a.aim.high}: {a.aim.explanation}"))
    if a.baseline is not None and a.gap is not None:
        tg.append(("Gap", describe_gap(rules, a.gap, a.target.value) + ". " + a.baseline.rule))
    if a.specialty is not None:
        m = a.specialty.matched
        tg.append(
            ("Matched applicants", f"lower quartile {m.q1}, median {m.median}, upper quartile {m.q3} ({rules.specialties.nrmp_label})")
        )
    if a.match_rate is not None:
        where = ""
        row = next((r for r in a.rows if a.specialty is not None and r.specialty.slug == a.specialty.slug), None)
        if row is not None and row.gap is not None:
            where = f"; for {row.specialty.name}, your own position is the gap above ({max(row.gap, 0):.0f} points to the aim)"
        tg.append(
            (
                "Chance of matching, ballpark",
                f"about {a.match_rate.percent:g}% with {a.match_rate.label.lower()}, across all specialties{where}",
            )
        )
    sections.append(("Target", tuple(tg)))

    study: list[tuple[str, str]] = []
    if a.weeks is not None:
        study.append(("Weeks of study needed", f"{a.weeks.text}: {a.weeks.reason}"))
        if a.fit is not None:
            study.append(("Protected weeks", f"{a.profile.weeks}: {a.fit}"))
    elif a.no_plan:
        study.append(("No study plan", a.no_plan))
    study += [(d.name, d.start.isoformat() if d.start == d.end else f"{d.start} to {d.end}") for d in a.dates if d.kind != "assessment"]
    sections.append(("Study", tuple(study)))

    proj = a.projection
    pr: list[tuple[str, str]] = []
    if proj is None:
        pr.append(("Projection", "No practice tests entered."))
    else:
        if proj.now is not None:
            n = proj.now
            pr.append(("If you sat now", f"likely {n.low:.0f}–{n.high:.0f}; chance of passing {chance(n.p_pass)}"))
        if proj.planned is not None and a.shows_sitting:
            r = proj.planned
            assumption = (
                f"assuming the typical gain of {r.gain_per_week:g} points a week for {r.gain_weeks:.0f} weeks" if r.gain_per_week else ""
            )
            pr.append(
                (
                    f"On {r.on}",
                    f"likely {r.low:.0f}–{r.high:.0f}; chance of passing {chance(r.p_pass)}" + (f", {assumption}" if assumption else ""),
                )
            )
        if proj.now is not None or proj.planned is not None:
            pr.append(("Likely range", f"about {proj.coverage:.0%} of real scores fall inside such a range, the rest above or below it"))
        if proj.own_miss is not None:
            om = proj.own_miss
            pr.append(("Your practice last time", f"pointed to {om.practice_pointed_to:.0f}; your real score was {om.real}"))
        pr += [("Note", n) for n in proj.notices]
    sections.append(("Projection", tuple(pr)))
    return Summary(a.headline, tuple(sections), profile_rows(a))


def share_url(base: str, path: str, profile: Profile) -> str:
    """The link that reproduces this view: the URL contract with ``today`` pinned."""
    query = urlencode(to_query(profile, pin_today=True), safe=",:@")
    return f"{base.rstrip('/')}/{path.lstrip('/')}" + (f"?{query}" if query else "")
