"""The package's rooms: every subpackage imports only what its docstring's "May import:" names,
and no two subpackages import each other, directly or round a longer loop.

Imports are read with `ast` (nothing is imported, so no heavy library loads), including those
inside functions and under `TYPE_CHECKING`: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "netorg"
SHARED = "shared"  # the top-level modules: errors, atomic writes, progress, resources, constants
FACADE = {"__init__", "__main__", "cli"}  # the public entry points, which sit above everything


def room_of(module: str, root: Path) -> str | None:
    """The subpackage of `root` a dotted module name belongs to, SHARED for a top-level module,
    None for the facade and for names outside netorg."""
    parts = module.split(".")
    if parts[0] != "netorg":
        return None
    if len(parts) == 1:
        return SHARED  # `from netorg import NS`: the package's constants
    if parts[1] in FACADE:
        return None
    return parts[1] if (root / parts[1]).is_dir() else SHARED


def imported(path: Path, module: str) -> set[str]:
    """The netorg modules that the file `path` (dotted name `module`) imports, anywhere in it."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join([*package, *([base] if base else [])])
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return {n for n in names if n == "netorg" or n.startswith("netorg.")}


def allowed(room_dir: Path) -> set[str]:
    """The rooms a subpackage's docstring lets it import ("May import: `netorg.x`, ...")."""
    doc = ast.get_docstring(ast.parse((room_dir / "__init__.py").read_text(encoding="utf-8")))
    match = re.search(r"May import:(.*?)(?:\n\n|$)", doc or "", re.DOTALL)
    assert match, f"{room_dir.name}/__init__.py: the docstring has no 'May import:' paragraph"
    return {SHARED, *re.findall(r"`netorg\.(\w+)`", match.group(1))}


def dependencies(root: Path) -> dict[str, dict[str, set[str]]]:
    """room -> room it imports -> the files that do it (imports inside one room left out)."""
    found: dict[str, dict[str, set[str]]] = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).with_suffix("")
        module = ".".join(["netorg", *relative.parts])
        source = room_of(module if relative.name != "__init__" else f"{module}.x", root)
        if source is None:
            continue
        for name in imported(path, module):
            target = room_of(name, root)
            if target is not None and target != source:
                where = str(path.relative_to(root))
                found.setdefault(source, {}).setdefault(target, set()).add(where)
    return found


def problems(root: Path) -> list[str]:
    """Every import that leaves what its room may import, and every loop between rooms."""
    deps = dependencies(root)
    found = []
    for source, targets in sorted(deps.items()):
        may = allowed(root / source) if source != SHARED else {SHARED}
        for target, files in sorted(targets.items()):
            if target not in may:
                found.append(f"{source} imports {target} ({', '.join(sorted(files))})")
    found += [f"cycle: {' -> '.join(c)}" for c in cycles({s: set(t) for s, t in deps.items()})]
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The loops of a directed graph, each once, as the path that closes it."""
    loops: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                loop = path[path.index(nxt):]
                if frozenset(loop) not in seen:
                    seen.add(frozenset(loop))
                    loops.append([*loop, nxt])
            else:
                walk(nxt, [*path, nxt])

    for start in sorted(graph):
        walk(start, [start])
    return loops


def test_the_package_imports_flow_one_way() -> None:
    assert problems(PACKAGE) == []


def test_every_room_has_a_docstring_that_says_its_job() -> None:
    rooms = [p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    assert len(rooms) >= 7
    for room in rooms:
        doc = ast.get_docstring(ast.parse((room / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.split()) > 20, room.name
        allowed(room)


def test_no_family_of_modules_shares_a_prefix_at_the_top() -> None:
    loose = [p.stem for p in PACKAGE.glob("*.py") if p.stem not in FACADE]
    prefixes = [name.split("_")[0] for name in loose]
    assert all(prefixes.count(p) < 3 for p in prefixes), loose
    assert len(loose) <= 6, loose


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "netorg"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "java"))
    return copy


def test_an_import_that_climbs_is_caught(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    read = copy / "rdf" / "read.py"
    read.write_text(read.read_text() + "\n\ndef _x():\n    from netorg.site import build\n")
    found = problems(copy)
    assert found[0] == "rdf imports site (rdf/read.py)", found
    assert "cycle: rdf -> site -> rdf" in found, found


def test_an_injected_cycle_is_caught(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    (copy / "sheets" / "__init__.py").write_text(
        '"""Docstring long enough to say a job: it reads and writes the spreadsheets of the\n'
        "case studies that researchers fill in by hand, for tests only.\n\n"
        'May import: `netorg.shacl`, `netorg.rdf`, `netorg.safe`.\n"""\n'
    )
    codes = copy / "sheets" / "codes.py"
    codes.write_text(codes.read_text() + "\nfrom netorg.shacl.classify import classify  # noqa\n")
    found = problems(copy)
    # one loop, named from whichever of its rooms the walk reaches first
    assert len(found) == 1 and found[0].startswith("cycle: "), found
    assert set(found[0].removeprefix("cycle: ").split(" -> ")) == {"shacl", "sheets"}, found


def test_a_relative_import_is_read_like_an_absolute_one(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    terms = copy / "rdf" / "terms.py"
    terms.write_text(terms.read_text() + "\nfrom ..sparql import kb  # noqa\n")
    found = problems(copy)
    assert found[0] == "rdf imports sparql (rdf/terms.py)", found
