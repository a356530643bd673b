"""Time `netorg diagnose` on a SIRENE-shaped register against its floor and a pandas version.

A register of N establishments (35,000 communes in a four-level hierarchy under a country, 700
activity classes, skewed sizes and founding years) is written as Parquet; then, each in a process
of its own (peak resident memory of that process): the floor, DuckDB scanning the Parquet once;
`netorg.diagnose` on DuckDB (reading, checking every row, all indicators, criteria and successive
aggregation); the same indicators in plain pandas; and, at 1 M, `netorg.diagnose` on a local Spark
session. Prints a Markdown table and the ratios against the targets of issue 16.

    python benchmarks/diagnose.py --sizes 1000000 10000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMUNES, CERCLES, PROVINCES, REGIONS, ACTIVITIES = 35_000, 3_500, 100, 13, 700
TARGETS = {"floor": 10.0, "pandas": 5.0, "memory_gib": 4.0}


def generate(n: int, folder: Path, seed: int = 16) -> tuple[Path, Path]:
    """register.parquet and units.parquet, drawn with numpy (no loop over rows)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    commune = np.arange(COMMUNES)
    codes = np.char.add("c", commune.astype(str))
    units = pa.table({
        "code": np.concatenate([codes, np.char.add("k", np.arange(CERCLES).astype(str)),
                                np.char.add("p", np.arange(PROVINCES).astype(str)),
                                np.char.add("r", np.arange(REGIONS).astype(str)), ["FR"]]),
        "level": ["commune"] * COMMUNES + ["cercle"] * CERCLES + ["province"] * PROVINCES
        + ["region"] * REGIONS + ["country"],
        "parent": np.concatenate([np.char.add("k", (commune % CERCLES).astype(str)),
                                  np.char.add("p", (np.arange(CERCLES) % PROVINCES).astype(str)),
                                  np.char.add("r", (np.arange(PROVINCES) % REGIONS).astype(str)),
                                  ["FR"] * REGIONS, [None]]),
        "population": np.concatenate([rng.integers(100, 200_000, COMMUNES),
                                      [None] * (CERCLES + PROVINCES + REGIONS + 1)]),
    })
    weights = 1.0 / np.arange(1, COMMUNES + 1) ** 0.9
    place = rng.choice(COMMUNES, n, p=weights / weights.sum())
    classes = np.char.add(np.char.add(np.char.zfill((10 + np.arange(ACTIVITIES) // 10)
                                                    .astype(str), 2), "."),
                          np.char.zfill((np.arange(ACTIVITIES) % 10 * 10 + 1).astype(str), 2))
    aw = 1.0 / np.arange(1, ACTIVITIES + 1) ** 1.1
    register = pa.table({
        "id": np.char.add("s", np.arange(n).astype(str)),
        "unit": codes[place],
        "activity": classes[rng.choice(ACTIVITIES, n, p=aw / aw.sum())],
        "jobs": np.minimum(rng.zipf(1.7, n) - 1, 5000),
        "founded": rng.integers(1900, 2025, n),
    })
    paths = folder / f"register-{n}.parquet", folder / "units.parquet"
    pq.write_table(register, paths[0])
    pq.write_table(units, paths[1])
    return paths


def floor(register: Path) -> None:
    import duckdb

    duckdb.sql(f"SELECT count(*), sum(jobs), count(DISTINCT unit) FROM read_parquet('{register}')"
               ).fetchall()


def netorg_diagnose(register: Path, units: Path, backend: str) -> None:
    import netorg

    netorg.diagnose([register, units], level="commune", backend=backend, top=10,
                    candidates_only=True, country="FR")


def pandas_version(register: Path, units: Path) -> None:
    """The same indicators in plain pandas: cells, ancestry, LQ, stars, shares, mix indices."""
    import pandas as pd

    r = pd.read_parquet(register)
    u = pd.read_parquet(units)
    r = r.assign(sized=1, sme=(r.jobs < 250).astype(int), large=(r.jobs >= 50).astype(int),
                 dated=1, before_1981=(r.founded < 1981).astype(int),
                 before_1956=(r.founded < 1956).astype(int), n=1)
    sums = ["n", "jobs", "sized", "sme", "large", "dated", "before_1981", "before_1956"]
    cells = r.groupby(["unit", "activity"], as_index=False)[sums].sum()
    tree = [u[["code"]].assign(ancestor=u.code).rename(columns={"code": "unit"})]
    step = u[["code", "parent"]].rename(columns={"code": "unit", "parent": "up"})
    links = u[["code", "parent"]]
    for _ in range(4):
        step = step.dropna(subset=["up"])
        tree.append(step.rename(columns={"up": "ancestor"})[["unit", "ancestor"]])
        step = step.merge(links, left_on="up", right_on="code")[["unit", "parent"]].rename(
            columns={"parent": "up"})
    tree = pd.concat(tree)
    c = cells.merge(tree, on="unit").groupby(["ancestor", "activity"], as_index=False)[sums].sum()
    c = c.rename(columns={"ancestor": "unit"}).merge(u, left_on="unit", right_on="code")
    c["E_u"] = c.groupby("unit")["n"].transform("sum")
    nat = c[c.level == "country"].set_index("activity")["n"]
    total = c.loc[c.level == "country", "n"].sum()
    c["E_a"] = c.activity.map(nat)
    c["lq"] = (c.n * total) / (c.E_u * c.E_a)
    c["focus"] = c.n / c.E_u
    parent = c[["unit", "activity", "n", "E_u"]].rename(
        columns={"unit": "parent", "n": "E_pa", "E_u": "E_p"})
    c = c.merge(parent, on=["parent", "activity"], how="left")
    c["lq_parent"] = (c.n * c.E_p) / (c.E_u * c.E_pa)
    for name in ("sme", "large", "before_1981", "before_1956"):
        c[f"{name}_share"] = c[name] / c.sized
    c["mean_size"] = c.jobs / c.sized
    pop = cells.merge(tree, on="unit").drop_duplicates(["unit", "ancestor"]).merge(
        u[["code", "population"]], left_on="unit", right_on="code").groupby("ancestor")[
        "population"].sum()
    c["density"] = 1000 * c.n / c.unit.map(pop)
    n_units = u.groupby("level").size()
    c["n_units"] = c.level.map(n_units)
    for name in ("n", "focus"):
        rank = c.groupby(["level", "activity"])[name].rank(method="min", ascending=False) - 1
        c[f"star_{name}"] = (rank < 0.1 * c.n_units) & (c[name] > 0)
    c["star_lq"] = c.lq >= 2
    gap = (c.n * total - c.E_a * c.E_u).abs() - c.E_a * c.E_u
    mix = c.assign(gap=gap, sq=c.n * c.n).groupby("unit").agg(S=("gap", "sum"), Q=("sq", "sum"),
                                                              E_u=("E_u", "max"))
    mix["krugman"] = (mix.E_u * total + mix.S) / (mix.E_u * total)
    mix["hhi"] = mix.Q / (mix.E_u * mix.E_u)
    c = c.merge(mix[["krugman", "hhi"]], left_on="unit", right_index=True)
    c["candidate"] = c.star_n & c.star_lq
    c[c.level == "commune"].sort_values(["activity", "lq"], ascending=[True, False]).groupby(
        "activity").head(10)


def child(step: str, register: Path, units: Path) -> None:
    """Run one step and print its time and this process's peak memory as JSON."""
    os.environ.setdefault("NETORG_NO_PROGRESS", "1")
    started = time.perf_counter()
    if step == "floor":
        floor(register)
    elif step == "pandas":
        pandas_version(register, units)
    else:
        netorg_diagnose(register, units, "spark" if step == "spark" else "duckdb")
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU of this process and its threads (not of Spark's JVM, a process of its own): on a
    # shared machine it says what the wall time cannot
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
                      "mib": usage.ru_maxrss / 1024, "load": os.getloadavg()[0]}))


def measure(step: str, register: Path, units: Path, timeout: float) -> dict | None:
    command = [sys.executable, __file__, "--child", step, str(register), str(units)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def cell(result: dict | None) -> str:
    if result is None:
        return "not run"
    if "timeout" in result:
        return f"not finished in {result['timeout']:.0f} s"
    if "error" in result:
        return f"failed: {result['error'][:80]}"
    cpu = f" ({result['cpu']:.1f} s CPU)" if "cpu" in result else ""
    return f"{result['seconds']:.1f} s{cpu}, {result['mib']:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--spark-at", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--work", type=Path, help="where the Parquet files go (default: a temp)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="netorg-diagnose-"))
    results: dict[int, dict] = {}
    for n in args.sizes:
        started = time.perf_counter()
        register, units = generate(n, work)
        print(f"N={n}: generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        results[n] = {step: measure(step, register, units, args.timeout)
                      for step in ("floor", "diagnose", "pandas")}
        if n == args.spark_at:
            results[n]["spark"] = measure("spark", register, units, args.timeout)
        print(f"N={n}: {json.dumps(results[n])}", file=sys.stderr)
    print(report(results))


def report(results: dict[int, dict]) -> str:
    sizes = sorted(results)
    lines = ["| step | " + " | ".join(f"N = {n:,}" for n in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    names = {"floor": "DuckDB scan of the Parquet (floor)", "diagnose": "netorg diagnose, DuckDB",
             "pandas": "same indicators in pandas", "spark": "netorg diagnose, Spark local[2]"}
    for step, label in names.items():
        lines.append(f"| {label} | " + " | ".join(cell(results[n].get(step)) for n in sizes)
                     + " |")
    lines += ["", "| target | N | measured | goal | met |", "|---|---|---|---|---|"]
    for n in sizes:
        r = results[n]
        d, f, p = (r.get(k) or {} for k in ("diagnose", "floor", "pandas"))
        if "seconds" in d and "seconds" in f:
            ratio = d["seconds"] / f["seconds"]
            lines.append(f"| diagnose / floor | {n:,} | {ratio:.1f} | <= {TARGETS['floor']:.0f} "
                         f"| {'yes' if ratio <= TARGETS['floor'] else 'NO'} |")
        if "seconds" in d and "seconds" in p:
            speed = p["seconds"] / d["seconds"]
            met = "yes" if speed >= TARGETS["pandas"] else "NO"
            lines.append(f"| pandas / diagnose | {n:,} | {speed:.1f} | >= "
                         f"{TARGETS['pandas']:.0f} | {met} |")
        if "cpu" in d and "cpu" in p:
            speed = p["cpu"] / d["cpu"]
            met = "yes" if speed >= TARGETS["pandas"] else "NO"
            lines.append(f"| pandas / diagnose, CPU time | {n:,} | {speed:.1f} | >= "
                         f"{TARGETS['pandas']:.0f} | {met} |")
        if "mib" in d:
            gib = d["mib"] / 1024
            met = "yes" if gib < TARGETS["memory_gib"] else "NO"
            lines.append(f"| diagnose peak memory (GiB) | {n:,} | {gib:.2f} | < "
                         f"{TARGETS['memory_gib']:.0f} | {met} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
