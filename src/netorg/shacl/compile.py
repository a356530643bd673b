"""Compile a subset of SHACL into SPARQL SELECT queries that check every focus node at once.

pySHACL evaluates each constraint focus node by focus node; here each constraint becomes one query
over the whole store (data and ontology together), so validation costs a few joins instead of
millions of small queries. The compiler is generic: it knows SHACL, not netorg's shapes.

Supported: targets (sh:targetClass, sh:targetSubjectsOf, sh:targetObjectsOf, sh:targetNode, and
sh:target of a sh:SPARQLTarget whose sh:select binds ?this and uses no prefixes);
paths that are an IRI or sh:inversePath of an IRI; sh:minCount, sh:maxCount, sh:datatype,
sh:class, sh:in, sh:pattern (with sh:flags), sh:nodeKind, sh:min/maxInclusive,
sh:min/maxExclusive, sh:or of shapes made of those value constraints; sh:sparql SELECT constraints
in node shapes whose query binds $this with a triple pattern. Anything else is refused by name, so
that no shape is silently skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, BNode, Literal, Namespace, URIRef
from rdflib.collection import Collection

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = "http://www.w3.org/2001/XMLSchema#"

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
# value constraints: component local name -> SPARQL condition that a conforming ?value meets
VALUE_PARAMETERS = {
    SH.datatype: "DatatypeConstraintComponent",
    SH["class"]: "ClassConstraintComponent",
    SH["in"]: "InConstraintComponent",
    SH.pattern: "PatternConstraintComponent",
    SH.nodeKind: "NodeKindConstraintComponent",
    SH.minInclusive: "MinInclusiveConstraintComponent",
    SH.maxInclusive: "MaxInclusiveConstraintComponent",
    SH.minExclusive: "MinExclusiveConstraintComponent",
    SH.maxExclusive: "MaxExclusiveConstraintComponent",
    SH["or"]: "OrConstraintComponent",
}
COUNT_PARAMETERS = {
    SH.minCount: "MinCountConstraintComponent",
    SH.maxCount: "MaxCountConstraintComponent",
}
IGNORED = {
    RDF.type, SH.property, SH.path, SH.severity, SH.message, SH.name, SH.description,
    SH.deactivated, SH.sparql, SH.flags, SH.order, SH.group, SH.defaultValue, *TARGETS,
}
# casts that reject an ill-formed lexical form, as pySHACL's sh:datatype does
CASTABLE = {XSD + name for name in ("integer", "decimal", "double", "float", "boolean")}
NODE_KINDS = {
    SH.IRI: "isIRI(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.BlankNodeOrIRI: "!isLiteral(?value)",
    SH.BlankNodeOrLiteral: "!isIRI(?value)",
    SH.IRIOrLiteral: "!isBlank(?value)",
}
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


class UnsupportedShape(ValueError):
    """A shape uses SHACL that this compiler does not translate."""


@dataclass(frozen=True)
class Path:
    """A property path: an IRI, walked forwards or (inverse) backwards."""

    predicate: URIRef
    inverse: bool = False

    def pattern(self) -> str:
        if self.inverse:
            return f"?value <{self.predicate}> ?this ."
        return f"?this <{self.predicate}> ?value ."

    def term(self) -> str:
        return f"^{self.predicate}" if self.inverse else str(self.predicate)


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint of one shape, as a query returning ?this (and ?path, ?value when known)."""

    shape: Node
    component: str
    severity: URIRef
    query: str
    path: Path | None
    messages: tuple[Literal, ...]
    value_is_focus: bool = False  # node shapes report the focus node as the value
    value_reported: bool = True  # cardinality results carry no value
    source_constraint: Node | None = None


def compile_shapes(shapes: Graph) -> list[CompiledConstraint]:
    """Every active constraint of every shape that has a target, in a stable order."""
    compiled: list[CompiledConstraint] = []
    for shape in sorted({s for t in TARGETS for s in shapes.subjects(t, None)}, key=str):
        if _deactivated(shapes, shape):
            continue
        target = target_pattern(shapes, shape)
        compiled += _node_constraints(shapes, shape, target)
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            if not _deactivated(shapes, prop):
                compiled += _property_constraints(shapes, prop, target)
    return compiled


def target_pattern(shapes: Graph, shape: Node) -> str:
    """A group pattern that binds ?this to each focus node of `shape`, once."""
    branches = []
    for cls in shapes.objects(shape, SH.targetClass):
        branches.append(f"?this {RDF_TYPE}/{SUBCLASS}* {_iri(cls, shape, 'sh:targetClass')} .")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        branches.append(f"?this {_iri(prop, shape, 'sh:targetSubjectsOf')} ?_target .")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        branches.append(f"?_target {_iri(prop, shape, 'sh:targetObjectsOf')} ?this .")
    nodes = [n.n3() for n in shapes.objects(shape, SH.targetNode)]
    if nodes:
        branches.append(f"VALUES ?this {{ {' '.join(nodes)} }}")
    for target in shapes.objects(shape, SH.target):
        select = shapes.value(target, SH.select)
        if (target, RDF.type, SH.SPARQLTarget) not in shapes or select is None:
            raise UnsupportedShape(f"{shape}: only sh:SPARQLTarget targets with sh:select")
        branches.append(f"{{ {select} }}")
    union = " UNION ".join("{ " + b + " }" for b in sorted(branches))
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _node_constraints(shapes: Graph, shape: Node, target: str) -> list[CompiledConstraint]:
    severity = _severity(shapes, shape)
    messages = _messages(shapes, shape)
    found = []
    for sparql in sorted(shapes.objects(shape, SH.sparql), key=str):
        if _deactivated(shapes, sparql):
            continue
        found.append(CompiledConstraint(
            shape=shape, component="SPARQLConstraintComponent", severity=severity,
            query=sparql_constraint_query(shapes, shape, sparql, target), path=None,
            messages=_messages(shapes, sparql) or messages, value_is_focus=True,
            source_constraint=sparql,
        ))
    value_cond = _value_conditions(shapes, shape)
    for component, condition in value_cond:
        query = f"SELECT DISTINCT ?this WHERE {{ {target} BIND (?this AS ?value) " \
                f"FILTER (!{condition}) }}"
        found.append(CompiledConstraint(shape, component, severity, query, None, messages,
                                        value_is_focus=True))
    _refuse_unknown(shapes, shape, node_shape=True)
    return found


def _property_constraints(shapes: Graph, prop: Node, target: str) -> list[CompiledConstraint]:
    path = _path(shapes, prop)
    severity = _severity(shapes, prop)
    messages = _messages(shapes, prop)
    values = path.pattern()
    found = []
    for parameter, component in COUNT_PARAMETERS.items():
        for bound in shapes.objects(prop, parameter):
            n = int(bound)
            if parameter == SH.minCount and n == 1:
                query = f"SELECT ?this WHERE {{ {target} FILTER NOT EXISTS {{ {values} }} }}"
            elif parameter == SH.minCount:
                query = (f"SELECT ?this WHERE {{ {target} OPTIONAL {{ {values} }} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})")
            else:
                query = (f"SELECT ?this WHERE {{ {target} {values} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})")
            found.append(CompiledConstraint(prop, component, severity, query, path, messages,
                                            value_reported=False))
    # "no instance of C" as MINUS, which Oxigraph evaluates once, not once per value (FILTER)
    absent = {_condition(shapes, prop, SH["class"], c): _class_pattern(c)
              for c in shapes.objects(prop, SH["class"])}
    for component, condition in _value_conditions(shapes, prop):
        test = f"MINUS {absent[condition]}" if condition in absent else f"FILTER (!{condition})"
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {target} {values} {test} }}"
        found.append(CompiledConstraint(prop, component, severity, query, path, messages))
    if any(True for _ in shapes.objects(prop, SH.sparql)):
        raise UnsupportedShape(f"{prop}: sh:sparql in a property shape is not compiled")
    _refuse_unknown(shapes, prop, node_shape=False)
    return found


def _value_conditions(shapes: Graph, shape: Node) -> list[tuple[str, str]]:
    """(component, condition) for each value constraint of `shape`; errors count as failures."""
    found = []
    for parameter, component in VALUE_PARAMETERS.items():
        for argument in shapes.objects(shape, parameter):
            if parameter == SH["or"]:
                alternatives = [_conforms_all(shapes, alt) for alt in Collection(shapes, argument)]
                condition = "(" + " || ".join(alternatives) + ")"
            else:
                condition = _condition(shapes, shape, parameter, argument)
            found.append((component, condition))
    return found


def _conforms_all(shapes: Graph, shape: Node) -> str:
    conditions = [cond for _, cond in _value_conditions(shapes, shape)]
    _refuse_unknown(shapes, shape, node_shape=True)
    return "(" + " && ".join(conditions or ["true"]) + ")"


def _class_pattern(argument: Node) -> str:
    return f"{{ ?value {RDF_TYPE}/{SUBCLASS}* <{argument}> }}"


def _condition(shapes: Graph, shape: Node, parameter: URIRef, argument: Node) -> str:
    if parameter == SH.datatype:
        check = f"isLiteral(?value) && datatype(?value) = <{argument}>"
        if str(argument) in CASTABLE:
            check += f" && isLiteral(<{argument}>(?value))"
        return f"COALESCE({check}, false)"
    if parameter == SH["class"]:
        return f"EXISTS {_class_pattern(argument)}"
    if parameter == SH["in"]:
        members = [f"sameTerm(?value, {m.n3()})" for m in Collection(shapes, argument)]
        return "(" + " || ".join(members or ["false"]) + ")"
    if parameter == SH.pattern:
        flags = next(iter(shapes.objects(shape, SH.flags)), None)
        flag_arg = f", {Literal(str(flags)).n3()}" if flags is not None else ""
        pattern = Literal(str(argument)).n3()
        return f"COALESCE(!isBlank(?value) && REGEX(STR(?value), {pattern}{flag_arg}), false)"
    if parameter == SH.nodeKind:
        if argument not in NODE_KINDS:
            raise UnsupportedShape(f"{shape}: unknown sh:nodeKind {argument}")
        return NODE_KINDS[argument]
    operator = {SH.minInclusive: ">=", SH.maxInclusive: "<=",
                SH.minExclusive: ">", SH.maxExclusive: "<"}[parameter]
    return f"COALESCE(?value {operator} {argument.n3()}, false)"


def sparql_constraint_query(shapes: Graph, shape: Node, sparql: Node, target: str) -> str:
    """The constraint's SELECT with the focus nodes joined in first, so it runs set-at-a-time."""
    select = next(iter(shapes.objects(sparql, SH.select)), None)
    if select is None:
        raise UnsupportedShape(f"{shape}: sh:sparql without sh:select")
    text = re.sub(r"\$this\b", "?this", str(select))
    match = re.search(r"\bWHERE\s*\{", text, flags=re.IGNORECASE)
    head = text[: match.start()] if match else ""
    if not match or "?this" not in head:
        raise UnsupportedShape(f"{shape}: the SELECT must project $this and have a WHERE clause")
    if re.search(r"\$(PATH|currentShape|shapesGraph|value)\b", text):
        raise UnsupportedShape(f"{shape}: pre-bound variables other than $this are not compiled")
    query = text[: match.end()] + " " + target + " " + text[match.end():]
    return _prefixes(shapes, sparql) + query


def _prefixes(shapes: Graph, sparql: Node) -> str:
    lines = []
    for owner in shapes.objects(sparql, SH.prefixes):
        for declaration in shapes.objects(owner, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _path(shapes: Graph, prop: Node) -> Path:
    path = shapes.value(prop, SH.path)
    if isinstance(path, URIRef):
        return Path(path)
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if isinstance(inverse, URIRef):
        return Path(inverse, inverse=True)
    raise UnsupportedShape(f"{prop}: only IRI and sh:inversePath paths are compiled")


def _refuse_unknown(shapes: Graph, shape: Node, node_shape: bool) -> None:
    known = IGNORED | set(VALUE_PARAMETERS) | ({SH.sparql} if node_shape else set(COUNT_PARAMETERS))
    for predicate in set(shapes.predicates(shape, None)):
        if str(predicate).startswith(str(SH)) and predicate not in known:
            raise UnsupportedShape(f"{shape}: {predicate} is not compiled")


def _severity(shapes: Graph, shape: Node) -> URIRef:
    severity = shapes.value(shape, SH.severity)
    return severity if isinstance(severity, URIRef) else SH.Violation


def _messages(shapes: Graph, node: Node) -> tuple[Literal, ...]:
    return tuple(sorted((m for m in shapes.objects(node, SH.message) if isinstance(m, Literal)),
                        key=lambda m: (m.language or "", str(m))))


def _deactivated(shapes: Graph, node: Node) -> bool:
    value = shapes.value(node, SH.deactivated)
    return isinstance(value, Literal) and value.toPython() is True


def _iri(term: Node, shape: Node, parameter: str) -> str:
    if not isinstance(term, URIRef):
        raise UnsupportedShape(f"{shape}: {parameter} must be an IRI")
    return f"<{term}>"
