"""pyrudof (Rust, in its SPARQL mode) as a third SHACL engine for the tests.

Its Native mode is not used: it reports `sh:minInclusive 0` violations on valid
xsd:nonNegativeInteger values (pyrudof 0.3.35), which its SPARQL mode does not.

pyrudof implements SHACL Core and SPARQL constraints, not SHACL Advanced Features: a
`sh:SPARQLTarget` is unknown to it. SHACL-AF §5.1 defines such a target as the nodes its
`sh:select` returns on the data graph, so each one is handed to pyrudof as exactly those nodes
(`sh:targetNode`), and the comparison stays strict.
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
    rudof.read_shacl(_core_shapes(data), format=pyrudof.ShaclFormat.Turtle)
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
    keys = {(f.focus, f.path, f.shape) for f in report.results}
    assert all(focus.startswith(("http://", "https://")) for focus, _, _ in keys), (
        "a finding on a blank node: the engines' keys cannot be compared")
    return keys


def _core_shapes(data: rdflib.Graph) -> str:
    """The bundled shapes with every SPARQL-based target replaced by the nodes it selects."""
    import pyoxigraph as ox

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    shapes = rdflib.Graph().parse(shapes_dir() / "validation.ttl")
    store = ox.Store()
    store.load(path=str(ontology_file()), format=ox.RdfFormat.TURTLE)
    store.load(data.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    for shape, target in list(shapes.subject_objects(sh.target)):
        select = str(shapes.value(target, sh.select))
        # a blank node cannot be a sh:targetNode (pyrudof 0.3.35 panics on one), and a finding on
        # a blank node could not be matched across engines anyway: netorg_keys refuses any
        nodes = [row["this"] for row in store.query(select)]
        for node in (n for n in nodes if isinstance(n, ox.NamedNode)):
            shapes.add((shape, sh.targetNode, rdflib.URIRef(node.value)))
        shapes.remove((shape, sh.target, target))
    return shapes.serialize(format="turtle")
