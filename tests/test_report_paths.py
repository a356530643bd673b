"""A complex path in a finding is a SHACL path again in the RDF report (SHACL §3.6.2.4)."""

from __future__ import annotations

import pytest
import rdflib

from netorg.shacl.compile import sparql_path
from netorg.shacl.validate import report_graph, validate

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
PATHS = {  # the shape's sh:path, in Turtle
    "sequence": "( ex:p ex:q )",
    "alternative": "[ sh:alternativePath ( ex:p ex:q ) ]",
    "zero-or-more": "[ sh:zeroOrMorePath ex:p ]",
    "one-or-more": "[ sh:oneOrMorePath [ sh:inversePath ex:q ] ]",
    "zero-or-one": "( [ sh:zeroOrOnePath ex:p ] ex:q )",
}
PREFIXES = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> ."


@pytest.mark.parametrize("name", sorted(PATHS))
def test_a_complex_path_round_trips_through_the_report(name: str) -> None:
    shapes = rdflib.Graph().parse(data=f"""{PREFIXES}
        ex:S a sh:NodeShape ; sh:targetNode ex:a ;
            sh:property [ sh:path {PATHS[name]} ; sh:minCount 5 ] .""", format="turtle")
    data = rdflib.Graph().parse(data=f"{PREFIXES} ex:a ex:p ex:b . ex:b ex:q ex:a .",
                                format="turtle")
    ours = validate(data, shapes=shapes)
    theirs = validate(data, engine="pyshacl", shapes=shapes)
    (finding,) = ours.results
    assert [f.path for f in theirs.results] == [finding.path]  # pySHACL's report read back
    report = report_graph(ours.results, conforms=False)
    (written,) = report.objects(None, SH.resultPath)
    assert isinstance(written, rdflib.BNode)
    shape_path = shapes.value(next(shapes.objects(None, SH.property)), SH.path)
    assert sparql_path(report, written) == sparql_path(shapes, shape_path) == finding.path
