"""Literals as written reach every construct, not only a property shape's own value tests.

The store keeps "46.070" and "46.07" as one decimal and "1962"^^xsd:int as an xsd:integer; SHACL
compares terms. Each shape below uses a construct that compares or counts values (sh:hasValue,
sh:in, cardinality or datatype inside sh:or and sh:node, sh:qualifiedValueShape, sh:equals,
sh:disjoint) on such literals; the expected focus nodes are SHACL's answer, worked by hand from
the clause cited with each, and pySHACL must give the same.
"""

from __future__ import annotations

import pytest
import rdflib

from netorg.rdf.read import as_written
from netorg.shacl.validate import validate

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""
# shape body, data, the focus nodes SHACL reports
CASES = {
    # §4.8.3 sh:hasValue: some value node *is* the term: "1962"^^xsd:int is not 1962
    "has-value": ('sh:targetNode ex:a, ex:b, ex:c ; sh:property [ sh:path ex:p ; '
                  'sh:hasValue "1962"^^xsd:integer ]',
                  'ex:a ex:p "1962"^^xsd:int . ex:b ex:p "01962"^^xsd:integer . '
                  'ex:c ex:p "1962"^^xsd:integer .', {"a", "b"}),
    # §4.8.2 sh:in: each value node is a member of the list, as a term
    "in": ('sh:targetNode ex:a, ex:b, ex:c ; sh:property [ sh:path ex:p ; '
           'sh:in ( "46.07"^^xsd:decimal "x" ) ]',
           'ex:a ex:p "46.070"^^xsd:decimal . ex:b ex:p "46.07"^^xsd:decimal . '
           'ex:c ex:p "46.07"^^xsd:double .', {"a", "c"}),
    # §4.6.2 sh:or over property shapes: the datatype of an xsd:int is not xsd:integer
    "or-datatype": ('sh:targetNode ex:a, ex:b ; sh:or ( [ sh:path ex:q ; sh:datatype '
                    'xsd:integer ] [ sh:path ex:q ; sh:datatype xsd:string ] )',
                    'ex:a ex:q "12"^^xsd:int . ex:b ex:q "12"^^xsd:integer .', {"a"}),
    # §4.2.2 sh:maxCount inside sh:node: two lexical forms are two values
    "node-count": ('sh:targetNode ex:a, ex:b ; sh:node [ sh:property [ sh:path ex:r ; '
                   'sh:maxCount 1 ] ]',
                   'ex:a ex:r "46.07"^^xsd:decimal , "46.070"^^xsd:decimal . '
                   'ex:b ex:r "46.07"^^xsd:decimal .', {"a"}),
    # §4.7.3 qualified value shapes: conformance of each value node, as written
    "qualified": ('sh:targetNode ex:a, ex:b ; sh:property [ sh:path ex:s ; '
                  'sh:qualifiedValueShape [ sh:datatype xsd:integer ] ; sh:qualifiedMinCount 1 ]',
                  'ex:a ex:s "5"^^xsd:int . ex:b ex:s "5"^^xsd:integer .', {"a"}),
    # §4.5.1 sh:equals: the two sets of values, as terms
    "equals": ('sh:targetNode ex:a, ex:b ; sh:property [ sh:path ex:p1 ; sh:equals ex:p2 ]',
               'ex:a ex:p1 "46.070"^^xsd:decimal ; ex:p2 "46.07"^^xsd:decimal . '
               'ex:b ex:p1 "46.07"^^xsd:decimal , "46.070"^^xsd:decimal ; '
               'ex:p2 "46.070"^^xsd:decimal , "46.07"^^xsd:decimal .', {"a"}),
    # §4.5.2 sh:disjoint: no term in common; 46.07 and 46.070 are two terms
    "disjoint": ('sh:targetNode ex:a, ex:b ; sh:property [ sh:path ex:p1 ; sh:disjoint ex:p2 ]',
                 'ex:a ex:p1 "46.070"^^xsd:decimal ; ex:p2 "46.07"^^xsd:decimal . '
                 'ex:b ex:p1 "7"^^xsd:int ; ex:p2 "7"^^xsd:int .', {"b"}),
}


def _focus(report) -> set[str]:
    return {f.focus.removeprefix("http://example.org/") for f in report.results
            if f.severity == "violation"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_construct_reads_literals_as_written(name: str) -> None:
    body, data_text, expected = CASES[name]
    shapes = rdflib.Graph().parse(data=f"{PREFIXES} ex:Shape a sh:NodeShape ; {body} .",
                                  format="turtle")
    with as_written():
        data = rdflib.Graph().parse(data=PREFIXES + data_text, format="turtle")
    assert _focus(validate(data, shapes=shapes)) == expected
    assert _focus(validate(data, engine="pyshacl", shapes=shapes)) == expected
