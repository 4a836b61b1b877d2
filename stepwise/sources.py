"""Where every figure comes from, in words a user can follow.

:func:`cite` turns a ``source`` string from ``rules/`` into a citation: an article file name
becomes its title, publisher and date (``articles.yaml``); a web address stays, named by the
organisation behind it; a repository path a figure was transcribed through is dropped; a choice
StepWise made reads as "StepWise's own choice: …". ``stepwise.figures`` is the sources
page: every block of figures with a plain description, its citation, its date and whether it is
older than ``exams.yaml: display.stale_after_days``, grouped by the question it answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from stepwise.rules import DEFAULT_RULES_DIR, Rules
from stepwise.schema import ARTICLE_FILE, Article

# --- citations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    site: str  # the organisation behind the address, or the address's host
    host: str
    url: str


@dataclass(frozen=True)
class Citation:
    """One source, in words, with the web addresses it names."""

    words: str
    links: tuple[Link, ...] = ()

    def names(self, link: Link) -> bool:
        """Whether the words already name the link's organisation (then the link is shown bare)."""
        return link.site.lower() in self.words.lower()

    def text(self) -> str:
        if not self.links:
            return self.words
        shown = "; ".join(link.url if self.names(link) else f"{link.site}: {link.url}" for link in self.links)
        return f"{self.words} ({shown})" if self.words else shown


_URL = re.compile(r"https?://[^\s<>\"()]+")
_ARTICLE = re.compile(rf"({ARTICLE_FILE})(\s*\(([^()]*)\))?")
# A repository a figure was transcribed through ("via jiankn/nbmecalc lib/usmle-norms.ts"), or a
# repository path on its own: users cannot follow either.
_VIA = re.compile(r",?\s*\bvia\s+[\w.-]+/[\w.-]+(?:\s+[\w.-]+(?:/[\w.-]+)+)?")
_REPO_PATH = re.compile(r"\b[\w.-]+/[\w.-]+\s+[\w.-]+(?:/[\w.-]+)+")
_SERVER_PATH = re.compile(r"(?<![\w:/])/(?:[\w.-]+/)+[\w.-]*")
_FILE_PATH = re.compile(r"\b(?:[\w.-]+/)+[\w-]+\.(?:ya?ml|ts|js|py|md|txt|json|csv)\b")
_EDITORIAL = re.compile(r"^StepWise(?:'s)?(?:\s+(?:editorial|own choice))?\s*[:,]?\s*")
_OWN_CHOICE = "StepWise's own choice"


def site_name(rules: Rules, url: str) -> tuple[str, str]:
    """The organisation behind a web address (``articles.yaml: sites``), and its host."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    names = rules.articles.sites.names
    parts = host.split(".")
    for i in range(len(parts) - 1):  # the longest listed suffix: students-residents.aamc.org, then aamc.org
        name = names.get(".".join(parts[i:]))
        if name:
            return name, host
    return host, host


def article_citation(article: Article | None) -> str:
    """``"Title", Publisher, date``; an untitled article by what it is, saying what is not given."""
    if article is None:
        return "an article not listed in the rules"
    if article.title:
        name = f'"{article.title}"' + (f' ("{article.also_titled}")' if article.also_titled else "")
    else:
        name = article.untitled or "an untitled article"
    known = [x for x in (article.publisher, article.date.isoformat() if article.date else None) if x]
    missing = [what for what, x in (("publisher", article.publisher), ("date", article.date)) if not x]
    text = ", ".join([name, *known])
    if missing:
        text += f" ({' and '.join(missing)} not given)"
    return text


def _tidy(text: str) -> str:
    text = re.sub(r"\(\s*[,;:]?\s*\)", "", text)  # brackets emptied by a dropped address or path
    text = re.sub(r"\(\s*[,;:]\s*", "(", text)
    text = re.sub(r"\s*[,;:]\s*\)", ")", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:")
    if text.startswith("(") and text.endswith(")") and "(" not in text[1:-1]:
        text = text[1:-1]  # a note that followed an address, now on its own
    return text


def _cite_part(rules: Rules, part: str) -> Citation:
    urls = [u.rstrip(".,;:") for u in _URL.findall(part)]
    text = _URL.sub(" ", part)
    text = _VIA.sub("", text)
    text = _REPO_PATH.sub("", text)
    text = _SERVER_PATH.sub("", text)
    text = _FILE_PATH.sub("", text)

    def article(m: re.Match[str]) -> str:
        cited = article_citation(rules.articles.articles.get(m.group(1)))
        note = m.group(3)
        if not note:
            return cited
        return f"{cited[:-1]}; {note})" if cited.endswith(")") else f"{cited} ({note})"

    text = _ARTICLE.sub(article, text)
    text = _tidy(text)
    if _EDITORIAL.match(text):
        rest = _EDITORIAL.sub("", text)
        text = f"{_OWN_CHOICE}: {rest}" if rest else _OWN_CHOICE
    links = tuple(Link(*site_name(rules, u), u) for u in urls)
    return Citation(text, links)


def cite_parts(rules: Rules, source: str) -> tuple[Citation, ...]:
    """A ``source`` from the rules as citations, one per source it names (``a ; b``)."""
    parts = [p.strip() for p in re.split(r"\s+;\s+", source) if p.strip()]
    cited = [_cite_part(rules, p) for p in parts]
    return tuple(c for c in cited if c.words or c.links)


def cite(rules: Rules, source: str) -> str:
    """A ``source`` from ``rules/`` in words for users.

    an article's file name (a key in ``rules/articles.yaml``) -> ``"Its title", Publisher, date``;
    ``"https://www.usmle.org/common-questions?category=Scores"`` -> ``USMLE: https://www.usmle.org/…``;
    ``"… (via jiankn/nbmecalc lib/usmle-norms.ts)"`` loses the repository;
    ``"StepWise: …"`` -> ``StepWise's own choice: …``.
    """
    return "; ".join(c.text() for c in cite_parts(rules, source))


def custom_rules(rules: Rules) -> bool:
    """Whether the rules come from a school's own folder (``STEPWISE_RULES_DIR``), not StepWise's.

    Pages say "a custom rules folder", never its path: that says where things live on the server.
    """
    try:
        return Path(rules.folder).resolve() != DEFAULT_RULES_DIR.resolve()
    except OSError:
        return True


# --- the words for a few numbers ---------------------------------------------------------------

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_words(n: int) -> str:
    return _SMALL[n] if 0 <= n < len(_SMALL) else str(n)


def age_words(days: int) -> str:
    """730 -> 'two years'; 90 -> '90 days'."""
    if days % 365 == 0:
        years = days // 365
        return f"{number_words(years)} year{'s' if years != 1 else ''}"
    return f"{days} days"


def n_words(x: float) -> str:
    return f"{x:g}"


def range_words(lo: float, hi: float) -> str:
    return n_words(lo) if lo == hi else f"{n_words(lo)}–{n_words(hi)}"
