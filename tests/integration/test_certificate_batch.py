"""Batches of certificates: the same files from one process or several, skipped learners
reported, file names safe and distinct."""

from __future__ import annotations

from pathlib import Path

from apprenance.clock import fixed_clock
from apprenance.services.certificates.batch import file_names, write_batch
from apprenance.services.certificates.gather import CertificateOptions, batch_learners
from builders import add_activity
from certificate_fixtures import CAMILLE, ISSUED, PUBLIC, tiny_world


def test_workers_write_the_same_files_as_one_process(tmp_path: Path) -> None:
    store, catalog = tiny_world(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    for i in range(5):
        add_activity(store, catalog, participant=f"learner{i}@example.org",
                     day=ISSUED.date(), hours=1.5 + i, project="p1")
    participants = batch_learners(store, catalog)
    options = CertificateOptions(lang="fr", public_url=PUBLIC)
    seen: list[str] = []
    one = write_batch(store, catalog, participants, tmp_path / "one", options=options,
                      clock=fixed_clock(ISSUED), workers=1, progress=seen.append)
    two = write_batch(store, catalog, participants, tmp_path / "two", options=options,
                      clock=fixed_clock(ISSUED), workers=2)
    assert (one.workers, two.workers) == (1, 2)
    assert seen == participants
    assert [w["learner"] for w in two.written] == participants == \
        [w["learner"] for w in one.written]
    for written in one.written:
        name = Path(written["file"]).name
        assert (tmp_path / "two" / name).read_bytes() == Path(written["file"]).read_bytes()
    assert not list((tmp_path / "two").glob(".*.part"))


def test_learners_without_the_pathway_are_skipped_and_reported(tmp_path: Path,
                                                              db_url: str) -> None:
    store, catalog = tiny_world(db_url, with_credential=False)
    add_activity(store, catalog, participant="other@example.org", day=ISSUED.date(), hours=2)
    report = write_batch(store, catalog, ["other@example.org", CAMILLE], tmp_path / "out",
                         pathway="parcours", clock=fixed_clock(ISSUED), workers=2)
    assert [w["learner"] for w in report.written] == [CAMILLE]
    assert report.skipped == [{"learner": "other@example.org",
                               "reason": "other@example.org has not completed the pathway "
                                         "'parcours'"}]
    assert report.to_dict()["workers"] == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["camille_example.org.pdf"]
    assert batch_learners(store, catalog) == [CAMILLE, "other@example.org"]  # store still works


def test_file_names_are_safe_and_distinct() -> None:
    names = file_names(["a@b.org", "a_b.org", "A@B.org", "../x", "...", "é@ü.fr"])
    assert names["a@b.org"] == "a_b.org.pdf"
    assert names["..."] == "learner.pdf"
    assert len({n.lower() for n in names.values()}) == 6
    assert all("/" not in n and not n.startswith(".") for n in names.values())
