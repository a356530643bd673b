"""Benchmark netorg at scale against the naive use of its libraries (run by hand, not in the tests).

For each N (1 000, 10 000, 100 000 cases by default) the data is generated (not timed), then each
step runs in a subprocess of its own, whose wall time and peak resident memory (`os.wait4`) are
measured: import (CSV template -> N-Triples), pyoxigraph's bare parse of that N-Triples file (the
floor: `pyoxigraph.parse`, every triple iterated), validate, classify, validate + classify (the
batch path of `netorg.shacl.batch`, 2 worker processes), the on-disk store holding the N cases,
their derived triples and the summary graph (`netorg.sparql.store.add_summary`), every catalogue
query on it, each in a process of its own (median of runs, through `netorg.KnowledgeBase` against
the same text run directly on pyoxigraph; its peak memory is its own), and the baseline: pySHACL
over an rdflib Graph (validation and rules), with a time limit. `netorg --help` is timed once.
The table is printed and written as Markdown with the machine it was measured on.

    python benchmarks/run.py --quick                 # 1 000 cases only
    python benchmarks/run.py --sizes 1000 10000 100000 --out benchmarks/results.md
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = ("import", "parse", "validate", "classify", "validate+classify", "store", "queries")
TARGETS = {
    "floor": 10.0,  # validate+classify / parse at the largest N
    "speedup": 30.0,  # pySHACL / netorg at the largest N where pySHACL finished
    "scaling": 12.0,  # time(100k) / time(10k)
    "memory_gib": 4.0,
    "query": 3.0,
    "help": 0.3,
}


# -- the steps, each run in a child process ------------------------------------------------------


def step(name: str, work: Path, args: argparse.Namespace) -> dict:
    data, derived = work / "data.nt", work / "derived.nt"
    if name == "import":
        from netorg.sheets.stream import write_ntriples

        counts = write_ntriples(work / "csv", data)
        return {"counts": dict(counts)}
    if name == "parse":
        import pyoxigraph as ox

        n = sum(1 for _ in ox.parse(path=str(data), format=ox.RdfFormat.N_TRIPLES))
        return {"triples": n}
    if name in ("validate", "classify", "validate+classify"):
        from netorg.shacl.batch import validate_and_classify

        result = validate_and_classify(
            [data], validate=name != "classify", classify=name != "validate", jobs=args.jobs,
            chunk_size=args.chunk, keep=False, derived_out=derived if name != "validate" else None,
        )
        return {"chunks": result.chunks, "derived": result.derived_triples,
                "summary": dict(result.summary)}
    if name == "store":
        return _store(data, derived)
    if name == "queries":
        return _queries(work, args)
    if name == "query":
        return _query(work, args.query, args.runs)
    if name == "pyshacl":
        return _pyshacl(data, derived)
    raise SystemExit(f"unknown step {name}")


def _store(data: Path, derived: Path) -> dict:
    """The on-disk store the queries read, as a server holding this much data would use."""
    import pyoxigraph as ox

    from netorg.rdf.read import load_store
    from netorg.resources import ontology_files
    from netorg.sparql.store import add_summary

    started = time.perf_counter()
    folder = data.parent / "store"
    built = folder / "netorg-built.json"  # written once the store is complete
    if os.environ.get("NETORG_BENCH_REUSE_STORE") and built.is_file() and all(
            built.stat().st_mtime > path.stat().st_mtime for path in (data, derived)):
        return {**json.loads(built.read_text()), "reused": True}
    shutil.rmtree(folder, ignore_errors=True)
    store = ox.Store(str(folder))
    load_store(ontology_files(), store)
    for path in (data, derived):
        _bulk_load(store, path)
    loaded = time.perf_counter() - started
    summary = add_summary(store)
    store.optimize()
    result = {"store_build": time.perf_counter() - started, "load": loaded,
              "summary": time.perf_counter() - started - loaded, "summary_triples": summary,
              "triples": len(store)}
    built.write_text(json.dumps(result))
    return result


def _bulk_load(store, path: Path, lines: int = 500_000) -> None:
    """Bulk-load an N-Triples file in pieces of `lines` lines, one triple a line.

    Oxigraph's bulk loader holds what one call loads in memory: the store of 10 000 cases (data
    and derived triples, one call a file) peaked at 1.7 GiB, in pieces of 500 000 lines at 0.6 GiB
    (525 vs 576 s, on a loaded machine). It names the blank nodes
    of each call afresh, so a piece holding one would be cut from its other triples: the generated
    data has none, and a file that has some is refused.
    """
    import itertools

    import pyoxigraph as ox

    with path.open("rb") as lines_of:
        while piece := b"".join(itertools.islice(lines_of, lines)):
            if b"_:" in piece:
                raise SystemExit(f"{path}: blank nodes cannot be bulk-loaded in pieces")
            store.bulk_load(input=piece, format=ox.RdfFormat.N_TRIPLES)


def _queries(work: Path, args: argparse.Namespace) -> dict:
    """Each catalogue query in a process of its own, so that its peak memory is its own."""
    from netorg.sparql import catalogue

    timings = {}
    for name in catalogue.load():
        row = measure("query", work, args, extra=["--query", name])
        if not row["finished"]:
            raise SystemExit(f"query {name} failed: see {work / 'query.log'}")
        timings[name] = {"netorg": row["netorg"], "direct": row["direct"],
                         "rows": row["rows"], "peak_mib": row["peak_mib"]}
        print(f"  {name}: {row['netorg']:.2f} s (direct {row['direct']:.2f} s), "
              f"{row['peak_mib']:.0f} MiB", flush=True)
    return {"queries": timings}


def _query(work: Path, name: str, runs: int) -> dict:
    """One catalogue query through netorg and as the same text directly on pyoxigraph."""
    import pyoxigraph as ox

    import netorg
    from netorg.sparql import catalogue

    store = ox.Store.read_only(str(work / "store"))
    kb = netorg.KnowledgeBase()
    kb._store = store  # the benchmark's store, instead of the bundled corpus
    query = catalogue.get(name)
    text = catalogue.with_values(query.text, catalogue.bind(query, {}))
    answer: dict[str, int] = {}

    def ours() -> None:
        answer["rows"] = len(kb.run(name).rows)

    timed = _query_time(ours, runs)
    direct = _query_time(lambda: list(store.query(text)), runs)
    return {"netorg": timed, "direct": direct, "rows": answer["rows"]}


def _query_time(call, runs: int) -> float:
    """The median of `runs` runs; a query quicker than a second is run once untimed first.

    Without that warm-up a single run compared a cold call through netorg with a warm direct one
    (the direct run comes second): 17.7 ms against 1.4 ms for a one-row query on 100 000 cases.
    """
    started = time.perf_counter()
    call()
    first = time.perf_counter() - started
    if first >= 1.0:
        return statistics.median([first] + [_median(call, 1) for _ in range(runs - 1)])
    return _median(call, max(runs, 3))


def _median(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _pyshacl(data: Path, derived: Path) -> dict:
    """The baseline, and whether its answers are netorg's: same findings, same derived triples."""
    import rdflib

    from netorg.shacl.classify import classify
    from netorg.shacl.validate import validate

    graph = rdflib.Graph().parse(str(data), format="nt")
    started = time.perf_counter()
    report = validate(graph, engine="pyshacl")
    validated = time.perf_counter() - started
    result = classify(graph, engine="pyshacl")
    classified = time.perf_counter() - started - validated
    ours = validate(graph, engine="oxigraph")
    same_findings = {f.key() for f in report.results} == {f.key() for f in ours.results}
    batch_derived = set(rdflib.Graph().parse(str(derived), format="nt"))
    return {"validate": validated, "classify": classified, "counts": report.counts,
            "cases": len(result.cases), "identical": same_findings and set(
                result.derived) == batch_derived}


# -- the parent: run each step in a child, measure it ------------------------------------------


def measure(name: str, work: Path, args: argparse.Namespace, timeout: float | None = None,
            extra: tuple[str, ...] | list[str] = ()) -> dict:
    """Run one step in a child process: wall seconds, peak RSS (MiB) and what it returned."""
    out = work / f"{name.replace('+', '-')}.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--step", name, "--work", str(work), "--jobs",
               str(args.jobs), "--chunk", str(args.chunk), "--runs", str(args.runs), *extra]
    started = time.perf_counter()
    with (work / f"{name.replace('+', '-')}.log").open("w") as log:
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                 env={**os.environ, "NETORG_STEP_OUT": str(out)})
        deadline = started + timeout if timeout else None
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                return {"step": name, "finished": False, "seconds": timeout}
            time.sleep(0.05)
    seconds = time.perf_counter() - started
    # the workers of the batch path are grandchildren: their peak is reported by the step itself
    peak = usage.ru_maxrss / 1024
    result = json.loads(out.read_text()) if out.is_file() else {}
    peak = max(peak, result.pop("children_peak_mib", 0))
    ok = os.waitstatus_to_exitcode(status) == 0 and out.is_file()
    # CPU seconds of the step and of the workers it waited for: on a shared machine the wall
    # time grows with the others' load, the CPU time much less
    cpu = usage.ru_utime + usage.ru_stime
    return {"step": name, "finished": ok, "seconds": result.pop("seconds", seconds),
            "wall": seconds, "cpu": cpu, "peak_mib": peak, **result}


def help_time() -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "netorg", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_size(n: int, args: argparse.Namespace, pyshacl_ok: bool) -> dict:
    sys.path.insert(0, str(HERE))
    from generate import generate

    work = args.work / f"n{n}"
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "csv" / "cases.csv").is_file() or args.regenerate:
        generate(n, work / "csv", seed=args.seed)
    rows = {}
    if n > args.separate_max:  # one run of each query: a scan of 100 000 cases takes minutes
        args = argparse.Namespace(**{**vars(args), "runs": 1})
    for name in STEPS:
        if args.steps and name not in args.steps:
            continue
        if n > args.separate_max and name in ("validate", "classify"):
            continue  # validate+classify only: the separate steps would double a long run
        rows[name] = measure(name, work, args)
        _say(n, rows[name])
    if pyshacl_ok and not args.no_pyshacl and n <= args.pyshacl_max and (
            not args.steps or "pyshacl" in args.steps):
        rows["pyshacl"] = measure("pyshacl", work, args, timeout=args.pyshacl_timeout)
        _say(n, rows["pyshacl"])
    return rows


def _say(n: int, row: dict) -> None:
    state = "" if row["finished"] else " (did not finish)"
    peak = f", {row['peak_mib']:.0f} MiB" if "peak_mib" in row else ""
    cpu = f", CPU {row['cpu']:.1f} s" if "cpu" in row else ""
    print(f"N={n}: {row['step']}: {row['seconds']:.1f} s{cpu}{peak}{state}", flush=True)


# -- the table ----------------------------------------------------------------------------------


def table(results: dict[int, dict], help_seconds: float) -> str:
    sizes = sorted(results)
    lines = ["| step | " + " | ".join(f"N = {n:,}".replace(",", " ") for n in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for name in (*STEPS, "pyshacl"):
        cells = []
        for n in sizes:
            row = results[n].get(name)
            if row is None:
                cells.append("not run")
            elif not row["finished"]:
                cells.append(f"did not finish in {row['seconds']:.0f} s")
            else:
                seconds, note = row["seconds"], ""
                if name == "queries":
                    seconds = sum(q["netorg"] for q in row["queries"].values())
                if name == "store" and row.get("reused"):  # opened, not built: give the build
                    cells.append(f"reused (built in {row['store_build']:.0f} s)")
                    continue
                if name == "pyshacl":
                    seconds = row["validate"] + row["classify"]
                    note = ", same answers" if row["identical"] else ", DIFFERENT answers"
                cells.append(f"{seconds:.1f} s, {row['peak_mib']:.0f} MiB{note}")
        label = {"queries": "all catalogue queries (sum of medians; peak of the largest)",
                 "store": "on-disk store for the queries (load, summary graph)",
                 "pyshacl": "pySHACL on rdflib (validate + rules)",
                 "parse": "pyoxigraph parse (floor)"}.get(name, name)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", *ratios(results, help_seconds)]
    return "\n".join(lines)


def ratios(results: dict[int, dict], help_seconds: float) -> list[str]:
    sizes = sorted(results)
    big = sizes[-1]
    out = ["| target | measured | goal | met |", "|---|---|---|---|"]

    def line(what: str, value: float | None, goal: str, met: bool | None) -> None:
        shown = "n/a" if value is None else f"{value:.2f}"
        verdict = "n/a" if met is None else "yes" if met else "NO"
        out.append(f"| {what} | {shown} | {goal} | {verdict} |")

    def secs(n: int, step: str) -> float | None:
        row = results.get(n, {}).get(step)
        return row["seconds"] if row and row["finished"] else None

    vc, parse = secs(big, "validate+classify"), secs(big, "parse")
    floor = vc / parse if vc and parse else None
    line(f"validate+classify / parse at N={big}", floor, f"<= {TARGETS['floor']:.0f}",
         None if floor is None else floor <= TARGETS["floor"])
    finished = [n for n in sizes if secs(n, "pyshacl")]
    if finished:
        n = finished[-1]
        row = results[n]["pyshacl"]
        speedup = (row["validate"] + row["classify"]) / secs(n, "validate+classify")
        line(f"speed-up over pySHACL at N={n}", speedup, f">= {TARGETS['speedup']:.0f}",
             speedup >= TARGETS["speedup"])
    else:
        line("speed-up over pySHACL", None, ">= 30 (pySHACL finished at no N)", None)
    if 10_000 in results and 100_000 in results:
        a, b = secs(10_000, "validate+classify"), secs(100_000, "validate+classify")
        scaling = b / a if a and b else None
        line("time(100k) / time(10k)", scaling, f"<= {TARGETS['scaling']:.0f}",
             None if scaling is None else scaling <= TARGETS["scaling"])
    peak = max((row.get("peak_mib", 0) for row in results[big].values() if row["finished"]),
               default=0) / 1024
    line(f"peak memory at N={big} (GiB)", peak, f"< {TARGETS['memory_gib']:.0f}",
         peak < TARGETS["memory_gib"])
    queried = _queried(results)
    if queried:
        queries = results[queried]["queries"]
        worst = max(queries["queries"].items(),
                    key=lambda kv: kv[1]["netorg"] / max(kv[1]["direct"], 1e-9))
        ratio = worst[1]["netorg"] / max(worst[1]["direct"], 1e-9)
        line(f"worst query / direct pyoxigraph at N={queried} ({worst[0]})", ratio,
             f"<= {TARGETS['query']:.0f}", ratio <= TARGETS["query"])
    line("`netorg --help` (s)", help_seconds, f"< {TARGETS['help']}",
         help_seconds < TARGETS["help"])
    return out


def _queried(results: dict[int, dict]) -> int | None:
    """The largest N whose query step finished."""
    done = [n for n, rows in results.items() if rows.get("queries", {}).get("finished")]
    return max(done, default=None)


def query_table(results: dict[int, dict]) -> str:
    big = _queried(results)
    if big is None:
        return ""
    row = results[big]["queries"]
    lines = [f"Catalogue queries at N = {big} (median of runs, ms):", "",
             "| query | netorg | direct pyoxigraph | ratio | rows | peak MiB |",
             "|---|---|---|---|---|---|"]
    for name, q in sorted(row["queries"].items()):
        ratio = q["netorg"] / max(q["direct"], 1e-9)
        extra = f" {q['rows']} | {q['peak_mib']:.0f} |" if "rows" in q else " | |"
        lines.append(f"| `{name}` | {q['netorg'] * 1000:.1f} | {q['direct'] * 1000:.1f} | "
                     f"{ratio:.2f} |{extra}")
    return "\n".join(lines)


def machine() -> str:
    import importlib.metadata as meta

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    ram = next((int(line.split()[1]) / 1024 / 1024 for line in
                Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    versions = ", ".join(f"{name} {meta.version(name)}" for name in
                         ("pyoxigraph", "rdflib", "pyshacl", "netorg"))
    return (f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GiB RAM; Python "
            f"{platform.python_version()}; {versions}; "
            f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="1 000 cases only")
    parser.add_argument("--work", type=Path, default=Path("/tmp/netorg-bench"))
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=0, help="cases a chunk (0: the default)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each query (median)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pyshacl-timeout", type=float, default=900.0)
    parser.add_argument("--no-pyshacl", action="store_true")
    parser.add_argument("--pyshacl-max", type=int, default=1000,
                        help="run the pySHACL baseline only up to this many cases")
    parser.add_argument("--separate-max", type=int, default=10_000,
                        help="above this many cases, time validate+classify only and run "
                        "each query once")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--report", type=Path,
                        help="write the table again from a results.json, running nothing")
    parser.add_argument("--steps", nargs="+", choices=[*STEPS, "pyshacl"],
                        help="run only these steps, replacing their rows in the results.json of "
                        "--work (the others are kept)")
    parser.add_argument("--reuse-store", action="store_true",
                        help="queries: open the on-disk store a finished run built, if the data "
                        "has not changed since")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--query", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.chunk == 0:
        from netorg.shacl.batch import DEFAULT_CHUNK

        args.chunk = DEFAULT_CHUNK
    if args.step:
        _child(args)
        return
    if args.report:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        results = {int(n): rows for n, rows in saved["sizes"].items()}
        write(results, saved["help_seconds"], args, saved["machine"])
        print(table(results, saved["help_seconds"]))
        return
    os.environ.setdefault("NETORG_NO_PROGRESS", "1")
    if args.reuse_store:
        os.environ["NETORG_BENCH_REUSE_STORE"] = "1"
    sizes = [1000] if args.quick else sorted(args.sizes)
    results: dict[int, dict] = {}
    saved_file = args.work / "results.json"
    if args.steps and saved_file.is_file():  # re-running some steps: keep the others' rows
        saved = json.loads(saved_file.read_text(encoding="utf-8"))
        results = {int(n): rows for n, rows in saved["sizes"].items()}
    pyshacl_ok = True
    help_seconds = help_time()
    print(f"netorg --help: {help_seconds:.3f} s", flush=True)
    for n in sizes:
        results[n] = {**results.get(n, {}), **run_size(n, args, pyshacl_ok)}
        pyshacl_ok = pyshacl_ok and results[n].get("pyshacl", {}).get("finished", False)
        write(results, help_seconds, args)
    print(table(results, help_seconds))


def write(results: dict[int, dict], help_seconds: float, args: argparse.Namespace,
          measured_on: str | None = None) -> None:
    measured_on = measured_on or machine()
    text = "\n".join([
        "# Benchmark", "",
        f"Measured by `python benchmarks/run.py` on: {measured_on}. Each step runs in a process of "
        f"its own (peak resident memory of that process and its workers); the batch path uses "
        f"{args.jobs} worker processes and chunks of {args.chunk} cases. The floor is "
        "`pyoxigraph.parse` of the N-Triples file, every triple iterated.", "",
        table(results, help_seconds), "", query_table(results), "",
    ])
    args.out.write_text(text, encoding="utf-8")
    if not args.report:
        saved = {"machine": measured_on, "help_seconds": help_seconds,
                 "sizes": {str(k): v for k, v in results.items()}}
        (args.work / "results.json").write_text(json.dumps(saved, indent=1))


def _child(args: argparse.Namespace) -> None:
    import resource

    started = time.perf_counter()
    result = step(args.step, args.work, args)
    result["seconds"] = time.perf_counter() - started
    result["children_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    Path(os.environ["NETORG_STEP_OUT"]).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
