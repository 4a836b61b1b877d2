"""Practice tests projected to the real score: one model of time, honest below the data.

Step 2 CK (``practice_tests.yaml: step2ck_model`` and ``projection_limits``):

- Each form is put on scale with its offset; a Free 120 percent becomes its band's median real
  score, mapped back through the projection so that a Free 120 alone projects that median. A
  Free 120 outside the calibrated bands gives no three-digit projection.
- Only tests taken after the latest attempt project the next one; earlier ones are history,
  and with the latest real score they give the student's own miss.
- The anchor is the recency-weighted mean, weights ``exp(-(newest - taken) / recency_days)``
  relative to the newest test, so the newest weighs 1 and no date can underflow the sum.
- Regimes: inside the community sample's calibrated range the community formula
  ``pivot + slope * (anchor - pivot) + intercept`` applies; below it the centre is NBME's own
  reading (the anchor itself, no pull toward the sample's mean); a blend of ``blend_points``
  joins the two without a jump.
- One model of time: the reading on any date is the "if you sat now" centre plus the weekly
  gain for the weeks of study from today to that date; the spread widens with the weeks since
  the newest test, up to ``max_sd``; past ``stale_after_weeks`` there is no reading.

Step 1 (``step1_model``): the published formula ``ceiling - (ceiling - CBSSA) * factor ** days``, the days
counted from each CBSSA to the exam, only within the days and scores its paper covers; the spread widens
with the weeks since the newest CBSSA as for Step 2 CK; with every CBSSA below the standard the pass
chance is capped (``max_pass_when_all_below``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

from stepwise.policy import passing_standard_on
from stepwise.practice import (
    AdjustedTest,
    Excluded,
    OwnMiss,
    Regime,
    adjust,
    anchor_of,
    cbssa_regime,
    community_regime,
    own_miss,
)
from stepwise.profile import PracticeTest, Profile
from stepwise.rules import Rules
from stepwise.schema import ProjectionLimits

_N = NormalDist()
# The normal distribution's interquartile range in SDs: turns the slow/fast gain quartiles into an SD.
_IQR_IN_SD = _N.inv_cdf(0.75) - _N.inv_cdf(0.25)

Speed = Literal["slow", "typical", "fast"]


@dataclass(frozen=True)
class Reading:
    """The projection on one date: centre, range, chances, and the assumption behind them."""

    on: dt.date
    centre: float
    sd: float
    low: float
    high: float
    p_pass: float
    standard: int
    p_target: float | None
    gain_weeks: float
    gain_per_week: float
    speed: Speed

    @property
    def gain(self) -> float:
        return self.gain_weeks * self.gain_per_week


@dataclass(frozen=True)
class Trend:
    slope_per_week: float
    start: tuple[dt.date, float]
    end: tuple[dt.date, float]


@dataclass(frozen=True)
class _Basis:
    """What every reading of one projection shares."""

    exam: str
    today: dt.date
    newest: dt.date
    centre_now: float
    base_sd: float
    counted: tuple[AdjustedTest, ...]
    target: int | None


@dataclass(frozen=True)
class Projection:
    exam: str
    tests: tuple[AdjustedTest, ...]  # every readable test, counted ones and history
    excluded: tuple[Excluded, ...]
    newest: dt.date | None  # the newest counted test
    anchor: float | None
    regime: Regime | None
    regime_text: str
    own_miss: OwnMiss | None
    now: Reading | None  # if you sat now: no further gain
    planned: Reading | None  # on the planned date (exam date, else today + protected weeks)
    planned_on: dt.date | None
    notices: tuple[str, ...]
    trend: Trend | None
    coverage: float
    method: tuple[str, ...]
    basis: _Basis | None = None

    @property
    def counted(self) -> tuple[AdjustedTest, ...]:
        return tuple(t for t in self.tests if t.counts)

    @property
    def history(self) -> tuple[AdjustedTest, ...]:
        return tuple(t for t in self.tests if not t.counts)


def chance(p: float) -> str:
    """A probability as people read it: never a promise of 100% or 0%."""
    if p > 0.99:
        return "over 99%"
    if p < 0.01:
        return "under 1%"
    return f"{p:.0%}"


def probability_at_least(centre: float, sd: float, score: float) -> float:
    """Chance that a whole-number score of at least ``score`` comes out (continuity-corrected)."""
    return 1 - NormalDist(centre, sd).cdf(score - 0.5)


def _clip(rules: Rules, value: float) -> float:
    scale = rules.exams.score_scale
    return min(max(value, float(scale.min)), float(scale.max))


def _trend(rules: Rules, points: list[tuple[dt.date, float]], weights: list[float], until: dt.date) -> Trend | None:
    """Weighted least-squares line of score over time, drawn to ``until`` and stopped at the scale's edge."""
    if len({d for d, _ in points}) < 2:
        return None
    t0 = points[0][0]
    xs = [(d - t0).days for d, _ in points]
    ys = [y for _, y in points]
    sw = sum(weights)
    mx = sum(w * x for w, x in zip(weights, xs, strict=True)) / sw
    my = sum(w * y for w, y in zip(weights, ys, strict=True)) / sw
    sxx = sum(w * (x - mx) ** 2 for w, x in zip(weights, xs, strict=True))
    if sxx <= 0:
        return None
    slope = sum(w * (x - mx) * (y - my) for w, x, y in zip(weights, xs, ys, strict=True)) / sxx

    def at(d: dt.date) -> float:
        return my + slope * ((d - t0).days - mx)

    end = until
    scale = rules.exams.score_scale
    edge = float(scale.max) if slope > 0 else float(scale.min)
    if slope != 0 and not float(scale.min) <= at(until) <= float(scale.max):
        days_to_edge = (edge - my) / slope + mx
        end = t0 + dt.timedelta(days=max(int(days_to_edge), 0))
    start_y = _clip(rules, at(t0))
    return Trend(slope * 7, (t0, start_y), (end, _clip(rules, at(end))))


def _gain(rules: Rules, speed: Speed) -> float:
    g = rules.study.gain_per_week
    return {"slow": g.slow, "typical": g.typical, "fast": g.fast}[speed]


def read_on(rules: Rules, basis: _Basis, on: dt.date, speed: Speed = "typical") -> Reading | None:
    """The projection on ``on``: one function for the exam date, the delay what-if and "if you sat now".

    ``None`` past the staleness horizon (no practice test in the last ``stale_after_weeks``).
    """
    lim = rules.practice_tests.projection_limits
    horizon_days = (on - basis.newest).days
    if horizon_days > lim.stale_after_weeks * 7 or on < basis.newest:
        return None
    coverage = rules.practice_tests.step2ck_model.range_coverage
    z = _N.inv_cdf(0.5 + coverage / 2)
    standard = passing_standard_on(rules, basis.exam, on).score
    gain_weeks = max((on - basis.today).days, 0) / 7
    g = rules.study.gain_per_week
    gain_sd = (g.fast - g.slow) / _IQR_IN_SD
    idle_weeks = max(horizon_days - rules.practice_tests.step2ck_model.horizon_grace_days, 0) / 7
    cap = 1.0
    if rules.step(basis.exam).capabilities.projection == "cbssa_formula":
        m1 = rules.practice_tests.step1_model
        # The paper counts the days from each CBSSA to the exam: the study between them is what the formula credits.
        preds, weights = [], []
        if any(_outside(lim, t.adjusted) for t in basis.counted):
            return None  # a CBSSA outside the scores the paper covers: the formula cannot speak for that level
        for t in basis.counted:
            days = (on - t.test.taken).days
            if days > lim.step1_days_max:
                continue  # the formula's study reached this far only
            preds.append(m1.ceiling - (m1.ceiling - t.adjusted) * m1.daily_factor**days)
            weights.append(t.weight)
        if not preds:
            return None
        centre = sum(w * p for w, p in zip(weights, preds, strict=True)) / sum(weights)
        sd = min(math.sqrt(m1.error_sd**2 + (gain_sd * idle_weeks) ** 2), lim.max_sd)
        rate = 0.0
        if all(t.adjusted < standard for t in basis.counted):
            cap = m1.max_pass_when_all_below  # fitted on students who passed: no near-certain pass from scores all below the line
    else:
        rate = _gain(rules, speed)
        centre = basis.centre_now + rate * gain_weeks
        sd = min(math.sqrt(basis.base_sd**2 + (gain_sd * idle_weeks) ** 2), lim.max_sd)
    centre = _clip(rules, centre)
    return Reading(
        on=on,
        centre=centre,
        sd=sd,
        low=_clip(rules, centre - z * sd),
        high=_clip(rules, centre + z * sd),
        p_pass=min(probability_at_least(centre, sd, standard), cap),
        standard=standard,
        p_target=probability_at_least(centre, sd, basis.target) if basis.target is not None else None,
        gain_weeks=gain_weeks,
        gain_per_week=rate,
        speed=speed,
    )


def _date_notices(rules: Rules, profile: Profile, basis: _Basis, planned_on: dt.date | None, has: tuple[bool, bool]) -> list[str]:
    """Why a date has no reading: too far from the newest test, or past the formula's days."""
    lim = rules.practice_tests.projection_limits
    newest, (now, planned) = basis.newest, has
    out = []
    if planned_on is not None and planned_on >= profile.today and not planned:
        if rules.step(profile.exam).capabilities.projection == "cbssa_formula" and (planned_on - newest).days <= lim.stale_after_weeks * 7:
            out.append(
                f"{planned_on} is more than {lim.step1_days_max} days after your practice tests: the published Step 1 formula "
                "was built on tests taken closer to the exam, so there is no projection for that date."
            )
        else:
            out.append(
                f"Your newest practice test ({newest}) is more than {lim.stale_after_weeks} weeks before {planned_on}: "
                "take a practice test closer to the date for a projection."
            )
    if not now and (profile.today - newest).days > lim.stale_after_weeks * 7:
        out.append(
            f"Your newest practice test ({newest}) is more than {lim.stale_after_weeks} weeks old: take a new one to see "
            "where you stand now."
        )
    return out


def _outside(lim: ProjectionLimits, score: float) -> bool:
    return not lim.step1_scores.min <= score <= lim.step1_scores.max


def _outside_formula(rules: Rules, t: PracticeTest, name: str) -> str:
    lim = rules.practice_tests.projection_limits
    return (
        f"{name} on {t.taken}: {t.score:g} is outside the {lim.step1_scores.min}–{lim.step1_scores.max} range the published "
        "Step 1 formula was built on, so it gives no projection; StepWise still reads the weeks you need from it."
    )


def project(rules: Rules, profile: Profile, target: int | None = None, planned_on: dt.date | None = None) -> Projection | None:
    """The projection of the profile's practice tests; ``None`` without any readable test.

    ``planned_on`` is the date of the next attempt (the assessment decides it: the exam date, or
    the earliest sensible date); the reading on it uses the same model as every other date.
    """
    if not profile.practice:
        return None
    scaled, excluded = adjust(rules, profile)
    latest = profile.latest_attempt
    pt = rules.practice_tests
    lim = pt.projection_limits
    cbssa = rules.step(profile.exam).capabilities.projection == "cbssa_formula"
    counted_pairs = [(t, s) for t, _, s in scaled if latest is None or t.taken > latest]
    notices = [f"{e.form_name} on {e.test.taken}: {e.reason}." for e in excluded]
    notices += [_outside_formula(rules, t, f.name) for t, f, _ in scaled if cbssa and f.unit == "three_digit" and _outside(lim, t.score)]
    weights_by_test: dict[PracticeTest, float] = {}
    anchor: float | None = None
    if counted_pairs:
        anchor, weights = anchor_of(counted_pairs, pt.step1_model.recency_days if cbssa else pt.step2ck_model.recency_days)
        weights_by_test = {t: w for (t, _), w in zip(counted_pairs, weights, strict=True)}
    tests = tuple(
        AdjustedTest(t, f.name, s, weights_by_test.get(t, 0.0), f.unit == "three_digit", t in weights_by_test) for t, f, s in scaled
    )
    if not tests and not excluded:
        return None
    coverage = pt.step2ck_model.range_coverage
    miss = own_miss(rules, profile)
    if anchor is None:
        why = (
            f"No practice test since your latest attempt on {latest}: only tests taken after it project the next one."
            if latest is not None and tests
            else "No practice test that can be projected."
        )
        return Projection(
            profile.exam, tests, tuple(excluded), None, None, None, why, miss, None, None, planned_on, (*notices, why), None, coverage, ()
        )
    newest = max(t.taken for t, _ in counted_pairs)
    best = max(s for _, s in counted_pairs)
    rg = cbssa_regime(rules, anchor) if cbssa else community_regime(rules, anchor, miss, best, list(weights_by_test.values()))
    counted = tuple(t for t in tests if t.counts)
    basis: _Basis | None = _Basis(profile.exam, profile.today, newest, _clip(rules, rg.centre_now), rg.base_sd, counted, target)
    # A recent Free 120 below its calibrated bands says the level is below what the bands cover: no
    # three-digit projection while it counts (leaving it out would read higher than the same test at 65%).
    if any(e.test.form == "free120" and (latest is None or e.test.taken > latest) for e in excluded):
        basis = None
        notices.append(
            f"While a recent Free 120 below {pt.free120_bands.rows[0].percent.min:g}% counts, StepWise gives no three-digit "
            "projection: its level is below what the calibrated bands cover. A newer practice test will show where you stand."
        )
    now = read_on(rules, basis, max(profile.today, newest)) if basis is not None else None
    ahead = planned_on is not None and planned_on >= profile.today
    planned = read_on(rules, basis, planned_on) if basis is not None and planned_on is not None and ahead else None
    if basis is not None:
        notices += _date_notices(rules, profile, basis, planned_on, (now is not None, planned is not None))
    coverage_line = f"Range = centre ± {_N.inv_cdf(0.5 + coverage / 2):.2f} SD: about {coverage:.0%} of real scores fall inside it."
    # The trend is drawn over the tests themselves: the readings, not the line, say where they lead.
    trend = _trend(rules, [(t.taken, s) for t, s in counted_pairs], [weights_by_test[t] for t, _ in counted_pairs], newest)
    return Projection(
        exam=profile.exam,
        tests=tests,
        excluded=tuple(excluded),
        newest=newest,
        anchor=anchor,
        regime=rg.regime,
        regime_text=rg.text,
        own_miss=miss,
        now=now,
        planned=planned,
        planned_on=planned_on,
        notices=tuple(notices),
        trend=trend,
        coverage=coverage,
        method=(*rg.method, coverage_line),
        basis=basis,
    )


@dataclass(frozen=True)
class WhatIf:
    weeks: int
    on: dt.date
    readings: tuple[Reading, ...]  # slow, typical, fast (one row for Step 1: its formula is the model of time)


def delay_what_if(rules: Rules, profile: Profile, projection: Projection, weeks: int, start: dt.date) -> WhatIf | None:
    """Sitting ``weeks`` after ``start`` (the chosen date): the same readings as an exam date that much later."""
    basis = projection.basis
    if basis is None:
        return None
    on = start + dt.timedelta(weeks=weeks)
    cbssa = rules.step(profile.exam).capabilities.projection == "cbssa_formula"
    speeds: tuple[Speed, ...] = ("typical",) if cbssa else ("slow", "typical", "fast")
    readings = tuple(r for s in speeds if (r := read_on(rules, basis, on, s)) is not None)
    return WhatIf(weeks, on, readings) if readings else None


def reading_on(rules: Rules, projection: Projection, on: dt.date) -> Reading | None:
    """The typical-gain reading on any date (the calendar's and the what-if's one source)."""
    basis = projection.basis
    return read_on(rules, basis, on) if basis is not None else None
