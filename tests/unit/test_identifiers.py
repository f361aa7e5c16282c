"""One person, one identifier: look-alike writings of an address (full-width letters, a
decomposed accent, upper case, a trailing dot) are one form; an address mixing Latin with
Cyrillic or Greek letters is refused with its reason (through the importers, the territory
file and the API: tests/integration/test_identifiers_stored.py)."""

from __future__ import annotations

import pytest

from apprenance.domain.identifiers import LookAlike, normalise_identifier, scripts_of

LEA = "lea@example.org"
CYRILLIC_LEA = "l\u0435a@example.org"  # a Cyrillic е

@pytest.mark.parametrize(("written", "stored"), [
    ("lea@example.org", LEA),
    ("\uff4c\uff45\uff41@\uff45xample.org", LEA),  # full-width letters
    ("Lea@EXAMPLE.ORG", LEA),
    ("lea@example.org.", LEA),
    ("  LEA@Example.Org.  ", LEA),
    ("le\u0301a@example.org", "l\u00e9a@example.org"),  # e + combining acute -> é
    ("\u043b\u0435\u0430@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
     "\u043b\u0435\u0430@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444"),  # all Cyrillic
    ("lea@example.\u0440\u0444", "lea@example.\u0440\u0444"),  # one script per label
    ("tom", "tom"),
    ("mailto:Lea@example.org", "mailto:lea@example.org"),  # kept, as before
])
def test_the_one_written_form(written: str, stored: str) -> None:
    assert normalise_identifier(written) == stored


@pytest.mark.parametrize(("written", "part", "scripts"), [
    (CYRILLIC_LEA, "l\u0435a", ("Latin", "Cyrillic")),
    ("lea@\u0435xample.org", "\u0435xample", ("Cyrillic", "Latin")),
    ("\u03bflga@example.org", "\u03bflga", ("Greek", "Latin")),  # a Greek omicron
    ("max\u0430", "max\u0430", ("Latin", "Cyrillic")),
])
def test_mixed_scripts_are_refused(written: str, part: str, scripts: tuple[str, ...]) -> None:
    with pytest.raises(LookAlike) as caught:
        normalise_identifier(written)
    assert (caught.value.part, caught.value.scripts) == (part, scripts)
    assert scripts_of("café-12") == ("Latin",)
