"""``ApprenanceError.text(lang)``: the message the two top-level handlers show, in the
reader's language when the error kept its phrases (a catalog's problems, a verifier's
reason), else its message as raised."""

from __future__ import annotations

import pytest

from apprenance.catalog.problems import Problem, raise_if_errors
from apprenance.errors import CatalogError, NotFound, ResolutionError

SUM = Problem("pillar-sum", file="m.yaml", line=8, key="activities.x.pillars",
              params={"total": 0.9})
LATER = Problem("pillar-sum", file="m.yaml", line=3, key="activities.y.pillars",
                params={"total": 0.5}, severity="warning")


def test_a_catalog_error_is_told_in_each_language_whatever_it_was_raised_in() -> None:
    with pytest.raises(CatalogError) as raised:
        raise_if_errors([SUM, LATER], lang="en")
    exc = raised.value
    assert exc.message == ("The catalog is not valid (1 error(s)):\nm.yaml:8: "
                           "activities.x.pillars: pillar weights sum to 0.9, not 1 (within 0.001)")
    assert exc.text("en") == exc.message
    assert exc.text("fr") == ("Le catalogue n'est pas valide (1 erreur(s))\u00a0:\nm.yaml:8: "
                              "activities.x.pillars: les poids des piliers font 0.9 au lieu "
                              "de 1 (à 0,001 près)")
    assert exc.details == [SUM.text("en")]  # the warning is not an error


def test_an_import_error_keeps_its_header_in_any_language() -> None:
    with pytest.raises(CatalogError) as raised:
        raise_if_errors([SUM], lang="fr", header="catalog.import.invalid")
    assert raised.value.text("en").startswith("Nothing imported (1 error(s)):\nm.yaml:8:")
    assert raised.value.text("fr").startswith(
        "Rien n'a été importé (1 erreur(s))\u00a0:\nm.yaml:8:")


def test_an_error_without_phrases_says_its_message() -> None:
    assert CatalogError("badge validity 'x' is not a period").text("fr") == (
        "badge validity 'x' is not a period")
    assert NotFound("no request 3").text("fr") == "no request 3"
    did = ResolutionError("verify.did.not_key", did="did:key:zz")
    assert did.text("en") == did.message and did.text("fr") != did.message
