"""The start page's situations and worked examples, each a set of URL-contract parameters.

The examples restate cases from the seed articles so that a click opens them fully filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stepwise.profile import Profile


@dataclass(frozen=True)
class Situation:
    label: str
    help: str
    params: dict[str, str]
    next_step: str
    next_page: str
    next_label: str

    def matches(self, p: Profile, outcome: str | None) -> bool:
        """Whether the profile is in this situation; ``outcome`` is the latest attempt's, from its score or result."""
        if p.exam != self.params.get("exam", p.exam):
            return False
        if "result" in self.params:
            return outcome == self.params["result"]
        return (p.prior_fails or 0) >= 1 and outcome != "fail"


SITUATIONS: dict[str, Situation] = {
    "failed_step1": Situation(
        "I failed Step 1",
        "Step 1 is pass/fail: the retake rules, then Step 2 CK with a fail on record.",
        {"exam": "step1", "result": "fail"},
        "A retake is required; the Retake page shows your attempts left and the earliest date.",
        "app_pages/retake.py",
        "Retake rules and readiness",
    ),
    "failed_step2": Situation(
        "I failed Step 2 CK",
        "Enter your score in the sidebar: the standard on your test date decides.",
        {"exam": "step2ck", "result": "fail"},
        "A retake is required; check readiness and plan the weeks.",
        "app_pages/retake.py",
        "Retake rules and readiness",
    ),
    "low_pass_step2": Situation(
        "I passed Step 2 CK, but low",
        "Can you retake a pass at all, and would it help?",
        {"exam": "step2ck", "result": "pass"},
        "USMLE rarely allows retaking a pass: the Retake page says when, and what to do instead.",
        "app_pages/retake.py",
        "Can I retake a pass?",
    ),
    "step2_after_fail": Situation(
        "I'm preparing Step 2 CK after an earlier fail",
        "A Step 1 (or other) fail on record: what Step 2 CK score do you need now?",
        {"exam": "step2ck", "prior_fails": "1"},
        "With a fail on record, aim above the usual range for your specialty.",
        "app_pages/targets.py",
        "Targets by specialty",
    ),
}


@dataclass(frozen=True)
class Example:
    key: str
    title: str
    text: str
    page: str
    link_label: str
    params: dict[str, str] = field(default_factory=dict)


EXAMPLES: tuple[Example, ...] = (
    Example(
        "pass_216_march_2025",
        "A 216 in March 2025 passed…",
        "Step 2 CK taken 2025-03-01 with 216: the standard then was 214 (facts file).",
        "app_pages/retake.py",
        "Open: 216 on 2025-03-01",
        {"score": "216", "attempts": "2025-03-01", "today": "2025-04-15"},
    ),
    Example(
        "fail_216_august_2025",
        "…a 216 in August 2025 failed",
        "The same 216 on 2025-08-01, after the standard rose to 218 on 2025-07-01.",
        "app_pages/retake.py",
        "Open: 216 on 2025-08-01",
        {"score": "216", "attempts": "2025-08-01", "specialty": "internal-medicine", "today": "2025-09-10"},
    ),
    Example(
        "seed003_practice_vs_real",
        "Practice versus real (seed 003)",
        "NBME 1 230, NBME 2 238, UWSA 1 242, UWSA 2 245, real 247: the projection's range holds the real score.",
        "app_pages/projection.py",
        "Open the projection",
        {
            "score": "247",
            "attempts": "2025-12-28",
            "practice": "nbme13:230@2025-11-10,nbme14:238@2025-11-24,uwsa1:242@2025-12-08,uwsa2:245@2025-12-20",
            "exam_date": "2025-12-28",
            "today": "2026-01-20",
        },
    ),
    Example(
        "seed003_low_pass_exception",
        "A low pass, with an exception, in a re-application year (seed 003)",
        "219 in emergency medicine, practice 236–238 before the exam, 8 protected weeks, exception applies.",
        "app_pages/retake.py",
        "Open the retake checklist",
        {
            "score": "219",
            "attempts": "2026-08-01",
            "specialty": "emergency-medicine",
            "practice": "nbme13:236@2026-07-01,nbme14:238@2026-07-20,nbme15:245@2026-11-01,uwsa1:248@2026-11-10",
            "weeks": "8",
            "cycle": "reapplying",
            "exception": "yes",
            "today": "2026-11-20",
        },
    ),
    Example(
        "seed002_after_step1_fail",
        "Step 2 CK after a Step 1 fail, aiming for internal medicine (seed 002)",
        "One fail on record: primary-care target 230+, plus the 10–15 point buffer.",
        "app_pages/targets.py",
        "Open the targets",
        {
            "prior_fails": "1",
            "specialty": "internal-medicine",
            "practice": "nbme12:228@2026-10-01,nbme13:234@2026-10-20,uwsa1:238@2026-11-10",
            "exam_date": "2027-01-15",
            "weeks": "8",
            "cycle": "applying",
            "today": "2026-11-20",
        },
    ),
    Example(
        "seed004_step1_172",
        "A Step 1 172 in the three-digit era (seed 004)",
        "A score in the 170s: about 6–7 more weeks of dedicated study.",
        "app_pages/study.py",
        "Open the study plan",
        {"exam": "step1", "score": "172", "attempts": "2020-05-01", "exam_date": "2020-07-15", "today": "2020-05-25"},
    ),
    Example(
        "fourth_attempt_date",
        "Three fails in ten months: the fourth attempt's date",
        "No more than three attempts in 12 months; the fourth at least 12 months after the first and 6 after the latest.",
        "app_pages/study.py",
        "Open the calendar",
        {"score": "209", "attempts": "2026-01-10,2026-04-10,2026-08-10", "weeks": "12", "today": "2026-11-20"},
    ),
)


def example(key: str) -> Example:
    """A worked example by its key (the start page's links, and the tests' seed cases)."""
    return next(e for e in EXAMPLES if e.key == key)
