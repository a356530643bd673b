"""What reading literals as written costs the batch validation (issue 19's "within 10 %").

The store keeps literals by value, so `netorg.shacl.literals` copies, beside it, every
subject-property pair whose literal the store would rewrite, and the constraints on those pairs
read the copy. netorg's own importer writes each headcount as an `xsd:nonNegativeInteger`, which
the store turns into an `xsd:integer`: on generated cases about a third of the typed literals go to
the copy. The baseline, measured in the same run, is the same batch validation with the copy
switched off (the behaviour before issue 19, which gave wrong answers on such literals but is the
cost to match). Each mode runs in a process of its own, the two alternating, `--rounds` times;
the medians are compared. Run it niced, nothing else of yours running:

    nice -n 5 python benchmarks/literals.py --sizes 1000 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODES = ("as-written", "as-stored")
GOAL = 1.10


def run_mode(mode: str, data: Path, chunk: int, jobs: int) -> dict:
    """Validate `data` on the batch path; seconds and findings counted."""
    import netorg.shacl.literals as literals
    from netorg.shacl.batch import validate_and_classify

    if mode == "as-stored":  # the copy switched off: the baseline
        literals.add_written_from_ntriples = lambda store, text: 0
    started = time.perf_counter()
    result = validate_and_classify([data], classify=False, chunk_size=chunk, jobs=jobs,
                                   keep=False)
    return {"seconds": time.perf_counter() - started, "summary": dict(result.summary)}


def measure(mode: str, data: Path, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--child", mode, str(data), "--chunk", str(args.chunk),
               "--jobs", str(args.jobs)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=250)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/netorg-literals"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_mode(args.child[0], Path(args.child[1]), args.chunk, args.jobs)))
        return
    sys.path.insert(0, str(HERE))
    from engines import prepare

    os.environ.setdefault("NETORG_NO_PROGRESS", "1")
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("| N | as written (s, median) | as stored (s, median) | ratio | goal | met "
          "| same findings |")
    print("|---|---|---|---|---|---|---|")
    for n in sorted(args.sizes):
        data = prepare(n, args.work, args.seed)
        runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
        for _ in range(args.rounds):
            for mode in MODES:
                runs[mode].append(measure(mode, data, args))
        seconds = {mode: statistics.median(r["seconds"] for r in runs[mode]) for mode in MODES}
        ratio = seconds["as-written"] / seconds["as-stored"]
        same = runs["as-written"][0]["summary"] == runs["as-stored"][0]["summary"]
        print(f"| {n} | {seconds['as-written']:.2f} | {seconds['as-stored']:.2f} | {ratio:.2f} | "
              f"<= {GOAL:.2f} | {'yes' if ratio <= GOAL else 'NO'} | {'yes' if same else 'no'} |",
              flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
