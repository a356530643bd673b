"""Time each validation constraint and each classification rule, chunk by chunk, as the batch does.

The data (an N-Triples file, e.g. the `data.nt` that `benchmarks/run.py` imports) is split per
case into chunks as `netorg.shacl.batch` splits it, and each chunk is loaded into a fresh store
holding the ontology, as a worker loads it; then every compiled constraint of the shapes and every
compiled rule is run on it in turn, and its CPU time (`time.process_time`, one process: what a
busy machine disturbs least) and rows are added up. With `--against-shapes`/`--against-rules`
a second set of shapes and rules (e.g. main's) runs on the same chunk just after the first, so the
two are compared in the same conditions; the derived triples of both are compared per chunk.

    python benchmarks/profile_rules.py DIR/n10000/data.nt --out profile.json
    python benchmarks/profile_rules.py data.nt --chunks 8 --against-rules OLD/rules.ttl \
        --against-shapes OLD/validation.ttl
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path


def profile_chunk(file: Path, shared: Path | None, shapes, rules, totals: dict) -> bytes:
    """Run every constraint, then every rule, on one chunk; add their CPU seconds to `totals`."""
    import pyoxigraph as ox

    from netorg.shacl.batch import _ontology_bytes, _store
    from netorg.shacl.classify import (
        DERIVED_GRAPH,
        INPUT_GRAPH,
        UnionView,
        agree_ntriples,
        compiled_rules,
    )
    from netorg.shacl.literals import WRITTEN, add_written_from_ntriples, written_properties
    from netorg.shacl.validate import compiled_shapes, solutions

    data = file.read_bytes()
    extra = shared.read_bytes() if shared else b""
    store = _store(data, extra, "validate")
    written = add_written_from_ntriples(store, data) + add_written_from_ntriples(store, extra)
    view = UnionView(store)
    for constraint in compiled_shapes(shapes, written_properties(view)):
        started = time.process_time()
        rows = sum(1 for _ in solutions(view, constraint))
        key = f"constraint {_short(constraint.shape)} {constraint.component.rsplit('#')[-1]}"
        _add(totals, key, time.process_time() - started, rows)
    if written:
        store.remove_graph(ox.NamedNode(WRITTEN))
    store.bulk_load(_ontology_bytes("modules"), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode(INPUT_GRAPH))
    nt, derived = ox.RdfFormat.N_TRIPLES, ox.NamedNode(DERIVED_GRAPH)
    for shape in compiled_rules(rules):
        for rule in shape.rules:
            started = time.process_time()
            found = store.query(rule.query, use_default_graph_as_union=True).serialize(format=nt)
            if b", plural," in found:
                found = agree_ntriples(found)
            if found:
                store.bulk_load(found, format=nt, to_graph=derived)
            _add(totals, f"rule {_short(rule.node)}", time.process_time() - started,
                 found.count(b"\n"))
    store.update(f"DELETE {{ GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ "
                 f"GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} GRAPH <{INPUT_GRAPH}> {{ ?s ?p ?o }} }}")
    return store.dump(format=nt, from_graph=derived)


def _add(totals: dict, key: str, seconds: float, rows: int) -> None:
    totals[key]["seconds"] += seconds
    totals[key]["rows"] += rows


def _short(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="an N-Triples file of cases")
    parser.add_argument("--chunk", type=int, default=0, help="cases a chunk (0: the batch's)")
    parser.add_argument("--chunks", type=int, default=0, help="profile only the first K chunks")
    parser.add_argument("--shapes", type=Path)
    parser.add_argument("--rules", type=Path)
    parser.add_argument("--against-shapes", type=Path)
    parser.add_argument("--against-rules", type=Path)
    parser.add_argument("--out", type=Path, help="write the totals as JSON")
    args = parser.parse_args()

    from netorg.shacl.batch import DEFAULT_CHUNK, split
    from netorg.shacl.classify import load_rules
    from netorg.shacl.validate import load_shapes

    variants = {"current": (load_shapes(args.shapes), load_rules(args.rules))}
    if args.against_shapes or args.against_rules:
        variants["against"] = (load_shapes(args.against_shapes), load_rules(args.against_rules))
    totals = {name: defaultdict(lambda: {"seconds": 0.0, "rows": 0}) for name in variants}
    chunks = split([args.data], args.chunk or DEFAULT_CHUNK)
    differ = 0
    try:
        files = chunks.files[: args.chunks] if args.chunks else chunks.files
        for index, file in enumerate(files):
            derived = {name: profile_chunk(file, chunks.shared, shapes, rules, totals[name])
                       for name, (shapes, rules) in variants.items()}
            if len({frozenset(d.splitlines()) for d in derived.values()}) > 1:
                differ += 1
            print(f"chunk {index + 1}/{len(files)}", flush=True)
    finally:
        chunks.close()
    cases = sum(chunks.sizes[: len(files)])
    report(totals, cases, len(files), differ)
    if args.out:
        args.out.write_text(json.dumps({"cases": cases, "chunks": len(files), "differ": differ,
                                        "totals": totals}, indent=1))


def report(totals: dict, cases: int, chunks: int, differ: int) -> None:
    names = list(totals)
    keys = sorted(totals[names[0]], key=lambda k: -totals[names[0]][k]["seconds"])
    print(f"\n{cases} cases, {chunks} chunks; CPU seconds over all chunks"
          + (f"; chunks whose derived triples differ: {differ}" if len(names) > 1 else ""))
    print("| step | " + " | ".join(f"{n} (s)" for n in names) + " | rows |")
    print("|---|" + "---|" * (len(names) + 1))
    for key in keys:
        cells = " | ".join(f"{totals[n][key]['seconds']:.2f}" for n in names)
        print(f"| {key} | {cells} | {totals[names[0]][key]['rows']} |")
    for kind in ("constraint", "rule"):
        sums = [sum(v["seconds"] for k, v in totals[n].items() if k.startswith(kind))
                for n in names]
        print(f"| all {kind}s | " + " | ".join(f"{s:.2f}" for s in sums) + " | |")


if __name__ == "__main__":
    main()
