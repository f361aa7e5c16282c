"""Catalog speed: reading ESCO's CSV export, importing it, and loading the catalog cold (nothing
cached: rdflib parses every framework) and warm (every framework from the JSON cache), for the
bundled catalog and for the bundled catalog plus the whole of ESCO. Each load runs in a fresh
process, as a command would; the figure is the load itself (imports of apprenance excluded,
rdflib's import included when it happens). Also ``apprenance --help``, process start included.
Figures are CPU time (the machine's 2 cores are shared with other jobs, which makes wall
clock swing), medians of the rounds.

    .venv/bin/python bench/bench_catalog.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe

REPO = Path(__file__).resolve().parents[1]
ESCO = REPO.parent / "shared" / "reference" / "esco" / "v1.0"
APPRENANCE = str(Path(sys.executable).parent / "apprenance")

LOAD = """
import sys, time
from pathlib import Path
from apprenance.bootstrap import App
from apprenance.config import load_settings
app = App(load_settings(home=Path(sys.argv[1])))
start = time.process_time()
catalog = app.catalog()
print(time.process_time() - start, len(catalog.concepts), 'rdflib' in sys.modules)
"""


def _load(home: Path) -> tuple[float, int, bool]:
    """CPU seconds of one catalog load in a fresh process, its concepts, whether rdflib ran."""
    done = subprocess.run([sys.executable, "-c", LOAD, str(home)], capture_output=True,
                          text=True, check=True)
    seconds, concepts, rdflib = done.stdout.split()
    return float(seconds), int(concepts), rdflib == "True"


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _run_cpu(command: list[str]) -> float:
    """CPU seconds of a command (process start included)."""
    before = _children_cpu()
    subprocess.run(command, capture_output=True, check=True)
    return _children_cpu() - before


def _median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def bench_loads(home: Path, rounds: int, label: str) -> None:
    cold: list[float] = []
    for _ in range(rounds):
        shutil.rmtree(home / "cache", ignore_errors=True)
        seconds, concepts, used_rdflib = _load(home)
        assert used_rdflib
        cold.append(seconds)
    warm: list[float] = []
    for _ in range(rounds):
        seconds, concepts, used_rdflib = _load(home)
        assert not used_rdflib, "a warm load must not parse any framework"
        warm.append(seconds)
    print(f"{label} ({concepts} concepts): load cold {_median_ms(cold)}, "
          f"warm {_median_ms(warm)} (medians of {rounds} fresh processes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(describe())

    from apprenance.catalog.esco_csv import read_esco_csv

    files = sorted(ESCO.glob("*.csv"))
    reads = []
    for _ in range(args.rounds):
        start = time.process_time()
        data = read_esco_csv(files)
        reads.append(time.process_time() - start)
    print(f"ESCO CSV read ({data.stats['skills']} skills, {data.stats['broader_links']} broader "
          f"links, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB): "
          f"{_median_ms(reads)} (median of {args.rounds})")

    with tempfile.TemporaryDirectory(prefix="apprenance-bench-") as tmp:
        home = Path(tmp) / "home"
        bench_loads(home, args.rounds, "bundled catalog")
        imports = []
        for _ in range(args.rounds):
            shutil.rmtree(home / "frameworks", ignore_errors=True)
            imports.append(_run_cpu([APPRENANCE, "--home", str(home), "frameworks", "import",
                                     str(ESCO)]))
        print(f"ESCO import, `apprenance frameworks import` (process start, CSV read, checks, "
              f"Turtle and cache written): {_median_ms(imports)} (median of {args.rounds})")
        from apprenance.catalog.frameworks import parse_rdf

        written = home / "frameworks" / "esco-skills.ttl"
        parses = []
        for _ in range(max(1, args.rounds // 2)):
            start = time.process_time()
            parse_rdf(written)
            parses.append(time.process_time() - start)
        print(f"rdflib parse of the imported ESCO Turtle ({written.stat().st_size / 1e6:.1f} MB)"
              f", which the import's cache spares: {_median_ms(parses)}")
        bench_loads(home, max(1, args.rounds // 2), "bundled catalog + ESCO")

    helps = [_run_cpu([APPRENANCE, "--help"]) for _ in range(args.rounds)]
    print(f"`apprenance --help`: {_median_ms(helps)} (median of {args.rounds}, process included)")
    start = time.perf_counter()
    subprocess.run([APPRENANCE, "--help"], capture_output=True, check=True)
    print(f"`apprenance --help` wall clock, once, for comparison: "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
