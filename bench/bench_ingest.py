"""Ingest speed: a generated canonical CSV (1,000,000 rows by default) ingested by the real
`apprenance ingest` in a subprocess (process start included), beside a plain baseline run the
same way: `csv.reader` + `sqlite3` `executemany` into a 13-column table (SQLite), `COPY` of the
same rows into a 13-column table without index and with a primary key (PostgreSQL). Prints
rows/s, the ratio to the baseline and the peak memory (RSS) of each process; on PostgreSQL also
the server's CPU time for the benchmark's databases (bench/pg_server_cpu.py) and the ratio of
client + server CPU.

    .venv/bin/python bench/bench_ingest.py [--rows N] [--pg-url URL | --no-pg | --no-sqlite]
        [--again] [--stages]

``--pg-url`` (or APPRENANCE_BENCH_PG_URL) names the PostgreSQL server; default
postgresql+psycopg://postgres@127.0.0.1:5432/test. The benchmark creates its own database there
and drops it at the end. The CSV is written into /tmp/apprenance-bench/ and reused.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe
from pg_server_cpu import ServerCpu

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
APPRENANCE = str(VENV_BIN / "apprenance")
WORK = Path("/tmp/apprenance-bench")
HEADER = ["id", "date", "participant", "nom", "role", "territoire", "projet", "fonction",
          "activite", "description", "duree", "temoin", "preuve"]
TYPES = ["atelier-cuisine", "chantier-participatif", "reunion-publique", "journal-reflexif",
         "animation", "comite-pilotage", "repair-cafe", "jardinage-collectif",
         "formation-suivie", "enquete-habitants", "permanence", "communication"]
FUNCTIONS = ["alimentation", "habitat", "apprendre", "soigner", "produire-consommer",
             "epanouir", ""]
ROLES = ["etudiant", "habitant", "elu", "agent"]
LEARNERS = 5000
DAYS = 730
PROJECTS = ["legumes", "renovation", "tiers-lieu", "sante"]
DESCRIPTIONS = [
    "Atelier avec les habitants du village, suite au prochain copil",
    "Chantier collectif : démontage et tri des matériaux, 16 bénévoles",
    "Réunion publique à la salle des fêtes sur la cantine de l'école",
    "Journal réflexif : difficultés, réussites, questions",
    "Semis et plantations avec l'équipe de la cantine",
    "Permanence au tiers-lieu, 9 visiteurs",
]

# `apprenance` with the evidence engine made a no-op (what ingest adds to the totals): what
# ingest costs by itself (--without-evidence, a diagnostic; the figures that count are with
# the engine).
WITHOUT_EVIDENCE = """
import sys
import apprenance.services.ingest.writer as writer
writer.add_sums = lambda *args, **kwargs: None
from apprenance.cli.main import main
main(sys.argv[1:])
"""

BASELINE_SQLITE = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE TABLE rows (id TEXT PRIMARY KEY, date TEXT, participant TEXT, nom TEXT, "
           "role TEXT, territoire TEXT, projet TEXT, fonction TEXT, activite TEXT, "
           "description TEXT, duree TEXT, temoin TEXT, preuve TEXT)")
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    next(reader)
    db.executemany("INSERT INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", reader)
db.commit()
"""

# The same rows put as they are into apprenance's own `activities` table (its indexes, its
# columns; a learner number per participant, nothing checked): the store's own floor.
BASELINE_SQLITE_SCHEMA = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
learners = {}
def rows(reader):
    for line, r in enumerate(reader, 2):
        learner = learners.setdefault(r[2], len(learners) + 1)
        yield (r[0], learner, r[1], r[1][:10], r[5], r[6], r[7], r[8], r[10], r[9],
               r[12] or None, r[0], sys.argv[1], line, "2026-01-01 00:00:00.000000")
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    next(reader)
    db.executemany(
        "INSERT INTO activities (id, learner_id, occurred_at, occurred_on, territory_id, "
        "project_id, function, activity_type, duration_hours, description, evidence_url, "
        "content_hash, voided, source_file, source_line, ingested_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?)", rows(reader))
db.executemany("INSERT INTO learners (id, participant, created_at) VALUES (?, ?, '2026-01-01')",
               [(n, p) for p, n in learners.items()])
db.commit()
"""

# What the reading thread's time is made of (``--stages``): csv.reader alone over the file,
# then the same rows' content hashes (sha256 of a text of the row's values, as the checks do).
PARSE_ONLY = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        pass
"""
HASH_ONLY = """
import csv, sys
from hashlib import sha256
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    next(rows)
    texts = ["\\x1f".join(r) for r in rows]
import time
started = time.process_time()
for text in texts:
    sha256(text.encode()).hexdigest()
print(time.process_time() - started)
"""

# COPY of the CSV's rows into a table of 13 text columns: with a primary key on ``id``, and
# without any index (the baseline: ``COPY`` into an unindexed table).
BASELINE_PG = """
import csv, sys, psycopg
table, key = sys.argv[3], " PRIMARY KEY" if sys.argv[4] == "key" else ""
with psycopg.connect(sys.argv[2]) as conn, conn.cursor() as cur:
    cur.execute(f"CREATE TABLE {table} (id TEXT{key}, date TEXT, participant TEXT, "
                "nom TEXT, role TEXT, territoire TEXT, projet TEXT, fonction TEXT, "
                "activite TEXT, description TEXT, duree TEXT, temoin TEXT, preuve TEXT)")
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        with cur.copy(f"COPY {table} FROM STDIN") as copy:
            for row in reader:
                copy.write_row(row)
"""


# The same rows put as they are into apprenance's own `activities` table on PostgreSQL (its
# primary key, learner index and foreign key; the learners first, one per participant, found
# by a plain split of the lines: nothing checked), by `COPY`: the store's own floor there.
BASELINE_PG_SCHEMA = """
import csv, sys, psycopg
HOURS = {"PT1H30M": 1.5, "PT45M": 0.75}
learners = {}
with open(sys.argv[1], encoding="utf-8") as f:
    next(f)
    for line in f:
        learners.setdefault(line.split(",", 3)[2], len(learners) + 1)
with psycopg.connect(sys.argv[2]) as conn, conn.cursor() as cur:
    with cur.copy("COPY learners (id, participant, created_at) FROM STDIN") as copy:
        for participant, n in learners.items():
            copy.write_row((n, participant, "2026-01-01 00:00:00+00"))
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        with cur.copy("COPY activities (id, learner_id, occurred_at, occurred_on, territory_id, "
                      "project_id, function, activity_type, duration_hours, description, "
                      "evidence_url, content_hash, voided, source_file, source_line, "
                      "ingested_at) FROM STDIN") as copy:
            for line, r in enumerate(reader, 2):
                hours = HOURS.get(r[10]) or float(r[10].replace(",", "."))
                copy.write_row((r[0], learners[r[2]], r[1], r[1][:10], r[5], r[6],
                                r[7] or None, r[8], hours, r[9], r[12] or None, r[0], False,
                                sys.argv[1], line, "2026-01-01 00:00:00+00"))
"""

def generate(rows: int) -> Path:
    """The benchmark CSV (same content for the same row count) and its territory file."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"ingest-{rows}.csv"
    if path.exists():
        return path
    rng = random.Random(20260301)
    start = date(2024, 1, 1)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        for i in range(rows):
            learner = rng.randrange(LEARNERS)
            day = start + timedelta(days=i * DAYS // rows)
            when = day.isoformat()
            if rng.random() < 0.2:
                when += f"T{rng.randrange(8, 20):02d}:30:00+01:00"
            hours = rng.choice(["1.5", "2", "3,5", "PT1H30M", "2.25", "4", "PT45M"])
            kind = rng.choice(TYPES) if rng.random() > 0.01 else "atelier-vannerie"
            witness = ""
            if rng.random() < 0.3:
                witness = f"{rng.choice(ROLES)}:w{rng.randrange(200)}@example.org"
            evidence = (f"https://example.org/preuves/{i}.jpg" if rng.random() < 0.1 else "")
            out.writerow([
                f"b-{i:07d}", when, f"learner{learner}@example.org", f"Learner {learner}",
                ROLES[learner % 4], "bench", PROJECTS[learner % 4], rng.choice(FUNCTIONS),
                kind, rng.choice(DESCRIPTIONS), hours, witness, evidence,
            ])
    tmp.rename(path)
    return path


def territory_yaml(folder: Path) -> Path:
    path = folder / "territory.yaml"
    lines = ["id: bench", "name: Bench territory", "projects:"]
    for project in PROJECTS:
        lines += [f"  - id: {project}", f"    name: {project}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CPU: dict[str, float] = {}  # CPU seconds of the last process run, by kind


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, stdout) of one subprocess, start to end (its CPU time in
    ``CPU["last"]``: far below the seconds, the machine was busy with other work)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        CPU["last"] = usage.ru_utime + usage.ru_stime
        err = proc.stderr.read().decode() if proc.stderr else ""
        out.seek(0)
        text = out.read().decode()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args[:4])}... failed ({proc.returncode}):\n{err}")
    return seconds, usage.ru_maxrss / 1024, text


STAGES_OUT = WORK / f"stages-{os.getpid()}.json"  # one per benchmark process


def apprenance(home: Path, db: str | None, *args: str, bare: bool = False,
               stages: bool = False) -> tuple[float, float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    env["APPRENANCE_LANG"] = "en"
    program = [sys.executable, "-c", WITHOUT_EVIDENCE] if bare else [APPRENANCE]
    if stages:
        program = [sys.executable, str(Path(__file__).resolve().parent / "ingest_stages.py")]
        env["APPRENANCE_STAGES_OUT"] = str(STAGES_OUT)
    cmd = [*program, "--home", str(home)]
    if db:
        cmd += ["--db", db]
    return run([*cmd, *args], env)


def _server(url: str | None, target: str) -> ServerCpu:
    """Samples the server's CPU for the database of ``target`` (nothing if ``url`` is None)."""
    plain = None if url is None else url.replace("postgresql+psycopg://", "postgresql://")
    return ServerCpu(plain, target.rsplit("/", 1)[-1])


def bench_backend(name: str, csv_path: Path, rows: int, db: str | None,
                  baselines: list[tuple[str, str, list[str]]], again: bool, bare: bool = False,
                  stages: bool = False) -> dict[str, object]:
    home = Path(tempfile.mkdtemp(prefix=f"apprenance-bench-{name}-"))
    try:
        apprenance(home, db, "init")
        apprenance(home, db, "territory", str(territory_yaml(home)))
        with _server(db, db or "") as watch:
            seconds, peak, out = apprenance(home, db, "ingest", "--json", str(csv_path),
                                            bare=bare, stages=stages and not bare)
        server = watch.seconds
        report = json.loads(out)
        cpu = CPU["last"]
        table: dict[str, object] = {}
        if stages and not bare:
            table = json.loads(STAGES_OUT.read_text(encoding="utf-8"))
            STAGES_OUT.unlink()
            run([sys.executable, "-c", PARSE_ONLY, str(csv_path)])
            table["parse only (csv.reader, own process)"] = {"cpu": round(CPU["last"], 3)}
            _, _, hashed = run([sys.executable, "-c", HASH_ONLY, str(csv_path)])
            table["hash only (sha256 of each row, own process)"] = {
                "cpu": round(float(hashed), 3)}
        result: dict[str, object] = {
            "backend": name + (" (without evidence)" if bare else ""), "rows": rows,
            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "server_cpu_seconds": server, "rows_per_s": round(rows / seconds),
            "peak_mb": round(peak), "accepted": report["accepted"],
            "duplicates": report["duplicates"], "rejected": report["rejected"],
            "unmapped": report["unmapped"],
        }
        measured: list[dict[str, object]] = []
        for label, script, target in baselines:
            with _server(db, target[0]) as base_watch:
                base_seconds, base_peak, _ = run([sys.executable, "-c", script, str(csv_path),
                                                  *target])
            base_server = base_watch.seconds
            item: dict[str, object] = {
                "baseline": label, "seconds": round(base_seconds, 2),
                "cpu_seconds": round(CPU["last"], 2), "server_cpu_seconds": base_server,
                "rows_per_s": round(rows / base_seconds), "peak_mb": round(base_peak),
                "ratio": round(base_seconds / seconds, 3)}
            if server is not None and base_server is not None:  # client + server CPU
                item["ratio_cpu"] = round((CPU["last"] + base_server) / (cpu + server), 3)
            measured.append(item)
        result["baselines"] = measured
        if table:
            result["stages"] = table
        if again:
            with _server(db, db or "") as watch:
                seconds2, _, out2 = apprenance(home, db, "ingest", "--json", str(csv_path))
            result["again_seconds"] = round(seconds2, 2)
            result["again_cpu_seconds"] = round(CPU["last"], 2)
            result["again_server_cpu_seconds"] = watch.seconds
            result["again_duplicates"] = json.loads(out2)["duplicates"]
        return result
    finally:
        shutil.rmtree(home, ignore_errors=True)


def sqlite(csv_path: Path, rows: int, again: bool, bare: bool = False, stages: bool = False
           ) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="apprenance-bench-base-"))
    try:
        schema = folder / "schema.sqlite3"
        from sqlalchemy import create_engine

        from apprenance.db.tables import metadata

        engine = create_engine(f"sqlite:///{schema}")
        metadata.create_all(engine)  # not timed: the baseline finds the tables there
        engine.dispose()
        baselines = [("csv table", BASELINE_SQLITE, [str(folder / "plain.sqlite3")]),
                     ("activities table", BASELINE_SQLITE_SCHEMA, [str(schema)])]
        return bench_backend("sqlite", csv_path, rows, None, baselines, again, bare, stages)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def postgres(csv_path: Path, rows: int, server: str, again: bool, bare: bool = False,
             stages: bool = False) -> dict[str, object]:
    from sqlalchemy import create_engine, text

    name = f"apprenance_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}_base"'))
        conn.execute(text(f'CREATE DATABASE "{name}_schema"'))
    url = server.rsplit("/", 1)[0] + f"/{name}"
    plain = url.replace("postgresql+psycopg://", "postgresql://") + "_base"
    schema = plain.replace("_base", "_schema")
    try:
        engine = create_engine(url + "_schema")
        with engine.begin() as conn:
            from apprenance.db.tables import metadata

            metadata.create_all(conn)  # not timed: the baseline finds the tables there
        engine.dispose()
        baselines = [("csv table, COPY, unindexed", BASELINE_PG, [plain, "plain", "none"]),
                     ("csv table, COPY, primary key", BASELINE_PG, [plain, "keyed", "key"]),
                     ("activities table, COPY", BASELINE_PG_SCHEMA, [schema])]
        return bench_backend("postgresql", csv_path, rows, url, baselines, again, bare, stages)
    finally:
        with admin.connect() as conn:
            for db in (name, f"{name}_base", f"{name}_schema"):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg-url", default=os.environ.get(
        "APPRENANCE_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--no-pg", action="store_true", help="SQLite only.")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only.")
    parser.add_argument("--again", action="store_true",
                        help="Also time a second ingest of the same file (all duplicates).")
    parser.add_argument("--without-evidence", action="store_true",
                        help="Also run ingest with the evidence engine made a no-op "
                        "(diagnostic: the share of the engine in the time).")
    parser.add_argument("--stages", action="store_true",
                        help="Time the stages of the ingest (CPU and wall time of each; "
                        "bench/ingest_stages.py) and print the table.")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Run each backend (ingest and baselines) this many times in turn "
                        "and print the median ratio: on a machine whose speed drifts, one "
                        "run's ratio is not the code's.")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = parser.parse_args()
    started = time.perf_counter()
    csv_path = generate(args.rows)
    size = csv_path.stat().st_size / 1e6
    variants = [False, True] if args.without_evidence else [False]
    load = os.getloadavg()[0]
    results: list[dict[str, object]] = []
    for _ in range(max(args.repeat, 1)):
        if not args.no_sqlite:
            results += [sqlite(csv_path, args.rows, args.again, bare, args.stages)
                        for bare in variants]
        if not args.no_pg:
            results += [postgres(csv_path, args.rows, args.pg_url, args.again, bare,
                                 args.stages) for bare in variants]
    load_after = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"machine": describe(), "file_mb": round(size),
                          "load_average": [load, load_after], "results": results}, indent=2))
        return
    print(f"Ingest benchmark — {args.rows:,} rows ({size:.0f} MB CSV) — {describe()} — "
          f"load average {load:.1f} before, {load_after:.1f} after")
    for r in results:
        server = (f", server CPU {r['server_cpu_seconds']} s"
                  if r.get("server_cpu_seconds") is not None else "")
        print(f"  {r['backend']:30} {r['rows_per_s']:>9,} rows/s ({r['seconds']} s, "
              f"CPU {r['cpu_seconds']} s{server}, peak "
              f"{r['peak_mb']} MB) | accepted {r['accepted']:,}, rejected {r['rejected']:,}, "
              f"unmapped {r['unmapped']:,}")
        for b in r["baselines"]:  # type: ignore[attr-defined]
            base_server = (f", server CPU {b['server_cpu_seconds']} s"
                           if b.get("server_cpu_seconds") is not None else "")
            by_cpu = (f", client + server CPU ratio {b['ratio_cpu']:.3f}"
                      if "ratio_cpu" in b else "")
            print(f"  {'':30}   baseline, {b['baseline']}: {b['rows_per_s']:,} rows/s "
                  f"({b['seconds']} s, CPU {b['cpu_seconds']} s{base_server}, peak "
                  f"{b['peak_mb']} MB) -> ratio {b['ratio']:.3f}{by_cpu}")
        for stage, v in r.get("stages", {}).items():  # type: ignore[attr-defined]
            wall = f", wall {v['wall']:.2f} s" if "wall" in v else ""
            calls = f", {v['calls']:,} calls" if "calls" in v else ""
            print(f"  {'':30}   stage {stage:44} CPU {v['cpu']:7.2f} s{wall}{calls}")
        if "again_seconds" in r:
            again_server = (f", server CPU {r['again_server_cpu_seconds']} s"
                            if r.get("again_server_cpu_seconds") is not None else "")
            print(f"  {'':30}   again: {r['again_seconds']} s (CPU {r['again_cpu_seconds']} s"
                  f"{again_server}), {r['again_duplicates']:,} duplicates")
    if args.repeat > 1:
        print_medians(results)
    print(f"  (total {time.perf_counter() - started:.0f} s)")


def print_medians(results: list[dict[str, object]]) -> None:
    """The median wall time and ratio to each baseline, per backend, over the runs."""
    for backend in dict.fromkeys(str(r["backend"]) for r in results):
        runs = [r for r in results if r["backend"] == backend]
        walls = sorted(float(r["seconds"]) for r in runs)  # type: ignore[arg-type]
        print(f"  {backend:30} median of {len(runs)} runs: {statistics.median(walls)} s "
              f"({walls[0]}-{walls[-1]} s)")
        for i, base in enumerate(runs[0]["baselines"]):  # type: ignore[attr-defined]
            ratios = sorted(float(r["baselines"][i]["ratio"])  # type: ignore[index]
                            for r in runs)
            print(f"  {'':30}   baseline, {base['baseline']}: median ratio "
                  f"{statistics.median(ratios):.3f} ({ratios[0]:.3f}-{ratios[-1]:.3f})")


if __name__ == "__main__":
    main()
