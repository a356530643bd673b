"""Time the SHACL engines on the same generated cases: netorg's compiled SPARQL against pyrudof.

Issue 20's question: is pyrudof (Rust, SHACL Core and SPARQL-based constraints, in its SPARQL
mode) within 1.5x of the compiled engine, so that it could replace the compiler? For each N the
cases are generated (not timed) and written as N-Triples; then each engine, in a process of its
own, loads that file and the ontology and validates it against shapes/validation.ttl in one store
(no chunks: the bare engines). Each engine's time is its load plus its validation; the ratio is
pyrudof / compiled, measured in the same run. Run it niced, nothing else of yours running:

    nice -n 5 python benchmarks/engines.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENGINES = ("compiled", "pyrudof")


def run_engine(engine: str, data: Path) -> dict:
    """Load `data` and the ontology, validate; seconds of each half and the findings counted."""
    from netorg.resources import ontology_file, shapes_dir

    started = time.perf_counter()
    if engine == "compiled":
        import pyoxigraph as ox

        from netorg.rdf.read import load_store
        from netorg.shacl.validate import load_shapes, validate_store

        store = ox.Store()
        load_store([ontology_file(), data], store)
        shapes = load_shapes()
        loaded = time.perf_counter()
        report = validate_store(store, shapes)
        found = sum(report.counts.values())
    else:
        import pyrudof

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(str(ontology_file()), format=pyrudof.RDFFormat.Turtle)
        rudof.read_data(str(data), format=pyrudof.RDFFormat.NTriples, merge=True)
        rudof.read_shacl(str(shapes_dir() / "validation.ttl"))
        loaded = time.perf_counter()
        report = rudof.validate_shacl(mode=pyrudof.ShaclValidationMode.Sparql)
        found = len(report.violations)
    done = time.perf_counter()
    return {"load": loaded - started, "validate": done - loaded, "total": done - started,
            "findings": found}


def prepare(n: int, work: Path, seed: int) -> Path:
    """The N generated cases as one N-Triples file (made once)."""
    sys.path.insert(0, str(HERE))
    from generate import generate
    from netorg.sheets.stream import write_ntriples

    data = work / f"n{n}" / "data.nt"
    if not data.is_file():
        generate(n, data.parent / "csv", seed=seed)
        write_ntriples(data.parent / "csv", data)
    return data


def measure(engine: str, data: Path, timeout: float) -> dict | None:
    """The engine's times in a child process, or None when it did not finish in `timeout` s."""
    command = [sys.executable, __file__, "--child", engine, str(data)]
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/netorg-engines"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds an engine may take")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_engine(args.child[0], Path(args.child[1]))))
        return
    os.environ.setdefault("NETORG_NO_PROGRESS", "1")
    print("| N | engine | load (s) | validate (s) | total (s) | findings | total / compiled |")
    print("|---|---|---|---|---|---|---|")
    late: set[str] = set()  # an engine that did not finish at a smaller N is not run again
    for n in sorted(args.sizes):
        data = prepare(n, args.work, args.seed)
        compiled = None
        for engine in ENGINES:
            row = None if engine in late else measure(engine, data, args.timeout)
            compiled = compiled or row
            if row is None:
                said = "not run" if engine in late else f"> {args.timeout:.0f}"
                late.add(engine)
                print(f"| {n} | {engine} | | | {said} | | |", flush=True)
                continue
            ratio = row["total"] / compiled["total"]
            print(f"| {n} | {engine} | {row['load']:.2f} | {row['validate']:.2f} | "
                  f"{row['total']:.2f} | {row['findings']} | {ratio:.2f} |", flush=True)


if __name__ == "__main__":
    main()
