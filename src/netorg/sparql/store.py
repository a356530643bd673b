"""The embedded knowledge base: ontology, case studies and their classification in one store.

Building it means parsing the ontology, reading the case files (spreadsheets included) and running
the classification: seconds. The result is cached as one N-Triples file, bulk-loaded in tens of
milliseconds, under `$NETORG_CACHE_DIR` (or the user cache folder). Its name is a hash of the
package version and of the bytes of every source: the ontology, the shapes, the case files the
loaders read (hidden ones too: exactly the files `netorg.sheets.inputs.sources` names) and the
package's own code; any change gives a new name, so a stale cache is never read.

The cache's first line says how many triples and bytes follow; a file that does not hold them (cut
short by a full disk or a killed process, or damaged) is not read but rebuilt.

Once the cases are classified, the store also gets the summary graph: each CONSTRUCT of
`queries/summary/` counts the cases once per typology class, country, structure, kind, relation
type or authority level, and the catalogue's counting queries read those cells (`qb:Observation`s,
`ontology/parts/summary.ttl`) instead of every case: at 100 000 cases a count over the full graph
takes from seconds to half a minute on Oxigraph, the cells a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netorg import __version__
from netorg.atomic import write_bytes
from netorg.errors import UnusableInput
from netorg.rdf.read import load_store
from netorg.resources import corpus_dir, ontology_files, queries_dir, shapes_dir
from netorg.sheets import inputs

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

CACHE_ENV = "NETORG_CACHE_DIR"
KEEP = 8  # cached builds kept (one per set of sources), the most recently used


def default_data() -> list[Path]:
    """The bundled corpus, when the package ships one."""
    return [corpus_dir()] if corpus_dir().is_dir() else []


def cache_root() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("netorg"))


def source_files(data: Sequence[str | Path]) -> list[Path]:
    """Every file whose bytes the knowledge base depends on."""
    package = Path(__file__).resolve().parents[1]  # the whole netorg package
    files = [*ontology_files(), *_files_under(shapes_dir()), *summary_queries(),
             *sorted(package.rglob("*.py"))]
    return files + (_data_files(data) if data else [])


def _data_files(data: Sequence[str | Path]) -> list[Path]:
    """The files the case loaders read: RDF files, workbooks, the template's CSV files."""
    from netorg.sheets.read import SHEETS

    files: list[Path] = []
    for kind, source in inputs.sources(data):
        if kind == "rdf" or source.is_file():
            files.append(source)
        else:
            sheets = (source / f"{sheet}.csv" for sheet in SHEETS)
            files += [path for path in sheets if path.is_file()]
    return files


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return []


def cache_key(data: Sequence[str | Path]) -> str:
    digest = hashlib.sha256(f"netorg {__version__}\n".encode())
    for path in source_files(data):
        digest.update(f"{os.fsencode(path.name)!r}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for raw in data:  # the same files named differently are still the same sources
        digest.update(b"data " + os.fsencode(Path(raw).resolve()) + b"\n")
    return digest.hexdigest()[:32]


def open_store(
    data: Sequence[str | Path] | None = None, *, cache: bool = True
) -> pyoxigraph.Store:
    """An in-memory store holding the whole knowledge base; `data` replaces the bundled corpus."""

    data = default_data() if data is None else list(data)
    for raw in data:
        if not Path(raw).exists():
            raise UnusableInput(f"{raw}: no such file or folder")
    if not cache:
        return build(data)
    cached = cache_root() / f"kb-{cache_key(data)}.nt"
    store = _read_cache(cached)
    if store is not None:
        return store
    store = build(data)
    try:  # the cache only saves time: a folder where it cannot be written costs no answer
        body = dump(store)
        write_bytes(cached, _header(len(store), len(body)) + body)
        _prune(cached.parent)
    except (OSError, UnusableInput):
        pass
    return store


def _header(triples: int, size: int) -> bytes:
    return f"# netorg cache: {triples} triples in the {size} bytes below\n".encode()


def _read_cache(cached: Path) -> pyoxigraph.Store | None:
    """The cached store, or None when there is none or it is not whole (it is then rebuilt)."""
    import re

    import pyoxigraph as ox

    try:
        with cached.open("rb") as handle:
            header = handle.readline()
            promise = re.fullmatch(rb"# netorg cache: (\d+) triples in the (\d+) bytes below\n",
                                   header)
            if promise is None or cached.stat().st_size != len(header) + int(promise[2]):
                return None
            store = ox.Store()
            store.bulk_load(input=handle, format=ox.RdfFormat.N_TRIPLES)
    except (OSError, SyntaxError, ValueError):
        return None
    if len(store) != int(promise[1]):
        return None
    os.utime(cached)
    return store


def build(data: Sequence[str | Path]) -> pyoxigraph.Store:
    """Parse the ontology and the cases, classify the cases, and hold it all in one store."""
    import pyoxigraph as ox
    import rdflib

    store = ox.Store()
    load_store(ontology_files(), store)
    cases = inputs.load_cases(list(data)) if data else rdflib.Graph()
    _add(store, cases)
    _add(store, derive(cases))
    add_summary(store)
    return store


def summary_queries() -> list[Path]:
    """The CONSTRUCT queries that write the summary graph, one per counting query it answers."""
    folder = queries_dir() / "summary"
    return sorted(folder.glob("*.rq")) if folder.is_dir() else []


def add_summary(store: pyoxigraph.Store) -> int:
    """Count the store's cases into the summary graph's cells (default graph); triples written.

    Run once the classification is in the store: the cells count what the store holds then.
    """
    import pyoxigraph as ox

    added = 0
    for path in summary_queries():
        cells = store.query(path.read_text(encoding="utf-8")).serialize(
            format=ox.RdfFormat.N_TRIPLES)
        if cells:
            store.bulk_load(input=cells, format=ox.RdfFormat.N_TRIPLES)
            added += cells.count(b"\n")
    return added


def derive(cases: rdflib.Graph) -> rdflib.Graph:
    """The classification's derived triples (types, dimensions, sizes, reasons, conflicts)."""
    from netorg.shacl.classify import classify

    return classify(cases).derived


def _add(store: pyoxigraph.Store, graph: rdflib.Graph) -> None:
    import pyoxigraph as ox

    if len(graph):
        store.bulk_load(input=graph.serialize(format="nt", encoding="utf-8"),
                        format=ox.RdfFormat.N_TRIPLES)


def dump(store: pyoxigraph.Store) -> bytes:
    """The default graph as N-Triples, the form both the cache and `netorg load` use."""
    import pyoxigraph as ox

    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


def _prune(folder: Path) -> None:
    builds = sorted(folder.glob("kb-*.nt"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP:]:
        old.unlink(missing_ok=True)
