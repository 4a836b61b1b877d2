"""``rules/articles.yaml``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from stepwise.schema.base import Fault, Sourced, _Model, _report

ARTICLE_FILE = r"\d{3}_[0-9a-f]{16}\.txt"  # how an article's file name looks in a `source`
ArticleKey = Annotated[str, StringConstraints(pattern=rf"^{ARTICLE_FILE}$")]


class Article(Sourced):
    """One article the decision rules come from, as users see it cited; its key is its file name."""

    title: str | None
    also_titled: str | None = None  # a second title the article gives itself
    untitled: str | None = None  # what to call it when it has no title
    publisher: str | None
    date: dt.date | None

    @model_validator(mode="after")
    def check_name(self) -> Self:
        if not (self.title or self.untitled):
            _report([Fault("untitled", "a description of the article when title is null", "nothing")])
        return self


class Sites(Sourced):
    """The organisation behind each website a source links to (``usmle.org: USMLE``)."""

    names: dict[str, Annotated[str, Field(min_length=1)]]


class Articles(_Model):
    articles: dict[ArticleKey, Article] = Field(min_length=1)
    sites: Sites
