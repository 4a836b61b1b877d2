"""The rules files: every figure sourced and dated; broken files named field by field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from stepwise.rules import DEFAULT_RULES_DIR, RulesInvalid, Sourced, iter_sourced, load_rules
from stepwise.sources import source_rows


def copy_rules(tmp_path: Path) -> Path:
    dst = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, dst)
    return dst


def edit(folder: Path, stem: str, change) -> None:
    path = folder / f"{stem}.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def problems(folder: Path) -> list[str]:
    with pytest.raises(RulesInvalid) as err:
        load_rules(folder)
    return [str(p) for p in err.value.problems]


def test_bundled_rules_load(rules):
    assert rules.step("step2ck").passing_standards[-1].score == 218
    assert len(rules.specialties.specialties) == 23


def test_every_figure_block_has_source_and_date(rules):
    blocks = [
        b
        for stem in ("exams", "specialties", "targets", "retake", "study", "practice_tests")
        for _, b in iter_sourced(getattr(rules, stem))
    ]
    assert len(blocks) > 80
    assert all(isinstance(b, Sourced) and b.source.strip() and b.as_of for b in blocks)


def test_a_figure_without_source_is_named(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "exams", lambda d: d["steps"]["step2ck"]["passing_standards"][2].pop("source"))
    assert problems(folder) == ["exams.yaml: steps.step2ck.passing_standards[2].source: expected this field; found nothing"]


def test_a_wrong_type_names_file_field_expected_and_found(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "study", lambda d: d["gain_per_week"].__setitem__("typical", "fast-ish"))
    (msg,) = problems(folder)
    assert msg.startswith("study.yaml: gain_per_week.typical: expected a valid number") and "'fast-ish'" in msg


def test_a_date_that_does_not_parse(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "targets", lambda d: d["buffer"].__setitem__("as_of", "2026-99-99"))
    (msg,) = problems(folder)
    assert msg.startswith("targets.yaml: buffer.as_of: expected a valid date") and "2026-99-99" in msg


def test_overlapping_passing_standards(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "exams", lambda d: d["steps"]["step2ck"]["passing_standards"][2].__setitem__("start", "2025-06-01"))
    assert problems(folder) == [
        "exams.yaml: steps.step2ck.passing_standards[2].start: expected the day after 2025-06-30; found 2025-06-01 (an overlap)"
    ]


def test_gap_between_passing_standards(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "exams", lambda d: d["steps"]["step2ck"]["passing_standards"][1].__setitem__("start", "2022-08-01"))
    assert "(a gap)" in problems(folder)[0]


def test_percentiles_must_not_fall(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "exams", lambda d: d["steps"]["step2ck"]["percentiles"]["table"].__setitem__(250, 20))
    assert "exams.yaml: steps.step2ck.percentiles.table[250]: expected a percentile of at least 32; found 20" in problems(folder)


def test_unknown_tier_and_zone(tmp_path):
    folder = copy_rules(tmp_path)

    def change(d):
        d["specialties"][0]["tier"] = "ultra"
        d["specialties"][1]["zone"] = "somewhere"

    edit(folder, "specialties", change)
    found = problems(folder)
    assert any(p.startswith("specialties.yaml: specialties[0].tier: expected 'highly_competitive'") for p in found)
    assert any(p.startswith("specialties.yaml: specialties[1].zone: expected 'hard_stop', 'middle' or 'forgiving'") for p in found)


def test_a_misspelt_field(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "retake", lambda d: d["checklist"].__setitem__("scor_at_most", 220))
    assert "retake.yaml: checklist.scor_at_most: expected no such field (check its spelling); found 220" in problems(folder)


def test_yaml_syntax_error_and_missing_file(tmp_path):
    folder = copy_rules(tmp_path)
    (folder / "study.yaml").write_text("bands: [\n  - oops")
    (folder / "targets.yaml").unlink()
    found = problems(folder)
    assert any(p.startswith("study.yaml: line") and "valid YAML" in p for p in found)
    assert any(p.startswith("targets.yaml: (file): expected a rules file") for p in found)


def test_rules_dir_from_environment(tmp_path, monkeypatch):
    folder = copy_rules(tmp_path)
    edit(folder, "exams", lambda d: d["steps"]["step2ck"]["passing_standards"][2].__setitem__("score", 220))
    monkeypatch.setenv("STEPWISE_RULES_DIR", str(folder))
    assert load_rules().step("step2ck").passing_standards[-1].score == 220


def test_sources_flag_figures_older_than_two_years(rules):
    import datetime as dt

    rows = source_rows(rules, dt.date(2026, 11, 22))
    seed004 = [r for r in rows if r.source == "004_dd8f3e3f81ba1476.txt"]
    assert seed004 and all(r.stale for r in seed004)  # 2020
    current = next(r for r in rows if r.rule == "steps.step2ck.passing_standards[2]")
    assert not current.stale
