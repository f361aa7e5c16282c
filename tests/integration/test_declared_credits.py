"""A declared badge never counts toward ECTS (issue 18), on SQLite and PostgreSQL: the
learner's certificate states the same hours, credits and pathway after a declared badge as
before it, and lists the badge as declared; the command line refuses a catalog whose pathway
would count one, naming file, line and field."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from apprenance.services.certificates.gather import CertificateOptions, gather_certificate
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.recognition import requests as asks
from conftest import REPO, CliResult
from web_world import LEA, World, build_world

DATA = REPO / "tests" / "data" / "catalog"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> World:
    return build_world(tmp_path, db_url=db_url)


def test_a_declared_award_leaves_the_certificates_credits_as_they_were(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    base = world.app.catalog()
    template = next(b for b in base.badges.values() if b.kind == "badge")
    declared = dataclasses.replace(template, id="engagement-declare", kind="declared",
                                   credits={})
    catalog = dataclasses.replace(base, badges={**base.badges, declared.id: declared})
    monkeypatch.setattr(world.app, "catalog", lambda: catalog)
    options = CertificateOptions(public_url="http://testserver")
    before = gather_certificate(world.app.store, catalog, LEA, options=options,
                                clock=world.app.clock)
    _, issued = asks.declare(world.app.store, catalog, world.app.keys, LEA,
                             badge=declared.id, reason="Je tiens la buvette du village.",
                             evidence=asks.Evidence(), urls=world.app.urls,
                             clock=world.app.clock)
    assert issued.credential_id
    evaluate(world.app.store, catalog, clock=world.app.clock, everyone=True)
    after = gather_certificate(world.app.store, catalog, LEA, options=options,
                               clock=world.app.clock)
    assert (after.total_hours, after.ects, after.pathway, after.pathway_ects) == (
        before.total_hours, before.ects, before.pathway, before.pathway_ects)
    [line] = [b for b in after.badges if b.id == declared.id]
    assert line.kind == "declared"


PATHWAY = ("id: parcours-engage\nkind: pathway\nachievement_type: LearningProgram\n"
           "name: {fr: Parcours, en: Pathway}\ndescription: {fr: Un parcours., en: A pathway.}\n"
           "criteria: {fr: Un badge., en: One badge.}\ncredits: {ects: 5}\n"
           "rule: {measure: badges, ids: [engagement], min: 1}\n")
DECLARED = ("id: engagement\nkind: declared\nname: {fr: Engagement, en: Commitment}\n"
            "description: {fr: Un engagement., en: A commitment.}\n"
            "criteria: {fr: Sur déclaration., en: On declaration.}\n")


def test_the_command_line_refuses_a_pathway_counting_a_declared_badge(
        tmp_path: Path, cli: object, home: Path) -> None:
    root = tmp_path / "catalog"
    for kind in ("frameworks", "mappings", "badges"):
        shutil.copytree(DATA / kind, root / kind)
    (root / "badges" / "engagement.yaml").write_text(DECLARED, encoding="utf-8")
    (root / "badges" / "parcours.yaml").write_text(PATHWAY, encoding="utf-8")
    assert callable(cli)
    result: CliResult = cli("--home", home, "--catalog", root, "--lang", "fr",
                            "frameworks", "list")
    assert result.code == 2
    # the catalog's load error is written in the language asked for (--lang fr)
    assert (f"{root / 'badges' / 'parcours.yaml'}:8: rule: le badge engagement est déclaré"
            in result.err)
    assert "Le catalogue n'est pas valide (1 erreur(s))" in result.err
    assert "Traceback" not in result.err
    (root / "badges" / "parcours.yaml").unlink()
    assert cli("--home", home, "--catalog", root, "frameworks", "list").code == 0
