"""Practice tests on the real score's scale: each form's offset, the Free 120 bands, the community
formula between a practice average and a real score, and what the practice before an attempt said
against its real score (Residency Advisor's "test-day problem", Medlearnity's "first NBME reads low").

``stepwise.projection`` carries these to any date.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from stepwise.profile import PracticeTest, Profile
from stepwise.rules import Rules
from stepwise.schema import Form

if TYPE_CHECKING:
    from stepwise.projection import Projection

Regime = Literal["calibrated", "blend", "below_data", "step1_formula"]


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
class OwnMiss:
    """How far the practice before the latest attempt read from its real score."""

    real: int
    on: dt.date
    practice_pointed_to: float
    miss: float  # positive: the practice read high
    weight: float
    adjustment: float  # added to the retake's centre


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


def _weights(days_before_newest: list[int], recency_days: float) -> list[float]:
    # Relative to the newest test (weight 1): the sum is at least 1 whatever the dates.
    return [math.exp(-min(d, 50 * recency_days) / recency_days) for d in days_before_newest]


def adjust(rules: Rules, profile: Profile) -> tuple[list[tuple[PracticeTest, Form, float]], list[Excluded]]:
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


def anchor_of(pairs: list[tuple[PracticeTest, float]], recency_days: float) -> tuple[float, list[float]]:
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
    scaled, _ = adjust(rules, profile)
    before = [(t, s) for t, _, s in scaled if t.taken <= when]
    if not before or (when - max(t.taken for t, _ in before)).days > lim.stale_after_weeks * 7:
        return None
    anchor, _ = anchor_of(before, rules.practice_tests.step2ck_model.recency_days)
    pointed = step2_centre(rules, anchor)
    miss = pointed - real
    w = lim.own_miss_weight
    return OwnMiss(real, when, pointed, miss, w, -w * miss)


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


@dataclass(frozen=True)
class RegimeReading:
    """How one projection reads its practice average now: the model, its words and its spread."""

    regime: Regime
    centre_now: float
    text: str
    base_sd: float
    method: tuple[str, ...]


def cbssa_regime(rules: Rules, anchor: float) -> RegimeReading:
    m1, lim, grace = rules.practice_tests.step1_model, rules.practice_tests.projection_limits, rules.practice_tests.step2ck_model
    text = (
        "Step 1 uses a published formula from one school's students in their dedicated study period, so it is used "
        f"only for practice scores of {lim.step1_scores.min}–{lim.step1_scores.max} and up to {lim.step1_days_max} days "
        "before the exam. After a fail, read it as a rough guide."
    )
    method = (
        f"Formula: {m1.ceiling:g} − ({m1.ceiling:g} − CBSSA) × {m1.daily_factor}^days from the CBSSA to the exam. " + text,
        f"The range uses the formula's error SD of {m1.error_sd:g} points (mean miss {m1.mean_miss:g}), wider for every week "
        f"after {grace.horizon_grace_days} days since the newest CBSSA, up to an SD of {lim.max_sd:g}. When every CBSSA since your "
        f"attempt is below the standard, the chance of passing is never shown above {m1.max_pass_when_all_below:.0%}: the "
        "formula was fitted on students who went on to pass.",
    )
    return RegimeReading("step1_formula", anchor, text, m1.error_sd, method)


def community_regime(rules: Rules, anchor: float, miss: OwnMiss | None, best: float, weights: list[float]) -> RegimeReading:
    pt = rules.practice_tests
    m, lim = pt.step2ck_model, pt.projection_limits
    regime = regime_of(rules, anchor)
    centre_now = step2_centre(rules, anchor)
    formula = f"{m.pivot:g} + {m.slope:g} × (practice − {m.pivot:g}) + {m.intercept:g}"
    text = {
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
            centre_now = min(centre_now, max(before_miss, best))
    n_eff = sum(weights) ** 2 / sum(w * w for w in weights)
    single_sd = m.single_form_mean_abs_miss * math.sqrt(math.pi / 2)
    floor_sd = max(m.residual_sd, pt.nbme_standard_error.points)
    base_sd = math.sqrt(floor_sd**2 + max(single_sd**2 - floor_sd**2, 0) / n_eff)
    method = (
        "Each form is put on scale: its printed score minus its offset; a Free 120 percent becomes the median real score of its band.",
        f"Only tests after your latest attempt count; each weighs exp(−days before the newest ÷ {m.recency_days:g}). "
        f"Practice average = {anchor:.1f}.",
        text,
        f"Spread: the larger of the model's residual SD ({m.residual_sd:g}) and NBME's standard error "
        f"({pt.nbme_standard_error.points:g}), wider with few tests (one form alone misses by about "
        f"{m.single_form_mean_abs_miss:g}), and wider for every week after {m.horizon_grace_days} days since the newest "
        f"test, up to an SD of {lim.max_sd:g}. Past {lim.stale_after_weeks} weeks without a test there is no projection.",
    )
    return RegimeReading(regime, centre_now, text, base_sd, method)
