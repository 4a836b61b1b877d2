"""The files: each rules file and the model that reads it."""

from __future__ import annotations

from stepwise.schema.articles import Articles
from stepwise.schema.base import _Model
from stepwise.schema.calendar import Calendar
from stepwise.schema.exams import Exams
from stepwise.schema.practice_tests import PracticeTests
from stepwise.schema.retake import Retake
from stepwise.schema.specialties import Specialties
from stepwise.schema.study import Study
from stepwise.schema.targets import Targets

RULE_MODELS: dict[str, type[_Model]] = {
    "exams": Exams,
    "specialties": Specialties,
    "targets": Targets,
    "retake": Retake,
    "study": Study,
    "practice_tests": PracticeTests,
    "calendar": Calendar,
    "articles": Articles,
}
