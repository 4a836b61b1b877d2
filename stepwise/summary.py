"""Every page's verdict and key numbers in one place, for the summary page and the downloads."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from stepwise.policy import fails_on_record, latest_outcome
from stepwise.profile import Profile, to_query
from stepwise.projection import Projection
from stepwise.retake import Decision, Readiness, decide, sit_or_delay
from stepwise.rules import Rules
from stepwise.study import StudyView, study_view
from stepwise.targets import Target, aim_for, describe_gap, match_rate_row, target_and_projection


@dataclass(frozen=True)
class Summary:
    profile_rows: list[tuple[str, str]]
    decision: Decision
    readiness: Readiness | None
    target: Target
    projection: Projection | None
    study: StudyView
    sections: list[tuple[str, list[tuple[str, str]]]]


def profile_rows(rules: Rules, p: Profile) -> list[tuple[str, str]]:
    sp = rules.specialty(p.specialty)
    rows = [
        ("Exam", rules.step(p.exam).name),
        ("Latest score", str(p.score) if p.score is not None else "—"),
        ("Latest result", latest_outcome(rules, p) or "—"),
        ("Attempts at this Step", ", ".join(d.isoformat() for d in p.attempts) or "—"),
        ("Failed attempts at other Steps", str(p.prior_fails) if p.prior_fails is not None else "—"),
        ("Specialty", sp.name if sp else "—"),
        ("Practice tests", str(len(p.practice))),
        ("Planned exam date", p.exam_date.isoformat() if p.exam_date else "—"),
        ("Protected study weeks", str(p.weeks) if p.weeks is not None else "—"),
        ("Application cycle", p.cycle or "—"),
        ("Retake exception applies", {True: "yes", False: "no", None: "—"}[p.exception]),
        ("Computed on", p.today.isoformat()),
    ]
    return rows


def summarize(rules: Rules, p: Profile) -> Summary:
    target, projection = target_and_projection(rules, p)
    decision = decide(rules, p)
    readiness = sit_or_delay(rules, p, projection) if latest_outcome(rules, p) == "fail" else None
    study = study_view(rules, p, projection, target)
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    retake = [("Verdict", decision.heading), *(("Reason", r) for r in decision.reasons)]
    if readiness is not None:
        retake.append(("Sit or delay", readiness.heading))
        retake += [("Readiness", r) for r in readiness.reasons]
    sections.append(("Retake", retake))
    sp = rules.specialty(p.specialty)
    fails = fails_on_record(rules, p)
    tg: list[tuple[str, str]] = [("Study target", f"{target.value} ({target.label})")]
    if sp is not None:
        aim = aim_for(rules, sp, fails)
        tg.append(("Aim", f"{aim.low}–{aim.high} for {sp.name}"))
        m = sp.matched
        tg.append(("Matched Q1 / median / Q3", f"{m.q1} / {m.median} / {m.q3} ({rules.specialties.nrmp_label})"))
        best = projection.centre if projection else p.score
        if best is not None:
            tg.append(("Gap to aim", describe_gap(rules, aim.low - best, aim.low)))
    row = match_rate_row(rules, fails)
    if row is not None:
        tg.append(("Match chance, ballpark (seed 002)", f"{row.percent:g}% with {row.label.lower()}"))
    sections.append(("Targets", tg))
    rec = study.recommendation
    st_rows = [("Recommended study", f"{rec.weeks_min}–{rec.weeks_max} weeks"), ("Why", rec.reason)]
    if study.fit:
        st_rows.append(("Protected weeks", f"{p.weeks}: {study.fit}"))
    st_rows += [
        (d.name, d.start.isoformat() if d.start == d.end else f"{d.start} to {d.end}")
        for d in study.dates
        if d.kind in ("rule", "exam", "release")
    ]
    sections.append(("Study", st_rows))
    if projection is not None:
        sections.append(
            (
                "Projection",
                [
                    (
                        "Projected score",
                        f"{projection.low:.0f}–{projection.high:.0f} (centre {projection.centre:.0f}, {projection.coverage:.0%} range) on {projection.on}",
                    ),
                    ("Chance of passing", f"{projection.p_pass:.0%} against {projection.standard.score}"),
                    *(
                        [("Chance of reaching the target", f"{projection.p_target:.0%} for {target.value}")]
                        if projection.p_target is not None
                        else []
                    ),
                ],
            )
        )
    else:
        sections.append(("Projection", [("Projected score", "no practice tests entered")]))
    return Summary(profile_rows(rules, p), decision, readiness, target, projection, study, sections)


def share_url(base: str, path: str, profile: Profile) -> str:
    """The link that reproduces this view: the URL contract with ``today`` pinned."""
    query = urlencode(to_query(profile, pin_today=True), safe=",:@")
    return f"{base.rstrip('/')}/{path.lstrip('/')}" + (f"?{query}" if query else "")
