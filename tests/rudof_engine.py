"""pyrudof (Rust, in its SPARQL mode) as a third SHACL engine for the tests.

Its Native mode is not used: it reports `sh:minInclusive 0` violations on valid
xsd:nonNegativeInteger values (pyrudof 0.3.35), which its SPARQL mode does not.
"""

from __future__ import annotations

import pyrudof
import rdflib

from netorg.resources import ontology_file, shapes_dir


def rudof_keys(data: rdflib.Graph) -> set[tuple[str, str | None, str]]:
    """(focus, path, shape) of each result pyrudof gives on data + the bundled ontology."""
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(str(ontology_file()), format=pyrudof.RDFFormat.Turtle)
    rudof.read_data(data.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples, merge=True,
                    reader_mode=pyrudof.ReaderMode.Strict)
    rudof.read_shacl(str(shapes_dir() / "validation.ttl"))
    report = rudof.validate_shacl(mode=pyrudof.ShaclValidationMode.Sparql)
    return {(_text(e.focus_node), _path(e.path), _text(e.source_shape)) for e in report.violations}


def _text(term: object) -> str:
    return str(term).removeprefix("<").removesuffix(">")


def _path(path: object) -> str | None:
    if path is None or str(path) in ("", "None"):
        return None
    text = str(path)  # an inverse path reads ^(<iri>)
    if text.startswith("^"):
        return "^" + _text(text[1:].removeprefix("(").removesuffix(")"))
    return _text(text)


def netorg_keys(report) -> set[tuple[str, str | None, str]]:
    return {(f.focus, f.path, f.shape) for f in report.results}
