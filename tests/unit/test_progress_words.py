"""Progress toward a badge in plain words: badge names, witness roles and dates in the
reader's language, never ids or raw words."""

from __future__ import annotations

from datetime import date

from apprenance.domain.catalog import Filters, Measure
from apprenance.services.evidence.progress import describe
from builders import tiny_catalog

NBSP = "\u00a0"


def test_badges_are_named_not_listed_by_id() -> None:
    m = Measure("badges", 2, ids=("faire-1", "duo"))
    assert describe(m, 1, tiny_catalog(), "fr") == "1 badge sur 2 parmi Faire 1, Duo"
    assert describe(m, 1, tiny_catalog(), "en") == "1 badge of 2 among Doing 1, Duo"


def test_a_witness_role_is_said_in_words() -> None:
    m = Measure("attestations", 2, role="habitant")
    fr = describe(m, 4, tiny_catalog(), "fr")
    en = describe(m, 4, tiny_catalog(), "en")
    assert fr == f"4 activités attestées sur 2 (témoins{NBSP}: habitant·e-entrepreneur·e)"
    assert en == "4 attested activities of 2 (witnesses: resident-entrepreneur)"
    assert "  " not in describe(Measure("attestations", 1), 0, tiny_catalog(), "fr")


def test_dates_are_written_the_reader_s_way() -> None:
    m = Measure("hours", 10, Filters(since=date(2026, 3, 1), until=date(2026, 6, 30)))
    fr = describe(m, 2, tiny_catalog(), "fr")
    en = describe(m, 2, tiny_catalog(), "en")
    assert f"depuis le 1er{NBSP}mars 2026" in fr and f"jusqu'au 30{NBSP}juin 2026" in fr, fr
    assert f"since 1{NBSP}March 2026" in en and "2026-03-01" not in en, en
