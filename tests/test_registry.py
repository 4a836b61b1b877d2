"""The page registry: one entry per page file, the URL contract's paths, one start page."""

from __future__ import annotations

from pathlib import Path

from stepwise.registry import PAGES

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_file_exists_and_is_listed_once():
    files = [p.file for p in PAGES]
    assert len(set(files)) == len(files)
    assert all((ROOT / f).is_file() for f in files)
    on_disk = {f"app_pages/{f.name}" for f in (ROOT / "app_pages").glob("*.py") if f.name != "common.py"}
    assert on_disk == set(files)


def test_url_paths_are_the_url_contract():
    # design.md: /, /retake, /targets, /study, /projection, /summary, /sources. Links depend on them.
    assert [p.url_path for p in PAGES] == ["", "retake", "targets", "study", "projection", "summary", "sources"]
    assert [p.is_start for p in PAGES].count(True) == 1
