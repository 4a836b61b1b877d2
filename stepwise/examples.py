"""The start page's situations and worked examples, each a set of URL-contract parameters.

The examples restate cases from the source articles and the USMLE rules so that a click opens
them fully filled in. Each carries the answer it should get, worked out by hand from the rules
files and the articles (its ``derivation``), and ``tests/test_examples.py`` holds the assessment
to it: an example is both a demonstration and a test case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stepwise.profile import Profile
from stepwise.registry import PROJECTION, RETAKE, STUDY, TARGETS, PageEntry


@dataclass(frozen=True)
class Situation:
    label: str
    help: str
    params: dict[str, str | None]  # None: the parameter is cleared
    next_step: str
    next_page: PageEntry
    next_label: str
    first_attempt: bool = False

    def matches(self, p: Profile, outcome: str | None) -> bool:
        """Whether the profile is in this situation; ``outcome`` is the latest attempt's, from its score or result."""
        if self.first_attempt:  # nothing taken yet, but practice tests or a date say the student is preparing
            taken = p.attempts or p.score is not None or p.result is not None
            return not taken and not p.prior_fails and bool(p.practice or p.exam_date)
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
        f"A retake is required; {RETAKE.words} shows your attempts left and the earliest date.",
        RETAKE,
        "Retake rules and readiness",
    ),
    "failed_step2": Situation(
        "I failed Step 2 CK",
        "Enter your score with Change details at the top of the page: the standard on your test date decides.",
        {"exam": "step2ck", "result": "fail"},
        "A retake is required; check readiness and plan the weeks.",
        RETAKE,
        "Retake rules and readiness",
    ),
    "low_pass_step2": Situation(
        "I passed Step 2 CK, but low",
        "Can you retake a pass at all, and would it help?",
        {"exam": "step2ck", "result": "pass"},
        f"USMLE rarely allows retaking a pass: {RETAKE.words} says when, and what to do instead.",
        RETAKE,
        "Can I retake a pass?",
    ),
    "step2_after_fail": Situation(
        "I'm preparing Step 2 CK after an earlier fail",
        "A Step 1 (or other) fail on record: what Step 2 CK score do you need now?",
        {"exam": "step2ck", "prior_fails": "1"},
        "With a fail on record, aim above the usual range for your specialty.",
        TARGETS,
        "Targets by specialty",
    ),
    "first_attempt": Situation(
        "I have not taken it yet",
        "Your practice tests are the evidence: am I ready to sit on my date, and how long should I study?",
        {"score": None, "result": None, "attempts": None},
        f"There is nothing to retake yet: your practice tests are the evidence (add them on {PROJECTION.words}). "
        f"{RETAKE.words[0].upper()}{RETAKE.words[1:]} says whether to sit on your date.",
        RETAKE,
        "Am I ready to sit?",
        first_attempt=True,
    ),
}


@dataclass(frozen=True)
class Expected:
    """The answer an example should get, worked out by hand (never copied from the app's output).

    ``decision``: the retake verdict's key (``retake.yaml: verdicts``). ``weeks``: the weeks of
    study the answer gives ((0, 0) when nothing is left to study for), or None when there is no
    retake to plan. ``readiness``: the readiness table's verdict (``retake.yaml: readiness``), or None with no plan.
    ``holds``: a score the projection's range must contain, or None. ``earliest``: the earliest
    date the next attempt is allowed, when that is after today.
    """

    decision: str
    weeks: tuple[int, int] | None
    readiness: str | None
    holds: int | None = None
    earliest: dt.date | None = None
    derivation: str = ""


@dataclass(frozen=True)
class Example:
    key: str
    title: str
    text: str
    page: PageEntry
    link_label: str
    params: dict[str, str] = field(default_factory=dict)
    expected: Expected | None = None

    @property
    def today(self) -> dt.date:
        """Every example pins its date, so it reads the same whenever it is opened."""
        return dt.date.fromisoformat(self.params["today"])


EXAMPLES: tuple[Example, ...] = (
    Example(
        "pass_216_march_2025",
        "A 216 in March 2025 passed…",
        "Step 2 CK on 2025-03-01 with a 216. The passing standard was 214 then, so it passed, and a passed Step "
        "cannot be retaken without a USMLE exception.",
        RETAKE,
        "Open: a 216 on 2025-03-01",
        {"score": "216", "attempts": "2025-03-01", "today": "2025-04-15"},
        Expected(
            "not_permitted",
            None,
            None,
            derivation="Standard on 2025-03-01: 214 (2022-07-01 to 2025-06-30); 216 >= 214, a pass. No exception "
            "given, so no retake is permitted and there is no plan.",
        ),
    ),
    Example(
        "fail_216_august_2025",
        "…and a 216 in August 2025 failed",
        "The same 216 on 2025-08-01, after the standard rose to 218 on 2025-07-01: a fail, so a retake is required. "
        "Aiming for internal medicine.",
        RETAKE,
        "Open: a 216 on 2025-08-01",
        {"score": "216", "attempts": "2025-08-01", "specialty": "internal-medicine", "today": "2025-09-10"},
        Expected(
            "required",
            (8, 16),
            "practice_first",
            derivation="Standard on 2025-08-01: 218; 216 < 218, a fail: retake required (1 of 4 attempts used, the next "
            "allowed from 2025-08-02, already past). One fail on record, so the internal-medicine aim is the post-fail "
            "one: primary care 230 + the 10-15 buffer = 240-245, raised to NRMP's matched 243-254; target 243. "
            "By score: 216 is 2 below 218, like 192 against 194: 4-5 weeks. By gap: 243 - 216 = 27 points: "
            "27 / 3.5 = 7.7 -> 8 weeks fast, 27 / 1.73 = 15.6 -> 16 typical. The most any view asks: 8-16. "
            'No practice test since the fail: the readiness table\'s first open row is "take a practice test first".',
        ),
    ),
    Example(
        "low_pass_article_practice_vs_real",
        "Practice tests against the real score",
        "The retake article's example: NBME 1 230, NBME 2 238, UWSA 1 242, UWSA 2 245, then a real 247. StepWise has "
        "no NBME 1 or 2, so this loads NBME 13 (230) and NBME 14 (238) in their place, with UWSA 1 (242) and "
        "UWSA 2 (245), the day before the exam: the projected range holds the real 247.",
        PROJECTION,
        "Open the projection",
        {
            "practice": "nbme13:230@2025-11-10,nbme14:238@2025-11-24,uwsa1:242@2025-12-08,uwsa2:245@2025-12-20",
            "exam_date": "2025-12-28",
            "today": "2025-12-27",
        },
        Expected(
            "first_attempt",
            (0, 0),
            "sit",
            holds=247,
            derivation="On scale: 230, 238, 242, and UWSA 2 245 - 5 = 240. Weights exp(-days before 2025-12-20 / 30): "
            "0.264, 0.420, 0.670, 1; average 239.1, at the low edge (235-245) so 41% of the formula's lift: "
            "250 + 0.79 x (239.1 - 250) + 9 = 250.4 -> centre 243.7. SD sqrt(9^2 + (13.8^2 - 9^2) / 3.27) = 10.7; "
            "80% range 243.7 +/- 1.28 x 10.7 = 230-257: holds 247. No result yet: not enough information for a "
            "retake verdict. A first attempt, so the four-week minimum before a retake does not apply; the target "
            "(218 + 10 = 228) is below where the practice already is, so no weeks are left to study for; "
            "every recent test is at or above the target and none within 9 of 218: sit as planned.",
        ),
    ),
    Example(
        "low_pass_article_exception",
        "A low pass while still enrolled, with an exception",
        "A 219 in emergency medicine by a student still enrolled in medical school who meets USMLE's enrolled-student "
        "exception (graduating six or more years after first passing). Not applying this cycle; 8 protected weeks; "
        "practice 236 and 238 before the exam, 245 and 248 since.",
        RETAKE,
        "Open the retake checklist",
        {
            "score": "219",
            "attempts": "2026-08-01",
            "specialty": "emergency-medicine",
            "practice": "nbme13:236@2026-07-01,nbme14:238@2026-07-20,nbme15:245@2026-11-01,uwsa1:248@2026-11-10",
            "weeks": "8",
            "cycle": "none",
            "exception": "yes",
            "today": "2026-11-20",
        },
        Expected(
            "can_make_sense",
            (6, 8),
            "plan",
            derivation="219 >= 218: a pass, and the exception permits a retake. The article's checklist: 219 <= 220; "
            "emergency medicine is in the middle zone; practice before the exam 236, 238 (2 tests, both >= 230); "
            "8 >= 6 protected weeks; not applying this cycle; since the exam 245 and 248 average 246.7, which the "
            "community formula puts at 256.4, less half of the old miss (the earlier tests pointed to 240.0 against "
            "the real 219: 21 high) = 245.9 now, already 27 over 219: a 20+ jump is plausible. None of the 'probably "
            "not' conditions holds (not this cycle, not forgiving, best earlier test 238 is 19 above 219, 8 weeks). "
            "Weeks: the retake article's 6-8 protected weeks (the gap to the 240 aim is closed). No exam date: plan.",
        ),
    ),
    Example(
        "post_fail_article_after_step1",
        "Step 2 CK after a Step 1 fail, aiming for internal medicine",
        "One fail on record. The article on Step 2 CK after a Step 1 fail gives primary care 230+, studied as if you "
        "needed 10–15 points more. Practice 228, 234, 238; the exam on 2027-01-15; 8 protected weeks; applying this cycle.",
        TARGETS,
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
        Expected(
            "first_attempt",
            (3, 5),
            "sit",
            derivation="No Step 2 CK attempt yet: nothing to retake. Aim after one fail: "
            "230 + 10-15 = 240-245, raised to NRMP's matched 243-254; target 243. Practice weights exp(-days before "
            "2026-11-10 / 30): 0.264, 0.497, 1; average 235.4, just inside the low edge: centre 235.8. Gap 7.2 points: "
            "7.2 / 3.5 = 2.05 -> 3 weeks fast, 7.2 / 1.73 = 4.1 -> 5 typical: 3-5 (a first Step 2 CK attempt, so the "
            "four-week minimum before a retake does not apply). 8 weeks to 2027-01-15 >= 5: sit.",
        ),
    ),
    Example(
        "step1_article_172",
        "A Step 1 172 in 2020",
        "Step 1 on 2020-05-01 with a 172, when the standard was 194: a score in the 170s, for which the 2020 Step 1 "
        "article gives about 6–7 more weeks of dedicated study. The retake is planned for 2020-07-15.",
        STUDY,
        "Open the study plan",
        {"exam": "step1", "score": "172", "attempts": "2020-05-01", "exam_date": "2020-07-15", "today": "2020-05-25"},
        Expected(
            "required",
            (6, 7),
            "practice_first",
            derivation="Standard on 2020-05-01: 194; 172 < 194, a fail: retake required. 172 is in the 170s, judged "
            "against 194 itself (no shift): 6-7 weeks, above the 4-week minimum. 2020-05-25 to 2020-07-15 is 51 days, "
            '7 full weeks >= 7, but no practice test since the fail: the article\'s first step is a baseline NBME, so "take a practice test first".',
        ),
    ),
    Example(
        "fourth_attempt_date",
        "Three attempts in seven months: when can the fourth be?",
        "Step 2 CK failed on 2026-01-10, 2026-04-10 and 2026-08-10 (the latest a 209). No more than three attempts in "
        "12 months, and a fourth at least 12 months after the first and 6 after the latest: not before 2027-02-10.",
        STUDY,
        "Open the calendar",
        {"score": "209", "attempts": "2026-01-10,2026-04-10,2026-08-10", "weeks": "12", "today": "2026-11-20"},
        Expected(
            "required",
            (6, 11),
            "practice_first",
            earliest=dt.date(2027, 2, 10),
            derivation="209 < 218: a fail; 3 of 4 attempts used: retake required. Fourth attempt: three in 12 months "
            "means not before 2027-01-10; 12 months after the first, 2027-01-10; 6 after the latest, 2027-02-10: "
            "the latest of these, 2027-02-10. Weeks: 209 is 9 below 218, like 185 against 194: 4-5; no specialty, "
            "target 218 + 10 = 228, gap 19: 19 / 3.5 = 5.4 -> 6 fast, 19 / 1.73 = 10.98 -> 11 typical: 6-11. "
            'No practice test since the fail: "take a practice test first", the chosen date not before 2027-02-10.',
        ),
    ),
)


def example(key: str) -> Example:
    """A worked example by its key (the start page's links, and the tests' cases)."""
    return next(e for e in EXAMPLES if e.key == key)
