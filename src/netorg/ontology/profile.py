"""The OWL 2 DL profile check of the OWL API (Debian's libowlapi-java), run as a Java program.

The SPARQL checks catch the defects worth naming one by one; the OWL API knows every rule of the
OWL 2 DL profile (declarations, punning, reserved vocabulary, global restrictions), so it catches
the rest. `java/Check.java` runs with Java's single-file source launcher: nothing to build.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netorg.errors import NetorgError

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

OWLAPI_DIR = Path("/usr/share/java")
OWLAPI_JAR = OWLAPI_DIR / "owlapi-distribution.jar"
PROGRAM = Path(__file__).resolve().parent / "java" / "Check.java"


class OwlApiNotFound(NetorgError):
    def __init__(self) -> None:
        super().__init__(
            "OWL API not found: the OWL 2 DL profile check needs libowlapi-java "
            "(apt-get install libowlapi-java)"
        )


@dataclass
class ProfileReport:
    """The OWL API's violations of OWL 2 DL: (kind, term IRI, description) each."""

    violations: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0


def check_profile(graph: rdflib.Graph, *, java_memory: int | None = None) -> ProfileReport:
    """Ask the OWL API whether the graph is in the OWL 2 DL profile."""
    from netorg.ontology.reasoner import java_executable, java_memory_mb, write_without_imports

    if not OWLAPI_JAR.is_file():
        raise OwlApiNotFound()
    java = java_executable()
    memory = java_memory_mb(java_memory)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="netorg-profile-") as folder:
        ntriples = Path(folder) / "ontology.nt"
        write_without_imports(graph, ntriples)
        command = [java, f"-Xmx{memory}M", "-cp", f"{OWLAPI_DIR}/*", str(PROGRAM), str(ntriples)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    lines = [line for line in result.stdout.splitlines() if "\t" in line]
    if result.returncode not in (0, 1) or any(line.startswith("unloadable\t") for line in lines):
        reason = lines[0].split("\t", 1)[1] if lines else _last_line(result.stderr)
        raise NetorgError(f"the OWL API could not check the ontology: {reason}")
    violations = []
    for line in lines:
        kind, text = line.split("\t", 1)
        text = re.sub(r" in OntologyID\(.*\)\]$", "]", text)
        iri = re.search(r"<([^>]+)>", text)
        violations.append((kind, iri.group(1) if iri else "", text))
    return ProfileReport(violations, time.perf_counter() - started)


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip() and "SLF4J" not in line]
    return lines[-1].strip() if lines else "no output"
