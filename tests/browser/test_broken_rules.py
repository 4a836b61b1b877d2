"""A broken rules folder never takes the server down: the real `streamlit run app.py` on broken copies.

Each case starts a fresh server on a copy of rules/ with one fault, opens a deep link in Chromium,
and reads the problem table (file, field, expected, found). One case then fixes the file and
reloads: the pages come back without a restart.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bench.client import start_server
from stepwise.rules import DEFAULT_RULES_DIR
from tests.browser.shared import open_app


def _replace(stem: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / f"{stem}.yaml"
        text = path.read_text()
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new))

    return apply


def _delete(stem: str) -> Callable[[Path], None]:
    return lambda folder: (folder / f"{stem}.yaml").unlink()


def _empty(stem: str) -> Callable[[Path], None]:
    return lambda folder: (folder / f"{stem}.yaml").write_text("")


# (case, how to break the copy, the file and field the table must name)
CASES = [
    ("missing file", _delete("targets"), "targets.yaml", "(file)"),
    ("YAML syntax error", _replace("study", "typical: 1.73", "typical: [1.73"), "study.yaml", "line"),
    ("wrong type", _replace("study", "typical: 1.73", "typical: quick"), "study.yaml", "gain_per_week.typical"),
    (
        "missing source",
        _replace("calendar", '  source: "StepWise: an estimate', '  sauce: "StepWise: an estimate'),
        "calendar.yaml",
        "estimate",
    ),
    ("empty file", _empty("retake"), "retake.yaml", "(top level)"),
    ("unknown key", _replace("exams", "  max_in_window: 3\n", "  max_in_window: 3\n  max_in_windows: 3\n"), "exams.yaml", "attempt_policy"),
    (
        "negative number",
        _replace("study", "below_target_points: 10", "below_target_points: -10"),
        "study.yaml",
        "stop_rule.below_target_points",
    ),
    (
        "min above max",
        _replace("study", "question_weeks: {min: 4, max: 6}", "question_weeks: {min: 6, max: 4}"),
        "study.yaml",
        "question_weeks",
    ),
    ("duplicate key", _replace("exams", "  max_in_window: 3\n", "  max_in_window: 3\n  max_in_window: 4\n"), "exams.yaml", "line"),
]


def _broken_copy(tmp_path: Path, breaker: Callable[[Path], None]) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, folder)
    breaker(folder)
    return folder


@pytest.mark.parametrize(("case", "breaker", "file", "field"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_folder_shows_its_problems_and_keeps_serving(browser: Browser, tmp_path: Path, case, breaker, file, field):
    folder = _broken_copy(tmp_path, breaker)
    srv = start_server(env={"STEPWISE_RULES_DIR": str(folder)})
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        pg = ctx.new_page()
        pg.goto(f"{srv.url}/retake?score=209&attempts=2026-09-20&today=2026-11-20")
        alert = pg.get_by_test_id("stAlert").first
        expect(alert).to_contain_text("did not pass validation", timeout=60_000)
        table = pg.get_by_test_id("stTable").first
        expect(table).to_contain_text(file)
        expect(table).to_contain_text(field)
        # Read once the table is drawn: the whole message, never the server's path.
        main = pg.get_by_test_id("stMain").inner_text()
        assert str(folder) not in main and str(tmp_path) not in main
        assert srv.proc.poll() is None, f"{case}: the server stopped"
    finally:
        ctx.close()
        srv.stop()


def test_fixing_the_files_and_reloading_needs_no_restart(browser: Browser, tmp_path: Path):
    folder = _broken_copy(tmp_path, _replace("study", "typical: 1.73", "typical: quick"))
    srv = start_server(env={"STEPWISE_RULES_DIR": str(folder)})
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        pg = ctx.new_page()
        url = f"{srv.url}/retake?score=209&attempts=2026-09-20&today=2026-11-20"
        pg.goto(url)
        expect(pg.get_by_test_id("stAlert").first).to_contain_text("did not pass validation", timeout=60_000)
        (folder / "study.yaml").write_text((DEFAULT_RULES_DIR / "study.yaml").read_text())
        open_app(pg, url)
        expect(pg.get_by_role("heading", name="Retake required")).to_be_visible()
    finally:
        ctx.close()
        srv.stop()
