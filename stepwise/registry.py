"""The app's pages in menu order: the one list app.py, the page tests, the browser tests and the
benchmarks read.

Pure data, no Streamlit import. A page's ``url_path`` is part of the URL contract (design.md:
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

    @property
    def is_start(self) -> bool:
        return self.url_path == ""

    @property
    def name(self) -> str:
        """A short name for tables and test ids."""
        return self.url_path or "start"


PAGES: tuple[PageEntry, ...] = (
    PageEntry("app_pages/start.py", "Start", ":material/explore:", ""),
    PageEntry("app_pages/retake.py", "Retake?", ":material/replay:", "retake"),
    PageEntry("app_pages/targets.py", "Targets", ":material/target:", "targets"),
    PageEntry("app_pages/study.py", "Study plan", ":material/calendar_month:", "study"),
    PageEntry("app_pages/projection.py", "Projection", ":material/trending_up:", "projection"),
    PageEntry("app_pages/summary.py", "Summary", ":material/summarize:", "summary"),
    PageEntry("app_pages/sources.py", "Sources", ":material/menu_book:", "sources"),
)
