"""Evidence accumulation and evaluation against a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from apprenance.clock import fixed_clock
from apprenance.db.store import Store
from apprenance.services.evaluation.evaluate import evaluate, list_awards
from apprenance.services.evidence.progress import evidence_for, explain_activity, progress_for
from builders import add_activity, tiny_catalog
from conftest import FIXED_NOW


def _store(db_url: str) -> Store:
    store = Store.open(db_url)
    store.init()
    return store


def test_awards_are_recorded_once_with_their_activities(db_store: Store) -> None:
    store, cat = db_store, tiny_catalog()
    a1 = add_activity(store, cat, participant="ana@x.org", day=date(2025, 3, 1), hours=10,
                      witness="marie@x.org", witness_role="habitant")
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 3, 2), hours=2,
                 kind="journal")
    report = evaluate(store, cat, clock=fixed_clock(FIXED_NOW))
    assert [(a.learner, a.badge) for a in report.awards] == [
        ("ana@x.org", "faire-1"), ("ana@x.org", "alim")]
    assert report.awards[0].activity_ids == [a1]
    again = evaluate(store, cat, clock=fixed_clock(FIXED_NOW), everyone=True)
    assert again.awards == []
    assert [a["badge"] for a in list_awards(store)] == ["faire-1", "alim"]


def test_only_learners_with_new_evidence_are_evaluated(db_store: Store) -> None:
    store, cat = db_store, tiny_catalog()
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 3, 1), hours=1)
    add_activity(store, cat, participant="bob@x.org", day=date(2025, 3, 1), hours=1)
    assert evaluate(store, cat, clock=fixed_clock(FIXED_NOW)).evaluated == 2
    assert evaluate(store, cat, clock=fixed_clock(FIXED_NOW)).evaluated == 0
    add_activity(store, cat, participant="bob@x.org", day=date(2025, 3, 5), hours=1)
    assert evaluate(store, cat, clock=fixed_clock(FIXED_NOW)).evaluated == 1


def test_pathway_comes_after_the_badges_it_needs_in_one_pass(db_store: Store) -> None:
    store, cat = db_store, tiny_catalog()
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 3, 1), hours=10,
                 project="p1", witness="m@x.org", witness_role="habitant")
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 5, 1), hours=1,
                 project="p2")
    badges = [a.badge for a in evaluate(store, cat, clock=fixed_clock(FIXED_NOW)).awards]
    assert badges == ["faire-1", "duo", "alim", "parcours"]


def test_unmapped_activity_counts_once_the_mapping_knows_it(db_store: Store) -> None:
    store = db_store
    old = tiny_catalog("v1", with_journal=False)
    add_activity(store, old, participant="ana@x.org", day=date(2025, 3, 1), hours=4,
                 kind="journal")
    assert evidence_for(store, old, "ana@x.org")["hours"] == 0
    new = tiny_catalog("v2", with_journal=True)
    ev = evidence_for(store, new, "ana@x.org")
    assert ev["hours"] == 4
    assert ev["pillar"]["etre"] == {"hours": 4.0, "count": 1}


def test_progress_says_what_is_missing_in_plain_words(db_store: Store) -> None:
    store, cat = db_store, tiny_catalog()
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 3, 1), hours=2.5)
    fr = {b["badge"]: b for b in progress_for(store, cat, "ana@x.org", "fr")["badges"]}
    assert fr["faire-1"]["summary"] == "1,5 h sur 5 h en apprendre à faire"
    assert fr["duo"]["summary"].startswith("1 projet sur 2")
    en = {b["badge"]: b for b in progress_for(store, cat, "ana@x.org", "en")["badges"]}
    assert en["faire-1"]["summary"] == "1.5 h of 5 h in faire"


def test_explain_gives_weights_source_and_badges(db_store: Store) -> None:
    store, cat = db_store, tiny_catalog()
    a1 = add_activity(store, cat, participant="ana@x.org", day=date(2025, 3, 1), hours=10)
    evaluate(store, cat, clock=fixed_clock(FIXED_NOW))
    out = explain_activity(store, cat, a1)
    assert out["mapping"] == {"entry": "atelier", "source": "mapping.yaml:3"}
    assert out["pillars"]["faire"] == {"weight": 0.6, "hours": 6.0}
    assert out["badges"] == ["alim", "faire-1"]
    assert out["source"]["file"] == "test.csv"


def test_forked_workers_give_the_same_awards_as_one_process(
    db_url: str, tmp_path, monkeypatch
) -> None:
    import os

    import apprenance.services.evaluation.evaluate as module
    from apprenance.db.store import Store as S

    pids = tmp_path / "pids"
    real = module._evaluate_chunk

    def spy(*args, **kwargs):  # records which process evaluated each chunk
        with pids.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "_evaluate_chunk", spy)

    results = []
    for name, workers in (("one", 1), ("two", 2)):
        url = db_url if name == "two" else f"sqlite:///{tmp_path / 'one.sqlite3'}"
        store, cat = _store(url), tiny_catalog()
        for i in range(30):
            add_activity(store, cat, participant=f"l{i}@x.org", day=date(2025, 3, 1),
                         hours=3 + i % 5, project=f"p{i % 3}", witness="m@x.org",
                         witness_role="habitant" if i % 2 else "elu")
            add_activity(store, cat, participant=f"l{i}@x.org", day=date(2025, 6, 1),
                         hours=1, project="p9")
        report = evaluate(store, cat, clock=fixed_clock(FIXED_NOW), workers=workers,
                          parallel_from=1, chunk_size=4)
        awards = sorted((a["learner"], a["badge"], tuple(a["activities"]))
                        for a in list_awards(S.open(url)))
        results.append((report.evaluated, sorted((a.learner, a.badge) for a in report.awards),
                        awards))
        store.dispose()
    assert results[0] == results[1]
    assert results[0][0] == 30 and len(results[0][2]) > 30
    workers = set(pids.read_text().split()[8:])  # the first 8 chunks ran in one process
    assert len(workers) == 2 and str(os.getpid()) not in workers
