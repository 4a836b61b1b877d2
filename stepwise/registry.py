"""The app's pages in menu order: the one list app.py, the page tests, the browser tests and the
benchmarks read.

Pure data, no Streamlit import. A page's ``url_path`` is part of the URL contract (docs/url-contract.md:
``/``, ``/retake``, ``/targets`` …): links already sent must keep working, so it never changes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    file: str  # relative to app.py
    title: str  # in the page menu
    icon: str
    url_path: str  # "" is the start page, served at /
    words: str  # the page named in a sentence: "the Retake page"

    @property
    def is_start(self) -> bool:
        return self.url_path == ""

    @property
    def name(self) -> str:
        """A short name for tables and test ids."""
        return self.url_path or "start"


# The one place a page's file is named: links, examples and menus take these entries.
START = PageEntry("app_pages/start.py", "Start", ":material/explore:", "", "the Start page")
RETAKE = PageEntry("app_pages/retake.py", "Retake?", ":material/replay:", "retake", "the Retake page")
TARGETS = PageEntry("app_pages/targets.py", "Targets", ":material/target:", "targets", "the Targets page")
STUDY = PageEntry("app_pages/study.py", "Study plan", ":material/calendar_month:", "study", "the Study plan page")
PROJECTION = PageEntry("app_pages/projection.py", "Projection", ":material/trending_up:", "projection", "the Projection page")
SUMMARY = PageEntry("app_pages/summary.py", "Summary", ":material/summarize:", "summary", "the Summary page")
SOURCES = PageEntry("app_pages/sources.py", "Sources", ":material/menu_book:", "sources", "the Sources page")

PAGES: tuple[PageEntry, ...] = (START, RETAKE, TARGETS, STUDY, PROJECTION, SUMMARY, SOURCES)
