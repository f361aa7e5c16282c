"""Catalog speed: reading ESCO's CSV export, importing it, and loading the catalog cold (nothing
cached: rdflib parses every framework) and warm (every framework from the JSON cache), for the
bundled catalog and for the bundled catalog plus the whole of ESCO. Each load runs in a fresh
process, as a command would; the figure is the load itself (imports of apprenance excluded,
rdflib's import included when it happens). Also ``apprenance --help``, process start included.

    .venv/bin/python bench/bench_catalog.py [--rounds N]
"""

from __future__ import annotations

import argparse
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
from apprenance.services.catalog import catalog_for
app = App(load_settings(home=Path(sys.argv[1])))
start = time.perf_counter()
catalog = catalog_for(app)
print(time.perf_counter() - start, len(catalog.concepts), 'rdflib' in sys.modules)
"""


def _load(home: Path) -> tuple[float, int, bool]:
    done = subprocess.run([sys.executable, "-c", LOAD, str(home)], capture_output=True,
                          text=True, check=True)
    seconds, concepts, rdflib = done.stdout.split()
    return float(seconds), int(concepts), rdflib == "True"


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
        start = time.perf_counter()
        data = read_esco_csv(files)
        reads.append(time.perf_counter() - start)
    print(f"ESCO CSV read ({data.stats['skills']} skills, {data.stats['broader_links']} broader "
          f"links, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB): "
          f"{_median_ms(reads)} (median of {args.rounds})")

    with tempfile.TemporaryDirectory(prefix="apprenance-bench-") as tmp:
        home = Path(tmp) / "home"
        bench_loads(home, args.rounds, "bundled catalog")
        imports = []
        for _ in range(args.rounds):
            shutil.rmtree(home / "frameworks", ignore_errors=True)
            start = time.perf_counter()
            subprocess.run([APPRENANCE, "--home", str(home), "frameworks", "import", str(ESCO)],
                           capture_output=True, check=True)
            imports.append(time.perf_counter() - start)
        print(f"ESCO import, `apprenance frameworks import` (process start, CSV read, checks, "
              f"Turtle and cache written): {_median_ms(imports)} (median of {args.rounds})")
        from apprenance.catalog.frameworks import parse_rdf

        written = home / "frameworks" / "esco-skills.ttl"
        start = time.perf_counter()
        parse_rdf(written)
        print(f"rdflib parse of the imported ESCO Turtle ({written.stat().st_size / 1e6:.1f} MB)"
              f", which the import's cache spares: {(time.perf_counter() - start) * 1000:.0f} ms")
        bench_loads(home, max(1, args.rounds // 2), "bundled catalog + ESCO")

    helps = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        subprocess.run([APPRENANCE, "--help"], capture_output=True, check=True)
        helps.append(time.perf_counter() - start)
    print(f"`apprenance --help`: {_median_ms(helps)} (median of {args.rounds}, process included)")


if __name__ == "__main__":
    main()
