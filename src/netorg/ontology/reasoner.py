"""Consistency, satisfiability and realisation with the HermiT reasoner, through owlready2.

owlready2 does not read Turtle, so the rdflib graph is written as N-Triples into a private temporary
folder and loaded into a fresh `owlready2.World`: calls never share state, and several processes
(pytest -n 2) can reason at the same time. HermiT runs in Java; its heap is `java_memory` MB, or
`NETORG_JAVA_MEMORY`, or 2000 MB. When HermiT finds the ontology inconsistent, the
Pellet reasoner bundled with owlready2 is asked which axioms clash (HermiT cannot say).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netorg.errors import FINDINGS, NetorgError, UnusableInput

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    import owlready2
    import rdflib

MEMORY_VARIABLE = "NETORG_JAVA_MEMORY"
DEFAULT_JAVA_MEMORY = 2000  # MB, owlready2's own default
_OWL = "http://www.w3.org/2002/07/owl#"


class JavaNotFound(NetorgError):
    """No Java runtime: HermiT cannot run."""

    def __init__(self) -> None:
        super().__init__(
            "Java not found: the HermiT reasoner needs a Java runtime "
            "(apt-get install default-jre-headless)"
        )


class ReasonerFailed(NetorgError):
    """Java started but HermiT stopped with an error (out of memory, unsupported construct...)."""


class InconsistentOntology(NetorgError):
    """Raised by `realise`: an inconsistent ontology entails everything, so nothing is realised."""

    exit_code = FINDINGS


@dataclass
class Reasoning:
    """HermiT's verdict on an ontology; `types` is filled when realisation was asked for."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    explanation: str = ""
    seconds: float = 0.0
    types: dict[str, set[str]] | None = None

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def to_dict(self) -> dict[str, Any]:
        return {
            "consistent": self.consistent,
            "unsatisfiable": self.unsatisfiable,
            "explanation": self.explanation,
            "seconds": round(self.seconds, 3),
        }


def reason(
    graph: rdflib.Graph, *, java_memory: int | None = None, with_types: bool = False
) -> Reasoning:
    """Is the ontology consistent, and which named classes are unsatisfiable (≡ owl:Nothing)?

    With `with_types`, the same HermiT run also realises the individuals (see `realise`), so a
    caller who wants both starts Java once.
    """
    import owlready2

    started = time.perf_counter()
    with _loaded_world(graph, java_memory) as (world, ntriples):
        try:
            _run_hermit(world)
        except owlready2.OwlReadyInconsistentOntologyError:
            explanation = "HermiT: inconsistent ontology; " + _explain(ntriples)
            return Reasoning(False, [], explanation, time.perf_counter() - started)
        unsatisfiable = sorted(
            c.iri for c in world.inconsistent_classes() if not c.iri.startswith(_OWL)
        )
        types = _types(world) if with_types else None
    return Reasoning(True, unsatisfiable, "", time.perf_counter() - started, types)


def realise(graph: rdflib.Graph, *, java_memory: int | None = None) -> dict[str, set[str]]:
    """Every named individual's IRI -> the IRIs of all named classes it is inferred to belong to.

    Direct and indirect classes are given (owl:Thing is left out). Raises `InconsistentOntology`
    when HermiT finds the graph inconsistent: an inconsistent ontology entails every type.
    """
    reasoning = reason(graph, java_memory=java_memory, with_types=True)
    if not reasoning.consistent:
        raise InconsistentOntology(
            f"nothing can be inferred from an inconsistent ontology ({reasoning.explanation})"
        )
    return reasoning.types or {}


def java_memory_mb(java_memory: int | None = None) -> int:
    """The heap for HermiT in MB: the argument, else `NETORG_JAVA_MEMORY`, else 2000."""
    if java_memory is not None:
        if java_memory <= 0:
            raise UnusableInput(f"--java-memory must be a positive number of MB, not {java_memory}")
        return java_memory
    raw = os.environ.get(MEMORY_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_JAVA_MEMORY
    if not raw.isdigit() or int(raw) <= 0:
        raise UnusableInput(f"{MEMORY_VARIABLE}={raw!r}: expected a positive number of MB")
    return int(raw)


def java_executable() -> str:
    """The `java` to run: `$JAVA_HOME/bin/java` if it exists, else the first on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise JavaNotFound()
    return found


# -- helpers ---------------------------------------------------------------------------------------

OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"


def write_without_imports(graph: rdflib.Graph, destination: Path) -> None:
    """The graph as N-Triples for a Java tool, without its `owl:imports`.

    owlready2 and the OWL API follow imports (over HTTP, or `file:///etc/passwd`): an input file
    must never make netorg open a connection or read a file the user did not name, so the tools
    see the graph alone (`netorg check` says which imports it left out).
    """
    text = graph.serialize(format="nt", encoding="utf-8")
    imports = f"<{OWL_IMPORTS}>".encode()
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if line.split(b" ", 2)[1:2] != [imports]]
    destination.write_bytes(b"".join(kept))


def imports_of(graph: rdflib.Graph) -> list[str]:
    """The ontologies `graph` says it imports (left out of what the Java tools read)."""
    import rdflib

    return sorted(str(o) for o in graph.objects(None, rdflib.URIRef(OWL_IMPORTS)))



@contextmanager
def _loaded_world(
    graph: rdflib.Graph, java_memory: int | None
) -> Iterator[tuple[owlready2.World, Path]]:
    import owlready2
    import owlready2.reasoning

    owlready2.JAVA_EXE = java_executable()
    owlready2.reasoning.JAVA_MEMORY = java_memory_mb(java_memory)  # a global: set on every call
    with tempfile.TemporaryDirectory(prefix="netorg-reasoner-") as folder:
        ntriples = Path(folder) / "ontology.nt"
        write_without_imports(graph, ntriples)
        world = owlready2.World()
        try:
            world.get_ontology(ntriples.as_uri()).load(format="ntriples")
            yield world, ntriples
        finally:
            world.close()


def _types(world: owlready2.World) -> dict[str, set[str]]:
    import owlready2

    types: dict[str, set[str]] = {}
    for individual in world.individuals():
        iri = getattr(individual, "iri", "")
        if not iri or iri.startswith("_:"):
            continue
        types[iri] = {
            c.iri
            for c in individual.INDIRECT_is_a
            if isinstance(c, owlready2.ThingClass) and not c.iri.startswith(_OWL)
        }
    return types


def _run_hermit(world: owlready2.World) -> None:
    import owlready2

    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except owlready2.OwlReadyJavaError as error:
        raise ReasonerFailed(f"HermiT failed: {_java_reason(str(error))}") from None
    except FileNotFoundError:
        raise JavaNotFound() from None


def _explain(ntriples: Path) -> str:
    """One line naming the axioms of the first clash, as Pellet's `explain` gives them."""
    import owlready2
    import owlready2.reasoning

    command = [
        owlready2.JAVA_EXE, f"-Xmx{owlready2.reasoning.JAVA_MEMORY}M",
        "-cp", owlready2.reasoning._PELLET_CLASSPATH,
        "pellet.Pellet", "explain", "--ignore-imports", str(ntriples),
    ]
    try:
        output = subprocess.run(command, capture_output=True, text=True, timeout=300).stdout
    except (OSError, subprocess.SubprocessError) as error:
        return f"(no explanation: {error})"
    lines = output.split("Explanation(s):", 1)[-1].splitlines()
    axioms: list[str] = []
    for line in lines:
        if re.match(r"^\s*2\)", line):
            break
        text = re.sub(r"^\s*1\)\s*", "", line).strip()
        if text:
            axioms.append(text)
    return "clashing axioms: " + "; ".join(axioms) if axioms else "(Pellet gave no explanation)"


def _java_reason(message: str) -> str:
    """The line of a Java error that says what went wrong (an exception name and its message)."""
    for line in message.splitlines():
        if ("Exception" in line or "Error" in line) and "Java error message is" not in line:
            return line.strip()
    return message.strip().splitlines()[-1] if message.strip() else "unknown Java error"
