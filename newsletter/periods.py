"""The newsletter's four-month periods: January-April, May-August, September-December."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

MONTHS = [
    _("januari"),
    _("februari"),
    _("maart"),
    _("april"),
    _("mei"),
    _("juni"),
    _("juli"),
    _("augustus"),
    _("september"),
    _("oktober"),
    _("november"),
    _("december"),
]


@dataclass(frozen=True, order=True)
class Period:
    year: int
    number: int  # 1, 2 or 3 within the year

    @classmethod
    def of(cls, day: date) -> "Period":
        return cls(year=day.year, number=(day.month - 1) // 4 + 1)

    @property
    def first_month(self) -> int:
        return (self.number - 1) * 4 + 1

    @property
    def slug(self) -> str:
        """The issue's URL segment, e.g. "2026-3" for September-December 2026."""
        return f"{self.year}-{self.number}"

    @property
    def label(self) -> str:
        """E.g. "september - december 2026"."""
        first = MONTHS[self.first_month - 1]
        last = MONTHS[self.first_month + 2]
        return f"{first} - {last} {self.year}"
