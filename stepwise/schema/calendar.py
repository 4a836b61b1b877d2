"""``rules/calendar.yaml``."""

from __future__ import annotations

import datetime as dt
from typing import Self

from pydantic import Field, model_validator

from stepwise.schema.base import Sourced, _Model, _report, _used_once


class Season(Sourced):
    season: int = Field(ge=2000, le=2100)
    programs_read: dt.date


class SeasonEstimate(Sourced):
    month: int = Field(ge=1, le=12)
    days_before_last_saturday: int = Field(ge=0, le=6)
    text: str


class Calendar(_Model):
    seasons: list[Season] = Field(min_length=1)
    estimate: SeasonEstimate
    season_start_month: int = Field(ge=1, le=12)

    @model_validator(mode="after")
    def check_seasons(self) -> Self:
        _report(_used_once("seasons", [str(s.season) for s in self.seasons], "season"))
        return self
