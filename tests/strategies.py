"""Generated links for the property tests: every URL-contract parameter, present or not, in range."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from stepwise.rules import load_rules

D = dt.date


@st.composite
def links(draw: st.DrawFn) -> dict[str, str]:
    today = draw(st.dates(D(2019, 1, 1), D(2030, 12, 31)))
    out: dict[str, str] = {"today": today.isoformat(), "exam": draw(st.sampled_from(["step1", "step2ck"]))}
    if draw(st.booleans()):
        out["score"] = str(draw(st.integers(150, 280)))
    if draw(st.booleans()):
        out["result"] = draw(st.sampled_from(["pass", "fail"]))
    n = draw(st.integers(0, 4))
    days = sorted({today - dt.timedelta(days=draw(st.integers(0, 900))) for _ in range(n)})
    if days:
        out["attempts"] = ",".join(d.isoformat() for d in days)
    if draw(st.booleans()):
        out["prior_fails"] = str(draw(st.integers(0, 3)))
    if draw(st.booleans()):
        out["specialty"] = draw(st.sampled_from(["pediatrics", "dermatology", "internal-medicine", "family-medicine"]))
    if draw(st.booleans()):
        forms = ["nbme25", "nbme30"] if out["exam"] == "step1" else ["nbme12", "uwsa2", "free120"]
        tests = []
        for _ in range(draw(st.integers(1, 4))):
            form = draw(st.sampled_from(forms))
            score = draw(st.integers(60, 95)) if form == "free120" else draw(st.integers(160, 280))
            tests.append(f"{form}:{score}@{(today - dt.timedelta(days=draw(st.integers(0, 200)))).isoformat()}")
        out["practice"] = ",".join(tests)
    if draw(st.booleans()):
        out["exam_date"] = (today + dt.timedelta(days=draw(st.integers(0, 400)))).isoformat()
    if draw(st.booleans()):
        out["weeks"] = str(draw(st.integers(0, 20)))
    if draw(st.booleans()):
        out["cycle"] = draw(st.sampled_from(["none", "applying", "reapplying"]))
    if draw(st.booleans()):
        out["exception"] = draw(st.sampled_from(["yes", "no"]))
    return out


RULES = load_rules()  # module-level for the property tests: hypothesis prints its arguments on failure
