"""Dates for people, the same on pages, certificates and the command line:
« 1er mars 2025 » / “1 March 2025”, and the short form of tables (15/09/2026 / 15 Sep 2026)."""

from __future__ import annotations

from datetime import date

NBSP = "\u00a0"
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def date_text(day: date, lang: str) -> str:
    """1er mars 2025, 2 mars 2025 / 1 March 2025."""
    if lang == "fr":
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first}{NBSP}{MONTHS_FR[day.month - 1]} {day.year}"
    return f"{day.day}{NBSP}{MONTHS_EN[day.month - 1]} {day.year}"


def short_date(day: date, lang: str) -> str:
    """15/09/2026 / 15 Sep 2026, for tables."""
    if lang == "fr":
        return day.strftime("%d/%m/%Y")
    return f"{day.day}{NBSP}{MONTHS_EN[day.month - 1][:3]} {day.year}"
