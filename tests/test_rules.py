"""The rules files: every figure sourced and dated; broken files named field by field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from stepwise.figures import figures_by_question
from stepwise.rules import DEFAULT_RULES_DIR, Problem, RulesInvalid, iter_sourced, load_rules
from stepwise.schema import Sourced


def copy_rules(tmp_path: Path) -> Path:
    dst = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, dst)
    return dst


def edit(folder: Path, stem: str, change) -> None:
    path = folder / f"{stem}.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def rewrite(folder: Path, stem: str, old: str, new: str) -> int:
    """Replace text in a rules file as an editor would (comments and layout kept); the 1-based line of the change."""
    path = folder / f"{stem}.yaml"
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))
    return text[: text.index(old)].count("\n") + 1


def found_problems(folder: Path) -> list[Problem]:
    with pytest.raises(RulesInvalid) as err:
        load_rules(folder)
    return err.value.problems


def problems(folder: Path) -> list[str]:
    return [str(p) for p in found_problems(folder)]


def test_bundled_rules_load(rules):
    assert rules.step("step2ck").passing_standards[-1].score == 218
    assert len(rules.specialties.specialties) == 23


def test_every_figure_block_has_source_and_date(rules):
    blocks = [
        b
        for stem in ("exams", "specialties", "targets", "retake", "study", "practice_tests", "calendar", "articles")
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
    assert "targets.yaml: (file): expected a file named targets.yaml in the rules folder; found no such file" in found
    assert not any(str(tmp_path) in p for p in found)  # never the server's path


def test_rules_dir_from_environment(tmp_path, monkeypatch):
    folder = copy_rules(tmp_path)
    edit(folder, "exams", lambda d: d["steps"]["step2ck"]["passing_standards"][2].__setitem__("score", 220))
    monkeypatch.setenv("STEPWISE_RULES_DIR", str(folder))
    assert load_rules().step("step2ck").passing_standards[-1].score == 220


def test_sources_flag_figures_older_than_two_years(rules):
    import datetime as dt

    rows = [f for _, figs in figures_by_question(rules, dt.date(2026, 11, 22)) for f in figs]
    seed004 = [r for r in rows if r.source == "004_dd8f3e3f81ba1476.txt"]
    assert seed004 and all(r.stale for r in seed004)  # 2020
    current = next(r for r in rows if r.what == "Step 2 CK passing standard: 218, since 2025-07-01")
    assert not current.stale


def test_every_article_a_source_names_is_listed_with_a_title(rules):
    a = rules.articles.articles["003_f6eb00491488d23b.txt"]
    assert (a.title, a.publisher, str(a.date)) == (
        "Do I Need to Retake Step 2 CK If I Barely Passed? Pros and Cons",
        "Residency Advisor",
        "2026-01-06",
    )
    untitled = rules.articles.articles["002_9b0e957dba67c45e.txt"]
    assert untitled.title is None and untitled.untitled and untitled.publisher is None and untitled.date is None


def test_a_source_naming_an_unlisted_article(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "articles", lambda d: d["articles"].pop("001_eb142916186047fb.txt"))
    # Three blocks cite it: two rows of the readiness table and the four-week minimum.
    listed = "an article file listed in articles.yaml"
    assert found_problems(folder) == [
        Problem("retake.yaml", "readiness.rows[3].source", listed, "001_eb142916186047fb.txt"),
        Problem("retake.yaml", "readiness.rows[6].source", listed, "001_eb142916186047fb.txt"),
        Problem("study.yaml", "minimum_weeks.source", listed, "001_eb142916186047fb.txt"),
    ]


def test_an_article_correction_naming_an_unlisted_article(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "exams", lambda d: d["seed_corrections"][0].update(seed="005_0123456789abcdef.txt"))
    assert found_problems(folder) == [
        Problem("exams.yaml", "seed_corrections[0].seed", "an article file listed in articles.yaml", "005_0123456789abcdef.txt")
    ]


def test_an_untitled_article_needs_a_description(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "articles", lambda d: d["articles"]["002_9b0e957dba67c45e.txt"].pop("untitled"))
    assert found_problems(folder) == [
        Problem("articles.yaml", "articles.002_9b0e957dba67c45e.txt.untitled", "a description of the article when title is null", "nothing")
    ]


def test_an_article_key_that_is_not_a_file_name(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "articles", lambda d: d["articles"].update({"seed 5": d["articles"]["001_eb142916186047fb.txt"]}))
    [problem] = found_problems(folder)
    assert (problem.file, problem.field) == ("articles.yaml", "articles.seed 5.[key]")


# --- one broken thing at a time: the exact problem an editor sees -------------------------------


def test_a_missing_file(tmp_path):
    folder = copy_rules(tmp_path)
    (folder / "retake.yaml").unlink()
    assert found_problems(folder) == [Problem("retake.yaml", "(file)", "a file named retake.yaml in the rules folder", "no such file")]


def test_an_empty_file(tmp_path):
    folder = copy_rules(tmp_path)
    (folder / "study.yaml").write_text("# all figures deleted\n")
    assert found_problems(folder) == [Problem("study.yaml", "(top level)", "a mapping of fields", "an empty file")]


def test_a_yaml_syntax_error_names_the_line(tmp_path):
    folder = copy_rules(tmp_path)
    line = rewrite(folder, "study", "  min: 60\n", "  min: [60\n")
    # PyYAML notices the missing ']' on the next line, at the colon of 'max:'.
    assert found_problems(folder) == [Problem("study.yaml", f"line {line + 1}, column 6", "valid YAML", "expected ',' or ']', but got ':'")]


def test_a_wrong_type_inside_a_range(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "study", lambda d: d["scaffold"]["question_weeks"].__setitem__("max", "six"))
    assert found_problems(folder) == [
        Problem("study.yaml", "scaffold.question_weeks.max", "a valid integer, unable to parse string as an integer", "'six'")
    ]


def test_a_block_without_source(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "retake", lambda d: d["sit_or_delay"].pop("source"))
    assert found_problems(folder) == [Problem("retake.yaml", "sit_or_delay.source", "this field", "nothing")]


def test_an_old_field_name_is_an_unknown_key(tmp_path):
    folder = copy_rules(tmp_path)
    rewrite(folder, "study", "  question_weeks: {min: 4, max: 6}\n", "  question_weeks: {min: 4, max: 6}\n  question_weeks_min: 4\n")
    assert found_problems(folder) == [Problem("study.yaml", "scaffold.question_weeks_min", "no such field (check its spelling)", "4")]


def test_a_negative_week_count(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "study", lambda d: d["stop_rule"]["after_weeks"].__setitem__("min", -2))
    assert found_problems(folder) == [Problem("study.yaml", "stop_rule.after_weeks.min", "at least 0", "-2")]


def test_score_scale_upside_down(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "exams", lambda d: d["score_scale"].update(min=300, max=1))
    assert found_problems(folder) == [Problem("exams.yaml", "score_scale.max", "more than min (300)", "1")]


def test_questions_per_day_upside_down_and_negative(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "study", lambda d: d["questions_per_day"].update(min=120, max=-60))
    assert found_problems(folder) == [Problem("study.yaml", "questions_per_day.max", "at least 1", "-60")]


def test_questions_per_day_min_above_max(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "study", lambda d: d["questions_per_day"].update(min=120, max=60))
    assert found_problems(folder) == [Problem("study.yaml", "questions_per_day.max", "at least min (120)", "60")]


def test_a_delay_of_500_weeks(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "retake", lambda d: d["sit_or_delay"]["delay_weeks"].update(max=500))
    assert found_problems(folder) == [Problem("retake.yaml", "sit_or_delay.delay_weeks.max", "at most 52", "500")]


def test_a_key_written_twice(tmp_path):
    folder = copy_rules(tmp_path)
    first = rewrite(folder, "retake", "  delay_weeks: {min: 2, max: 4}\n", "  delay_weeks: {min: 2, max: 4}\n")
    again = (
        rewrite(folder, "retake", "  delay_weeks: {min: 2, max: 4}\n", "  delay_weeks: {min: 2, max: 4}\n  delay_weeks: {min: 3, max: 4}\n")
        + 1
    )
    assert found_problems(folder) == [
        Problem("retake.yaml", f"line {again}, column 3", "each key once", f"delay_weeks a second time (first on line {first})")
    ]


def test_a_key_written_twice_in_a_flow_mapping(tmp_path):
    folder = copy_rules(tmp_path)
    line = rewrite(folder, "study", "question_weeks: {min: 4, max: 6}", "question_weeks: {min: 4, max: 6, min: 5}")
    (p,) = found_problems(folder)
    assert (p.file, p.field.split(",")[0], p.expected, p.found) == (
        "study.yaml",
        f"line {line}",
        "each key once",
        f"min a second time (first on line {line})",
    )


def test_a_merge_key_is_not_a_repeat(tmp_path):
    from stepwise.rules import _read_yaml

    path = tmp_path / "x.yaml"
    path.write_text("base: &b {min: 1, max: 2}\nother:\n  <<: *b\n  max: 3\n")
    assert _read_yaml(path) == ({"base": {"min": 1, "max": 2}, "other": {"min": 1, "max": 3}}, [])


# --- every problem of every file at once -----------------------------------------------------


def test_two_broken_files_show_both_problems(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "retake", lambda d: d["sit_or_delay"]["delay_weeks"].update(max=500))
    edit(folder, "study", lambda d: d["scaffold"]["question_weeks"].update(min=8))
    assert found_problems(folder) == [
        Problem("retake.yaml", "sit_or_delay.delay_weeks.max", "at most 52", "500"),
        Problem("study.yaml", "scaffold.question_weeks.max", "at least min (8)", "6"),
    ]


def test_a_schema_problem_does_not_hide_a_problem_across_files(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "study", lambda d: d["gain_per_week"].__setitem__("typical", "fast-ish"))
    edit(folder, "targets", lambda d: d["tiers"].pop())  # community_primary_care, used by family medicine and psychiatry
    found = found_problems(folder)
    assert found[0] == Problem("study.yaml", "gain_per_week.typical", "a valid number, unable to parse string as a number", "'fast-ish'")
    tiers = "highly_competitive, moderately_competitive, primary_care"
    assert found[1:] and all(
        (p.file, p.expected, p.found) == ("specialties.yaml", f"a tier listed in targets.yaml ({tiers})", "community_primary_care")
        for p in found[1:]
    )


def test_a_schema_problem_does_not_hide_a_rule_problem_in_the_same_file(tmp_path):
    folder = copy_rules(tmp_path)
    edit(folder, "study", lambda d: d["gain_per_week"].__setitem__("typical", "fast-ish"))
    edit(folder, "study", lambda d: d["assessment_every_weeks"].__setitem__("planned", 5))
    assert [(p.field, p.found) for p in found_problems(folder)] == [
        ("gain_per_week.typical", "'fast-ish'"),
        ("assessment_every_weeks.planned", "5"),
    ]


# --- rules between fields --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "change", "expected"),
    [
        (
            "study",
            lambda d: d["gain_per_week"].update(slow=2),
            Problem("study.yaml", "gain_per_week", "slow <= typical <= fast", "2 / 1.73 / 3.5"),
        ),
        (
            "study",
            lambda d: d["assessment_every_weeks"].update(planned=5),
            Problem("study.yaml", "assessment_every_weeks.planned", "1 to 3", "5"),
        ),
        (
            "specialties",
            lambda d: d["specialties"][0]["matched"].update(q1=260),
            Problem("specialties.yaml", "specialties[0].matched", "q1 <= median <= q3", "260 / 255 / 263"),
        ),
        (
            "specialties",
            lambda d: d["specialties"][1].update(slug="anesthesiology"),
            Problem("specialties.yaml", "specialties[1].slug", "a slug used once", "anesthesiology"),
        ),
        (
            "practice_tests",
            lambda d: d["forms"][1].update(key="nbme9"),
            Problem("practice_tests.yaml", "forms[1].key", "a key used once", "nbme9"),
        ),
        (
            "practice_tests",
            lambda d: d["free120_bands"]["rows"][2]["percent"].update(min=70),
            Problem("practice_tests.yaml", "free120_bands.rows[2].percent.min", "more than 74 (bands in increasing order)", "70"),
        ),
        (
            "practice_tests",
            lambda d: d["forms"][0]["scores"].update(min=300),
            Problem("practice_tests.yaml", "forms[0].scores.max", "more than min (300)", "300"),
        ),
        (
            "practice_tests",
            lambda d: d["forms"][0]["scores"].update(max=400),
            Problem("practice_tests.yaml", "forms[0].scores.max", "a score within the score scale 1–300 (exams.yaml)", "400"),
        ),
        (
            "practice_tests",
            lambda d: d["gain_by_level"]["rows"][1].update(below=None),
            Problem("practice_tests.yaml", "gain_by_level.rows[1].below", "a number (only the last row may be open)", "null"),
        ),
        (
            "targets",
            lambda d: d["realism"][2].update(max_gap=5),
            Problem("targets.yaml", "realism", "bands in increasing max_gap", "0, 10, 5, 999"),
        ),
        (
            "targets",
            lambda d: d["tiers"][0].update(target=320),
            Problem("targets.yaml", "tiers[0].target", "a score within the score scale 1–300 (exams.yaml)", "320"),
        ),
        (
            "retake",
            lambda d: d["outcome_reading"]["rows"][3]["delta"].update(min=3),
            Problem("retake.yaml", "outcome_reading.rows[3].delta.min", "more than 4 (rows in increasing delta, no overlap)", "3"),
        ),
        (
            "exams",
            lambda d: d["input_limits"].update(latest_date="1999-01-01"),
            Problem("exams.yaml", "input_limits.latest_date", "a date after earliest_date 2000-01-01", "1999-01-01"),
        ),
        (
            "exams",
            lambda d: d["steps"]["step2ck"]["percentiles"]["table"].__setitem__(250, 120),
            Problem("exams.yaml", "steps.step2ck.percentiles.table[250]", "at most 100", "120"),
        ),
        (
            "exams",
            lambda d: d["attempt_policy"]["limit_history"][0].update(end=None),
            Problem("exams.yaml", "attempt_policy.limit_history[0].end", "a date (only the last period may be open)", "null"),
        ),
    ],
    ids=lambda v: v.field if isinstance(v, Problem) else None,
)
def test_a_rule_between_fields(tmp_path, stem, change, expected):
    folder = copy_rules(tmp_path)
    edit(folder, stem, change)
    assert expected in found_problems(folder)
