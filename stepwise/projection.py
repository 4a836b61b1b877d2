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
from stepwise.profile import PracticeTest, Profile
from stepwise.rules import Form, Rules

_N = NormalDist()
# The normal distribution's interquartile range in SDs: turns the slow/fast gain quartiles into an SD.
_IQR_IN_SD = _N.inv_cdf(0.75) - _N.inv_cdf(0.25)

Regime = Literal["calibrated", "blend", "below_data", "step1_formula"]
Speed = Literal["slow", "typical", "fast"]


@dataclass(frozen=True)
class AdjustedTest:
    test: PracticeTest
    form_name: str
    adjusted: float  # on the practice scale after the form's offset
    weight: float  # relative to the newest counted test (1.0); 0 for history
    three_digit: bool  # printed on the three-digit scale (not percent correct)
    counts: bool  # projects the next attempt (taken after the latest attempt)


@dataclass(frozen=True)
class Excluded:
    test: PracticeTest
    form_name: str
    reason: str


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
class OwnMiss:
    """How far the practice before the latest attempt read from its real score."""

    real: int
    on: dt.date
    practice_pointed_to: float
    miss: float  # positive: the practice read high
    weight: float
    adjustment: float  # added to the retake's centre


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


def free120_to_real(rules: Rules, percent: float) -> float | None:
    """Median real Step 2 CK score for a Free 120 percent; ``None`` outside the calibrated bands."""
    for row in rules.practice_tests.free120_bands.rows:
        if row.percent.min <= percent < row.percent.max + 1:
            return row.median_real
    return None


def _form(rules: Rules, test: PracticeTest) -> Form:
    form = rules.form(test.form)
    if form is None:  # the profile parser admits known forms only
        raise ValueError(f"unknown practice form {test.form!r}")
    return form


def regime_of(rules: Rules, anchor: float) -> Regime:
    lim = rules.practice_tests.projection_limits
    if anchor < lim.calibrated_from:
        return "below_data"
    return "blend" if anchor < lim.calibrated_from + lim.blend_points else "calibrated"


def step2_centre(rules: Rules, anchor: float) -> float:
    """The real score a practice anchor points to: community formula where calibrated, NBME's own reading below.

    Monotone in the anchor and continuous: across the blend the formula's lift over the
    anchor grows linearly from nothing to all of it.
    """
    m = rules.practice_tests.step2ck_model
    lim = rules.practice_tests.projection_limits
    formula = m.pivot + m.slope * (anchor - m.pivot) + m.intercept
    if anchor < lim.calibrated_from:
        return anchor
    share = min((anchor - lim.calibrated_from) / lim.blend_points, 1.0)
    return anchor + (formula - anchor) * share


def _inverse_centre(rules: Rules, real: float) -> float:
    """The anchor that :func:`step2_centre` maps to ``real`` (bisection: the map is monotone)."""
    scale = rules.exams.score_scale
    lo, hi = float(scale.min) - 100, float(scale.max) + 100
    for _ in range(60):
        mid = (lo + hi) / 2
        if step2_centre(rules, mid) < real:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _clip(rules: Rules, value: float) -> float:
    scale = rules.exams.score_scale
    return min(max(value, float(scale.min)), float(scale.max))


def _weights(days_before_newest: list[int], recency_days: float) -> list[float]:
    # Relative to the newest test (weight 1): the sum is at least 1 whatever the dates.
    return [math.exp(-min(d, 50 * recency_days) / recency_days) for d in days_before_newest]


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
        if any(not lim.step1_scores.min <= t.adjusted <= lim.step1_scores.max for t in basis.counted):
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


def _adjust(rules: Rules, profile: Profile) -> tuple[list[tuple[PracticeTest, Form, float]], list[Excluded]]:
    """Every test on the practice scale, or excluded with the reason."""
    out: list[tuple[PracticeTest, Form, float]] = []
    excluded: list[Excluded] = []
    for t in profile.practice:
        form = _form(rules, t)
        if form.unit == "percent":
            real = free120_to_real(rules, t.score)
            if real is None:
                bands = rules.practice_tests.free120_bands.rows
                excluded.append(
                    Excluded(
                        t,
                        form.name,
                        f"{t.score:g}% is outside the calibrated Free 120 bands ({bands[0].percent.min:g}% and up), "
                        "so it gives no three-digit projection",
                    )
                )
                continue
            out.append((t, form, _inverse_centre(rules, real)))
        else:
            # A CBSSA outside the formula's range still counts as where the student is; read_on leaves it out of the formula.
            out.append((t, form, t.score - form.offset))
    return out, excluded


def _anchor(pairs: list[tuple[PracticeTest, float]], recency_days: float) -> tuple[float, list[float]]:
    newest = max(t.taken for t, _ in pairs)
    weights = _weights([(newest - t.taken).days for t, _ in pairs], recency_days)
    return sum(w * s for w, (_, s) in zip(weights, pairs, strict=True)) / sum(weights), weights


def own_miss(rules: Rules, profile: Profile) -> OwnMiss | None:
    """The practice before the latest attempt against that attempt's real score, shrunk by a stated weight.

    Counted only when those tests were recent at the attempt (within the staleness horizon).
    """
    when, real = profile.latest_attempt, profile.score
    if when is None or real is None or not rules.step(profile.exam).capabilities.own_miss:
        return None
    lim = rules.practice_tests.projection_limits
    scaled, _ = _adjust(rules, profile)
    before = [(t, s) for t, _, s in scaled if t.taken <= when]
    if not before or (when - max(t.taken for t, _ in before)).days > lim.stale_after_weeks * 7:
        return None
    anchor, _ = _anchor(before, rules.practice_tests.step2ck_model.recency_days)
    pointed = step2_centre(rules, anchor)
    miss = pointed - real
    w = lim.own_miss_weight
    return OwnMiss(real, when, pointed, miss, w, -w * miss)


def project(rules: Rules, profile: Profile, target: int | None = None, planned_on: dt.date | None = None) -> Projection | None:
    """The projection of the profile's practice tests; ``None`` without any readable test.

    ``planned_on`` is the date of the next attempt (the assessment decides it: the exam date, or
    the earliest sensible date); the reading on it uses the same model as every other date.
    """
    if not profile.practice:
        return None
    scaled, excluded = _adjust(rules, profile)
    latest = profile.latest_attempt
    pt = rules.practice_tests
    m = pt.step2ck_model
    lim = pt.projection_limits
    step1 = rules.step(profile.exam).capabilities.projection == "cbssa_formula"
    recency = pt.step1_model.recency_days if step1 else m.recency_days
    counted_pairs = [(t, s) for t, _, s in scaled if latest is None or t.taken > latest]
    notices: list[str] = [f"{e.form_name} on {e.test.taken}: {e.reason}." for e in excluded]
    notices += [
        f"{f.name} on {t.taken}: {t.score:g} is outside the {lim.step1_scores.min}–{lim.step1_scores.max} range the published "
        "Step 1 formula was built on, so it gives no projection; StepWise still reads the weeks you need from it."
        for t, f, _ in scaled
        if step1 and f.unit == "three_digit" and not lim.step1_scores.min <= t.score <= lim.step1_scores.max
    ]
    weights_by_test: dict[PracticeTest, float] = {}
    anchor: float | None = None
    if counted_pairs:
        anchor, weights = _anchor(counted_pairs, recency)
        weights_by_test = {t: w for (t, _), w in zip(counted_pairs, weights, strict=True)}
    tests = tuple(
        AdjustedTest(t, f.name, s, weights_by_test.get(t, 0.0), f.unit == "three_digit", t in weights_by_test) for t, f, s in scaled
    )
    if not tests and not excluded:
        return None
    coverage = m.range_coverage
    if anchor is None:
        why = (
            f"No practice test since your latest attempt on {latest}: only tests taken after it project the next one."
            if latest is not None and tests
            else "No practice test that can be projected."
        )
        return Projection(
            profile.exam, tests, tuple(excluded), None, None, None, why, own_miss(rules, profile), None, None, planned_on,
            (*notices, why), None, coverage, (),
        )  # fmt: skip
    newest = max(t.taken for t, _ in counted_pairs)
    miss = own_miss(rules, profile)
    method: list[str] = []
    if step1:
        m1 = pt.step1_model
        regime: Regime = "step1_formula"
        centre_now = anchor
        regime_text = (
            "Step 1 uses a published formula from one school's students in their dedicated study period, so it is used "
            f"only for practice scores of {lim.step1_scores.min}–{lim.step1_scores.max} and up to {lim.step1_days_max} days "
            "before the exam. After a fail, read it as a rough guide."
        )
        base_sd = m1.error_sd
        method.append(
            f"Formula: {m1.ceiling:g} − ({m1.ceiling:g} − CBSSA) × {m1.daily_factor}^days from the CBSSA to the exam. " + regime_text
        )
        method.append(
            f"The range uses the formula's error SD of {m1.error_sd:g} points (mean miss {m1.mean_miss:g}), wider for every week "
            f"after {m.horizon_grace_days} days since the newest CBSSA, up to an SD of {lim.max_sd:g}. When every CBSSA since your "
            f"attempt is below the standard, the chance of passing is never shown above {m1.max_pass_when_all_below:.0%}: the "
            "formula was fitted on students who went on to pass."
        )
    else:
        regime = regime_of(rules, anchor)
        centre_now = step2_centre(rules, anchor)
        formula = f"{m.pivot:g} + {m.slope:g} × (practice − {m.pivot:g}) + {m.intercept:g}"
        regime_text = {
            "calibrated": f"Your practice average ({anchor:.0f}) is inside the range the community data covers well, "
            f"so the community formula {formula} applies.",
            "blend": f"Your practice average ({anchor:.0f}) is at the low edge of the community data "
            f"({lim.calibrated_from}–{lim.calibrated_from + lim.blend_points}), so only part of the formula's lift is used.",
            "below_data": f"Your practice average ({anchor:.0f}) is below the range the community data covers "
            f"(few people below {lim.calibrated_from}), so the projection takes the practice score at its word, "
            f"as NBME reads it, with no lift toward that sample's average.",
        }[regime]
        if miss is not None and miss.adjustment != 0:
            before_miss = centre_now
            centre_now += miss.adjustment
            if regime != "calibrated" and miss.adjustment > 0:
                # Outside the calibrated range, the student's own history cannot lift the centre past their best test.
                centre_now = min(centre_now, max(before_miss, max(s for _, s in counted_pairs)))
        n_eff = sum(weights_by_test.values()) ** 2 / sum(w * w for w in weights_by_test.values())
        single_sd = m.single_form_mean_abs_miss * math.sqrt(math.pi / 2)
        floor_sd = max(m.residual_sd, pt.nbme_standard_error.points)
        base_sd = math.sqrt(floor_sd**2 + max(single_sd**2 - floor_sd**2, 0) / n_eff)
        method += [
            "Each form is put on scale: its printed score minus its offset; a Free 120 percent becomes the median real score of its band.",
            f"Only tests after your latest attempt count; each weighs exp(−days before the newest ÷ {m.recency_days:g}). "
            f"Practice average = {anchor:.1f}.",
            regime_text,
            f"Spread: the larger of the model's residual SD ({m.residual_sd:g}) and NBME's standard error "
            f"({pt.nbme_standard_error.points:g}), wider with few tests (one form alone misses by about "
            f"{m.single_form_mean_abs_miss:g}), and wider for every week after {m.horizon_grace_days} days since the newest "
            f"test, up to an SD of {lim.max_sd:g}. Past {lim.stale_after_weeks} weeks without a test there is no projection.",
        ]
    centre_now = _clip(rules, centre_now)
    basis: _Basis | None = _Basis(profile.exam, profile.today, newest, centre_now, base_sd, tuple(t for t in tests if t.counts), target)
    # A recent Free 120 below its calibrated bands says the level is below what the bands cover: no
    # three-digit projection while it counts (leaving it out would read higher than the same test at 65%).
    low_free120 = [e for e in excluded if e.test.form == "free120" and (latest is None or e.test.taken > latest)]
    if low_free120:
        basis = None
        notices.append(
            f"While a recent Free 120 below {pt.free120_bands.rows[0].percent.min:g}% counts, StepWise gives no three-digit "
            "projection: its level is below what the calibrated bands cover. A newer practice test will show where you stand."
        )
    now = read_on(rules, basis, max(profile.today, newest)) if basis is not None else None
    planned = read_on(rules, basis, planned_on) if basis is not None and planned_on is not None and planned_on >= profile.today else None
    if basis is not None and planned_on is not None and planned_on >= profile.today and planned is None:
        if step1 and (planned_on - newest).days <= lim.stale_after_weeks * 7:
            notices.append(
                f"{planned_on} is more than {lim.step1_days_max} days after your practice tests: the published Step 1 formula "
                "was built on tests taken closer to the exam, so there is no projection for that date."
            )
        else:
            notices.append(
                f"Your newest practice test ({newest}) is more than {lim.stale_after_weeks} weeks before {planned_on}: "
                "take a practice test closer to the date for a projection."
            )
    if basis is not None and now is None:
        notices.append(
            f"Your newest practice test ({newest}) is more than {lim.stale_after_weeks} weeks old: take a new one to see "
            "where you stand now."
        )
    coverage_line = f"Range = centre ± {_N.inv_cdf(0.5 + coverage / 2):.2f} SD: about {coverage:.0%} of real scores fall inside it."
    # The trend is drawn over the tests themselves: the readings, not the line, say where they lead.
    trend = _trend(rules, [(t.taken, s) for t, s in counted_pairs], [weights_by_test[t] for t, _ in counted_pairs], newest)
    return Projection(
        exam=profile.exam,
        tests=tests,
        excluded=tuple(excluded),
        newest=newest,
        anchor=anchor,
        regime=regime,
        regime_text=regime_text,
        own_miss=miss,
        now=now,
        planned=planned,
        planned_on=planned_on,
        notices=tuple(notices),
        trend=trend,
        coverage=coverage,
        method=(*method, coverage_line),
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


@dataclass(frozen=True)
class TestDayReading:
    real: int
    practice_level: float
    gap: float
    points_to_test_day: bool
    message: str


def practice_vs_real(rules: Rules, projection: Projection | None) -> TestDayReading | None:
    """A real score well below the practice before it points to test day, not knowledge (Residency Advisor, 2026)."""
    if projection is None or projection.own_miss is None:
        return None
    om = projection.own_miss
    rule = rules.practice_tests.test_day_gap
    gap = om.miss
    if gap >= rule.points.min:
        msg = (
            f"Your practice tests before {om.on} pointed to about {om.practice_pointed_to:.0f}; your real score was {om.real}: "
            f"they read {gap:.0f} points high. A gap of {rule.points.min}–{rule.points.max}+ points often means a test-day "
            "problem rather than missing knowledge: timing, anxiety, illness or an exam taken mid-rotation. Those are "
            "sometimes fixable."
        )
    elif gap <= -rule.points.min:
        msg = (
            f"Your practice tests before {om.on} pointed to about {om.practice_pointed_to:.0f}; your real score was {om.real}: "
            f"they read {-gap:.0f} points low."
        )
    else:
        msg = (
            f"Your practice tests before {om.on} pointed to about {om.practice_pointed_to:.0f}; your real score was {om.real}: "
            f"within {rule.points.min} points, so your practice scores and the real exam agreed."
        )
    return TestDayReading(om.real, om.practice_pointed_to, gap, gap >= rule.points.min, msg)


def first_after_fail_caveat(rules: Rules, profile: Profile, failed: bool) -> str | None:
    """The first practice test soon after a fail often reads low (Medlearnity, 2020)."""
    when = profile.latest_attempt
    rule = rules.study.first_assessment_after_fail
    if not failed or when is None or not rules.step(profile.exam).capabilities.first_test_reads_low:
        return None
    after = [t for t in profile.practice if t.taken > when]
    if after and (after[0].taken - when).days <= rule.within_days:
        return f"Your first test after the fail ({after[0].taken}): {rule.text}"
    return None
