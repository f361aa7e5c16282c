"""Run every benchmark of bench/ in turn and print their figures (`make bench`).

`python bench/run_all.py [NAME ...]` runs only the named ones (e.g. `ingest evaluate`)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("catalog", "ingest", "xapi", "evaluate", "signing", "issue", "certificates", "web")


def main(argv: list[str]) -> int:
    wanted = argv or list(ORDER)
    unknown = [name for name in wanted if not (HERE / f"bench_{name}.py").is_file()]
    if unknown:
        print(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(ORDER)})")
        return 2
    failed = []
    for name in wanted:
        script = HERE / f"bench_{name}.py"
        print(f"\n=== {script.name} ===", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)])
        print(f"--- {script.name}: exit {code}, {time.perf_counter() - start:.0f} s", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
