"""Practice tests projected to the real score, with a range and a pass probability.

Step 2 CK (community outcome model, ``practice_tests.yaml: step2ck_model``): each form is put
on scale with its offset (Free 120 through its percent bands); the anchor is the mean weighted
by ``exp(-days_before_exam / recency_days)``; the projection is
``pivot + slope * (anchor - pivot) + intercept``. The spread starts from the residual SD, is
wider with fewer effective forms (one form alone misses by ``single_form_mean_abs_miss`` on
average) and with weeks between the last test and the exam.

Step 1 (published formula, ``step1_model``): ``ceiling - (ceiling - CBSSA) * daily_factor ** days``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from statistics import NormalDist

from stepwise.policy import passing_standard_on
from stepwise.profile import PracticeTest, Profile
from stepwise.rules import Form, PassingStandard, Rules

_N = NormalDist()
# The normal distribution's interquartile range in SDs: turns the slow/fast gain quartiles into an SD.
_IQR_IN_SD = _N.inv_cdf(0.75) - _N.inv_cdf(0.25)


@dataclass(frozen=True)
class AdjustedTest:
    test: PracticeTest
    form_name: str
    adjusted: float
    predicts: float
    weight: float
    days_before: int
    extrapolated: bool
    three_digit: bool  # printed on the three-digit scale (not percent correct)


@dataclass(frozen=True)
class Trend:
    slope_per_week: float
    start: tuple[dt.date, float]
    end: tuple[dt.date, float]


@dataclass(frozen=True)
class Projection:
    exam: str
    on: dt.date
    dated_by_exam: bool
    tests: tuple[AdjustedTest, ...]
    anchor: float
    centre: float
    sd: float
    low: float
    high: float
    coverage: float
    n_effective: float
    standard: PassingStandard
    p_pass: float
    target: int | None
    p_target: float | None
    trend: Trend | None
    method: tuple[str, ...]

    def probability_at_least(self, score: float) -> float:
        return probability_at_least(self.centre, self.sd, score)


def probability_at_least(centre: float, sd: float, score: float) -> float:
    """Chance that a whole-number score of at least ``score`` comes out (continuity-corrected)."""
    return 1 - NormalDist(centre, sd).cdf(score - 0.5)


def free120_to_real(rules: Rules, percent: float) -> tuple[float, bool]:
    """Median real Step 2 CK score for a Free 120 percent; below the data it extrapolates (flagged)."""
    rows = rules.practice_tests.free120_bands.rows
    for row in rows:
        if row.percent.min <= percent <= row.percent.max + 0.999:
            return row.median_real, False
    if percent > rows[-1].percent.max:
        return rows[-1].median_real, False
    a, b = rows[0], rows[1]
    mid_a, mid_b = (a.percent.min + a.percent.max) / 2, (b.percent.min + b.percent.max) / 2
    slope = (b.median_real - a.median_real) / (mid_b - mid_a)
    return a.median_real - slope * (mid_a - percent), True


def _form(rules: Rules, test: PracticeTest) -> Form:
    form = rules.form(test.form)
    if form is None:  # the profile parser admits known forms only
        raise ValueError(f"unknown practice form {test.form!r}")
    return form


def on_scale(rules: Rules, test: PracticeTest) -> tuple[float, bool]:
    """The test's score on the practice scale after its form's offset; Free 120 via its bands.

    A Free 120 band gives a median *real* score; it is mapped back through the calibration so
    that the projection formula returns that median for a Free 120 alone.
    """
    form = _form(rules, test)
    if form.unit == "percent":
        real, extrapolated = free120_to_real(rules, test.score)
        m = rules.practice_tests.step2ck_model
        return m.pivot + (real - m.intercept - m.pivot) / m.slope, extrapolated
    return test.score - form.offset, False


def _weights(days: list[int], recency_days: float) -> list[float]:
    return [math.exp(-d / recency_days) for d in days]


def _trend(points: list[tuple[dt.date, float]], weights: list[float], until: dt.date) -> Trend | None:
    """Weighted least-squares line of score over time, drawn to ``until``."""
    if len({d for d, _ in points}) < 2:
        return None
    t0 = points[0][0]
    xs = [(d - t0).days for d, _ in points]
    ys = [y for _, y in points]
    sw = sum(weights)
    mx = sum(w * x for w, x in zip(weights, xs, strict=False)) / sw
    my = sum(w * y for w, y in zip(weights, ys, strict=False)) / sw
    sxx = sum(w * (x - mx) ** 2 for w, x in zip(weights, xs, strict=False))
    slope = sum(w * (x - mx) * (y - my) for w, x, y in zip(weights, xs, ys, strict=False)) / sxx
    at = lambda d: my + slope * ((d - t0).days - mx)  # noqa: E731
    return Trend(slope * 7, (t0, at(t0)), (until, at(until)))


def project(rules: Rules, profile: Profile, target: int | None = None, on: dt.date | None = None) -> Projection | None:
    """Project the profile's practice tests to ``on`` (default: the exam date, else today)."""
    if not profile.practice:
        return None
    dated_by_exam = on is None and profile.exam_date is not None
    on = on or profile.exam_date or profile.today
    tests = [t for t in profile.practice if t.taken <= on]
    if not tests:
        return None
    standard = passing_standard_on(rules, profile.exam, on)
    days = [(on - t.taken).days for t in tests]
    if profile.exam == "step1":
        m1 = rules.practice_tests.step1_model
        weights = _weights(days, m1.recency_days)
        scaled = [on_scale(rules, t) for t in tests]
        predicts = [m1.ceiling - (m1.ceiling - s) * m1.daily_factor**d for (s, _), d in zip(scaled, days, strict=False)]
        sd = m1.error_sd
        coverage = rules.practice_tests.step2ck_model.range_coverage
        sw = sum(weights)
        anchor = sum(w * s for w, (s, _) in zip(weights, scaled, strict=False)) / sw
        centre = sum(w * p for w, p in zip(weights, predicts, strict=False)) / sw
        method = (
            f"Each CBSSA score is carried to the exam date with the published formula "
            f"{m1.ceiling:g} − ({m1.ceiling:g} − CBSSA) × {m1.daily_factor}^days (source: {m1.source}).",
            f"Tests are weighted by exp(−days before the exam ÷ {m1.recency_days:g}); the range uses the formula's "
            f"error SD of {m1.error_sd} points (mean miss {m1.mean_miss}).",
        )
    else:
        m = rules.practice_tests.step2ck_model
        weights = _weights(days, m.recency_days)
        scaled = [on_scale(rules, t) for t in tests]
        sw = sum(weights)
        anchor = sum(w * s for w, (s, _) in zip(weights, scaled, strict=False)) / sw
        centre = m.pivot + m.slope * (anchor - m.pivot) + m.intercept
        predicts = [m.pivot + m.slope * (s - m.pivot) + m.intercept for s, _ in scaled]
        n_eff = sw**2 / sum(w * w for w in weights)
        single_sd = m.single_form_mean_abs_miss * math.sqrt(math.pi / 2)
        g = rules.study.gain_per_week
        gain_sd = (g.fast - g.slow) / _IQR_IN_SD
        idle_weeks = max(min(days) - m.horizon_grace_days, 0) / 7
        sd = math.sqrt(m.residual_sd**2 + (single_sd**2 - m.residual_sd**2) / n_eff + (gain_sd * idle_weeks) ** 2)
        coverage = m.range_coverage
        method = (
            "Each form is put on scale: its printed score minus its offset (forms table); a Free 120 percent "
            "becomes the median real score of its band, mapped back through the calibration.",
            f"Anchor = mean weighted by exp(−days before {on} ÷ {m.recency_days:g}) = {anchor:.1f}.",
            f"Projection = {m.pivot:g} + {m.slope} × (anchor − {m.pivot:g}) + {m.intercept:g} = {centre:.1f} "
            f"(community model, {m.sample}; source: {m.source}).",
            f"Spread: residual SD {m.residual_sd}; one form alone misses by about {m.single_form_mean_abs_miss:g} "
            f"(SD {single_sd:.1f}), so with {n_eff:.1f} effective forms the SD is wider; "
            f"{idle_weeks:.1f} weeks beyond {m.horizon_grace_days} days between the last test and the date add "
            f"{gain_sd:.1f} points of SD a week (spread of weekly gains). SD = {sd:.1f}.",
        )
    n_eff = sw**2 / sum(w * w for w in weights)
    z = _N.inv_cdf(0.5 + coverage / 2)
    trend = _trend([(t.taken, s) for t, (s, _) in zip(tests, scaled, strict=False)], weights, on)
    adjusted = tuple(
        AdjustedTest(t, _form(rules, t).name, s, p, w, d, x, _form(rules, t).unit == "three_digit")
        for t, (s, x), p, w, d in zip(tests, scaled, predicts, weights, days, strict=False)
    )
    p_pass = probability_at_least(centre, sd, standard.score)
    return Projection(
        exam=profile.exam,
        on=on,
        dated_by_exam=dated_by_exam,
        tests=adjusted,
        anchor=anchor,
        centre=centre,
        sd=sd,
        low=centre - z * sd,
        high=centre + z * sd,
        coverage=coverage,
        n_effective=n_eff,
        standard=standard,
        p_pass=p_pass,
        target=target,
        p_target=probability_at_least(centre, sd, target) if target is not None else None,
        trend=trend,
        method=(*method, f"Range = centre ± {z:.2f} SD: about {coverage:.0%} of real scores fall inside it."),
    )


@dataclass(frozen=True)
class WhatIf:
    speed: str
    gain_per_week: float
    centre: float
    low: float
    high: float
    p_pass: float
    standard: int


def delay_what_if(rules: Rules, profile: Profile, projection: Projection, weeks: int) -> tuple[WhatIf, ...]:
    """Moving the exam ``weeks`` later: the projection shifts by the slow / typical / fast weekly gain."""
    g = rules.study.gain_per_week
    later = projection.on + dt.timedelta(weeks=weeks)
    std = passing_standard_on(rules, profile.exam, later).score
    out = []
    for speed, rate in (("slow", g.slow), ("typical", g.typical), ("fast", g.fast)):
        shift = rate * weeks
        c = projection.centre + shift
        out.append(
            WhatIf(speed, rate, c, projection.low + shift, projection.high + shift, probability_at_least(c, projection.sd, std), std)
        )
    return tuple(out)


@dataclass(frozen=True)
class TestDayReading:
    real: int
    practice_level: float
    gap: float
    points_to_test_day: bool
    message: str


def practice_vs_real(rules: Rules, profile: Profile) -> TestDayReading | None:
    """A real score that came in well below the practice before it points to test day (seed 003)."""
    when = profile.latest_attempt
    if profile.score is None or when is None:
        return None
    before = Profile(today=when, exam=profile.exam, practice=tuple(t for t in profile.practice if t.taken <= when))
    proj = project(rules, before, on=when)
    if proj is None:
        return None
    gap = proj.anchor - profile.score
    rule = rules.practice_tests.test_day_gap
    if gap >= rule.points.min:
        msg = (
            f"Your practice tests before {when} were about {gap:.0f} points above your real {profile.score}. "
            f"Seed 003 reads a gap of {rule.points.min}–{rule.points.max}+ as a test-day problem rather than missing "
            "knowledge: timing, anxiety, illness or an exam taken mid-rotation. Those are sometimes fixable."
        )
    else:
        msg = (
            f"Your practice tests before {when} were within {rule.points.min} points of your real {profile.score}: "
            "your practice scores and the real exam agree."
        )
    return TestDayReading(profile.score, proj.anchor, gap, gap >= rule.points.min, msg)


def first_after_fail_caveat(rules: Rules, profile: Profile, failed: bool) -> str | None:
    """Seed 004: the first practice test soon after a fail often reads 10–15 below the real score."""
    when = profile.latest_attempt
    rule = rules.study.first_assessment_after_fail
    if not failed or when is None:
        return None
    after = [t for t in profile.practice if t.taken > when]
    if after and (after[0].taken - when).days <= rule.within_days:
        return f"Your first test after the fail ({after[0].taken}): {rule.text}"
    return None
