"""Compile SHACL into SPARQL SELECT queries that check every focus node at once.

pySHACL evaluates each constraint focus node by focus node; here each constraint becomes one query
over the whole store (data and ontology together), so validation costs a few joins instead of
millions of small queries. The compiler is generic: it knows SHACL, not netorg's shapes.

Supported (the W3C test suite run, tests/w3c_suite.py, checks each): explicit and implicit class
targets (a shape that is an rdfs:Class), sh:targetNode/SubjectsOf/ObjectsOf, sh:target of a
sh:SPARQLTarget whose sh:select binds ?this (SHACL-AF; full IRIs, no prefixes), on node shapes and
on property shapes; property shapes nested in property shapes; every SHACL path (IRI, inverse,
sequence, alternative, zero-or-more, one-or-more, zero-or-one), written as a SPARQL property path;
the value constraints sh:class, sh:datatype, sh:nodeKind, sh:in, sh:hasValue, sh:pattern,
sh:languageIn, sh:minLength/maxLength, sh:min/maxInclusive/Exclusive; sh:minCount/maxCount,
sh:uniqueLang, sh:equals, sh:disjoint, sh:lessThan(OrEquals), sh:closed, qualified value shapes;
sh:node, sh:not, sh:and, sh:or, sh:xone over shapes of all of these; sh:sparql SELECT constraints
with $this pre-bound (joined to the focus nodes where that is the same, else substituted focus
node by focus node) and $PATH in property shapes, under SHACL's syntax rules for pre-bound
variables (§5.2: no MINUS, VALUES, SERVICE, sub-select without $this, nor AS $this); custom
severities. Anything else (SPARQL-based constraint components, sh:sparql inside a logical
constraint, recursive shapes) is refused by name, so that no shape is silently skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, BNode, Literal, Namespace, URIRef
from rdflib.collection import Collection

from netorg.shacl.literals import SENSITIVE, WRITTEN, WRITTEN_DATATYPE

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = "http://www.w3.org/2001/XMLSchema#"

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
# constraints tested on each value node: parameter -> component
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
    SH.minLength: "MinLengthConstraintComponent",
    SH.maxLength: "MaxLengthConstraintComponent",
    SH.languageIn: "LanguageInConstraintComponent",
    SH.node: "NodeConstraintComponent",
    SH["not"]: "NotConstraintComponent",
    SH["and"]: "AndConstraintComponent",
    SH["or"]: "OrConstraintComponent",
    SH.xone: "XoneConstraintComponent",
}
COUNT_PARAMETERS = {
    SH.minCount: "MinCountConstraintComponent",
    SH.maxCount: "MaxCountConstraintComponent",
}
# constraints whose results pair the focus node with another property's values
PAIR_PARAMETERS = {
    SH.equals: "EqualsConstraintComponent",
    SH.disjoint: "DisjointConstraintComponent",
    SH.lessThan: "LessThanConstraintComponent",
    SH.lessThanOrEquals: "LessThanOrEqualsConstraintComponent",
}
OTHER_PARAMETERS = {SH.hasValue, SH.uniqueLang, SH.qualifiedValueShape, SH.closed,
                    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint,
                    SH.ignoredProperties, SH.flags}
IGNORED = {
    RDF.type, SH.property, SH.path, SH.severity, SH.message, SH.name, SH.description,
    SH.deactivated, SH.sparql, SH.order, SH.group, SH.defaultValue, *TARGETS,
}
# casts that reject an ill-formed lexical form, as pySHACL's sh:datatype does
CASTABLE = {XSD + name for name in ("integer", "decimal", "double", "float", "boolean")}
# integer sub-datatypes the store rewrites to xsd:integer on load (keeping an ill-typed value
# as written): name -> (min, max) of the value space (XML Schema 1.1 Part 2, section 3.4)
REWRITTEN = {XSD + name: bounds for name, bounds in {
    "int": (-2**31, 2**31 - 1), "long": (-2**63, 2**63 - 1), "short": (-2**15, 2**15 - 1),
    "byte": (-128, 127), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "negativeInteger": (None, -1), "nonPositiveInteger": (None, 0),
    "unsignedInt": (0, 2**32 - 1), "unsignedLong": (0, 2**64 - 1),
    "unsignedShort": (0, 65535), "unsignedByte": (0, 255)}.items()}
# the lexical space of the datatypes the store rewrites (XML Schema 1.1 Part 2, section 3.3)
_INTEGER = r"[+-]?[0-9]+"
_DECIMAL = r"[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"
_FLOAT = r"[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([Ee][+-]?[0-9]+)?|[+-]?INF|NaN"
LEXICAL = {**{datatype: _INTEGER for datatype in (*REWRITTEN, XSD + "integer")},
           XSD + "decimal": _DECIMAL, XSD + "double": _FLOAT, XSD + "float": _FLOAT,
           XSD + "boolean": "true|false|1|0"}
# constraints whose answer depends on a literal's datatype IRI or lexical form
WRITTEN_SENSITIVE = {SH.datatype, SH["in"], SH.minInclusive, SH.maxInclusive, SH.minExclusive,
                     SH.maxExclusive}
NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})",
    SH.BlankNodeOrLiteral: "!isIRI({v})",
    SH.IRIOrLiteral: "!isBlank({v})",
}
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
# SPARQL text, tokenised for SHACL's syntax rules: strings, IRIs and comments are skipped whole
TOKENS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''
                    r'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
                    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[{}()]|[$?]\w+|\*|(?:[A-Za-z_][\w-]*)?:[\w.-]*|[A-Za-z_]\w*')


class UnsupportedShape(ValueError):
    """A shape uses SHACL that this compiler does not translate, or that SHACL forbids."""


@dataclass(frozen=True)
class Path:
    """A property path: `text` in SPARQL syntax; `predicate` set when it is an IRI or ^IRI."""

    text: str
    predicate: URIRef | None = None
    inverse: bool = False

    def pattern(self, this: str = "?this", value: str = "?value") -> str:
        if self.predicate is not None and self.inverse:
            return f"{value} <{self.predicate}> {this} ."
        return f"{this} {self.text} {value} ."

    def term(self) -> str:
        """The path as findings write it: the IRI, ^IRI, or the SPARQL property path."""
        if self.predicate is None:
            return self.text
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
    focus_query: str | None = None  # set: run `query` once per focus node, $this substituted


@dataclass
class _Compiler:
    shapes: Graph
    written: frozenset = frozenset()  # properties read from netorg.shacl.literals.WRITTEN
    counter: int = 0
    visiting: list = field(default_factory=list)

    def fresh(self) -> str:
        self.counter += 1
        return f"?_v{self.counter}"


def compile_shapes(shapes: Graph, written: frozenset = frozenset()) -> list[CompiledConstraint]:
    """Every active constraint of every shape that has focus nodes, in a stable order.

    The values of the properties in `written` are read as written where the store would rewrite
    them (netorg.shacl.literals): the properties for which the data holds such literals.
    """
    _refuse_custom_components(shapes)
    compiler = _Compiler(shapes, written)
    compiled: list[CompiledConstraint] = []
    for shape, target in sorted(focus_patterns(shapes).items(), key=lambda st: str(st[0])):
        if _is_property_shape(shapes, shape):
            compiled += _property_constraints(compiler, shape, target)
        else:
            compiled += _node_constraints(compiler, shape, target)
    return compiled


def focus_patterns(shapes: Graph) -> dict[Node, str]:
    """Each shape that has focus nodes -> a group pattern that binds ?this to each, once."""
    branches: dict[Node, list[str]] = {}
    todo = [(s, _target_branches(shapes, s)) for s in _targeted(shapes)]
    while todo:
        shape, found = todo.pop()
        if _deactivated(shapes, shape) or not found:
            continue
        known = branches.setdefault(shape, [])
        new = [b for b in found if b not in known]
        if not new or len(known) > 50:
            continue
        known += new
        own = _select(new)
        values = own
        if _is_property_shape(shapes, shape):  # nested property shapes: values become focus
            path = _path(shapes, shape)
            values = (f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT (?this AS ?_parent) "
                      f"WHERE {{ {own} }} }} {path.pattern('?_parent', '?this')} }} }}")
        for child in shapes.objects(shape, SH.property):
            todo.append((child, [values]))
    return {shape: _select(found) for shape, found in branches.items()}


def _select(branches: list[str]) -> str:
    if len(branches) == 1 and branches[0].startswith("{ SELECT DISTINCT ?this"):
        return branches[0]
    union = " UNION ".join(b if b.startswith("{") else "{ " + b + " }" for b in sorted(branches))
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _targeted(shapes: Graph) -> list[Node]:
    explicit = {s for t in TARGETS for s in shapes.subjects(t, None)}
    implicit = {s for s in shapes.subjects(RDF.type, RDFS.Class) if _is_shape(shapes, s)}
    return sorted(explicit | implicit, key=str)


def _is_shape(shapes: Graph, node: Node) -> bool:
    types = set(shapes.objects(node, RDF.type))
    return bool(types & {SH.NodeShape, SH.PropertyShape}) or any(
        p in VALUE_PARAMETERS or p in COUNT_PARAMETERS or p in (SH.property, SH.sparql)
        for p in shapes.predicates(node, None))


def _is_property_shape(shapes: Graph, shape: Node) -> bool:
    return shapes.value(shape, SH.path) is not None


def target_pattern(shapes: Graph, shape: Node) -> str:
    """A group pattern that binds ?this to each focus node `shape` targets, once."""
    return _select(_target_branches(shapes, shape))


def _target_branches(shapes: Graph, shape: Node) -> list[str]:
    branches = []
    classes = list(shapes.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in shapes:
        classes.append(shape)
    for cls in classes:
        branches.append(f"?this {RDF_TYPE}/{SUBCLASS}* {_iri(cls, shape, 'sh:targetClass')} .")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        branches.append(f"?this {_iri(prop, shape, 'sh:targetSubjectsOf')} ?_target .")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        branches.append(f"?_target {_iri(prop, shape, 'sh:targetObjectsOf')} ?this .")
    nodes = [n.n3() for n in shapes.objects(shape, SH.targetNode)]
    if nodes:
        branches.append(f"VALUES ?this {{ {' '.join(sorted(nodes))} }}")
    for target in shapes.objects(shape, SH.target):
        select = shapes.value(target, SH.select)
        if (target, RDF.type, SH.SPARQLTarget) not in shapes or select is None:
            raise UnsupportedShape(f"{shape}: only sh:SPARQLTarget targets with sh:select")
        branches.append(f"{{ {select} }}")
    return sorted(branches)


# -- top-level constraints: one query each --------------------------------------------------------


def _node_constraints(c: _Compiler, shape: Node, target: str) -> list[CompiledConstraint]:
    shapes = c.shapes
    _refuse_unknown(shapes, shape, property_shape=False)
    severity = _severity(shapes, shape)
    messages = _messages(shapes, shape)
    found = []
    for sparql in sorted(shapes.objects(shape, SH.sparql), key=str):
        if not _deactivated(shapes, sparql):
            found.append(_sparql_constraint(shapes, shape, sparql, target, None, severity,
                                            _messages(shapes, sparql) or messages))
    for component, condition in _value_conditions(c, shape, "?value"):
        query = f"SELECT DISTINCT ?this WHERE {{ {target} BIND (?this AS ?value) " \
                f"FILTER (!{condition}) }}"
        found.append(CompiledConstraint(shape, component, severity, query, None, messages,
                                        value_is_focus=True))
    for value in shapes.objects(shape, SH.hasValue):
        test = f"FILTER (!{_is_term('?this', value)})"
        query = f"SELECT DISTINCT ?this WHERE {{ {target} {test} }}"
        found.append(CompiledConstraint(shape, "HasValueConstraintComponent", severity, query,
                                        None, messages, value_reported=False))
    found += _pair_constraints(c, shape, target, None, severity, messages)
    found += _closed_constraint(c, shape, target, severity, messages)
    return found


def _property_constraints(c: _Compiler, prop: Node, target: str) -> list[CompiledConstraint]:
    shapes = c.shapes
    _refuse_unknown(shapes, prop, property_shape=True)
    path = _path(shapes, prop)
    severity = _severity(shapes, prop)
    messages = _messages(shapes, prop)
    values = _values(c, path)
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
    absent = {_condition(c, prop, SH["class"], k, "?value"): _class_pattern(k, "?value")
              for k in shapes.objects(prop, SH["class"])}
    for component, condition in _value_conditions(c, prop, "?value"):
        test = f"MINUS {absent[condition]}" if condition in absent else f"FILTER (!{condition})"
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {target} {values} {test} }}"
        found.append(CompiledConstraint(prop, component, severity, query, path, messages))
    for component, condition in _focus_conditions(c, prop, path, "?this"):
        query = f"SELECT DISTINCT ?this WHERE {{ {target} FILTER (!{condition}) }}"
        found.append(CompiledConstraint(prop, component, severity, query, path, messages,
                                        value_reported=False))
    found += _pair_constraints(c, prop, target, path, severity, messages)
    found += _closed_constraint(c, prop, target, severity, messages)
    for sparql in sorted(shapes.objects(prop, SH.sparql), key=str):
        if not _deactivated(shapes, sparql):
            found.append(_sparql_constraint(shapes, prop, sparql, target, path, severity,
                                            _messages(shapes, sparql) or messages))
    return found


def _values(c: _Compiler, path: Path, this: str = "?this", value: str = "?value",
            nested: bool = False) -> str:
    """The pattern binding `value` to each value node of `this`: as written, in `written` mode.

    A pair kept as written is read from WRITTEN only. At the top of a query its store values
    are removed with MINUS (evaluated once); `nested` (inside EXISTS, where `this` is bound from
    outside and MINUS would share no variable with it) with FILTER NOT EXISTS.
    """
    pattern = path.pattern(this, value)
    if not _is_written(c, path):
        return pattern
    kept = f"GRAPH <{WRITTEN}> {{ {this} {path.text} {c.fresh() if nested else '?_w'} }}"
    unwritten = f"FILTER NOT EXISTS {{ {kept} }}" if nested else f"MINUS {{ {kept} }}"
    return f"{{ {{ {pattern} {unwritten} }} UNION {{ GRAPH <{WRITTEN}> {{ {pattern} }} }} }}"


def _is_written(c: _Compiler, path: Path | None) -> bool:
    return path is not None and not path.inverse and str(path.predicate) in c.written


def _same_term(a: str, b: str) -> str:
    """SPARQL: `a` and `b` are the same RDF term as written, either one encoded or not."""
    def datatype(x: str) -> str:
        return f"REPLACE(STR(DATATYPE({x})), \"^{WRITTEN_DATATYPE}\", \"\")"

    return (f"(sameTerm({a}, {b}) || COALESCE(isLiteral({a}) && isLiteral({b}) && "
            f"STR({a}) = STR({b}) && LANG({a}) = LANG({b}) && {datatype(a)} = {datatype(b)}, "
            "false))")


def _is_term(v: str, term: Node) -> str:
    """SPARQL: `v` is `term` as written. A numeric or boolean constant is not written into the
    query, where the store would rewrite it ("01962" would become 1962): its lexical form and
    datatype are compared, so an encoded value and a value the store kept both match."""
    if not isinstance(term, Literal) or str(term.datatype or "") not in SENSITIVE:
        return f"sameTerm({v}, {term.n3()})"
    text, datatype = Literal(str(term)).n3(), str(term.datatype)
    return (f"COALESCE(isLiteral({v}) && STR({v}) = {text} && (DATATYPE({v}) = <{datatype}> || "
            f"DATATYPE({v}) = <{WRITTEN_DATATYPE}{datatype}>), false)")


def _pair_constraints(c: _Compiler, shape: Node, target: str, path: Path | None,
                      severity: URIRef, messages: tuple) -> list[CompiledConstraint]:
    found = []
    for parameter, component in PAIR_PARAMETERS.items():
        for other in c.shapes.objects(shape, parameter):
            for body in _pair_violations(c, path, other, shape, parameter):
                query = f"SELECT DISTINCT ?this ?value WHERE {{ {target} {body} }}"
                found.append(CompiledConstraint(shape, component, severity, query, path,
                                                messages))
    return found


def _pair_violations(c: _Compiler, path: Path | None, other_term: Node, shape: Node,
                     parameter: URIRef, this: str = "?this",
                     value: str = "?value") -> list[str]:
    """Patterns binding `value` to each value that breaks the pair constraint (one a direction)."""
    other = _iri(other_term, shape, str(parameter))
    mine = path.pattern(this, value) if path else f"BIND ({this} AS {value})"
    theirs_path = Path(other, URIRef(other_term))
    if parameter in (SH.equals, SH.disjoint) and (_is_written(c, path)
                                                  or _is_written(c, theirs_path)):
        return _pair_violations_as_written(c, path, theirs_path, parameter, this, value)
    if parameter == SH.equals:
        theirs = path.pattern(this, value) if path else f"FILTER (sameTerm({this}, {value}))"
        return [f"{mine} FILTER NOT EXISTS {{ {this} {other} {value} }}",
                f"{this} {other} {value} . FILTER NOT EXISTS {{ {theirs} }}"]
    if parameter == SH.disjoint:
        return [f"{mine} {this} {other} {value} ."]
    operator = "<" if parameter == SH.lessThan else "<="
    return [f"{mine} {this} {other} ?_other . "
            f"FILTER (!COALESCE({value} {operator} ?_other, false))"]


def _pair_violations_as_written(c: _Compiler, path: Path | None, theirs: Path,
                                parameter: URIRef, this: str, value: str) -> list[str]:
    """sh:equals and sh:disjoint compare terms as written (46.07 and 46.070 are two values)."""
    def mine(v: str) -> str:
        return _values(c, path, this, v, nested=True) if path else f"BIND ({this} AS {v})"

    o = c.fresh()
    if parameter == SH.disjoint:
        return [f"{mine(value)} {_values(c, theirs, this, o, nested=True)} "
                f"FILTER ({_same_term(value, o)})"]
    return [f"{mine(value)} FILTER NOT EXISTS {{ {_values(c, theirs, this, o, nested=True)} "
            f"FILTER ({_same_term(value, o)}) }}",
            f"{_values(c, theirs, this, value, nested=True)} FILTER NOT EXISTS {{ {mine(o)} "
            f"FILTER ({_same_term(value, o)}) }}"]


def _closed_constraint(c: _Compiler, shape: Node, target: str, severity: URIRef,
                       messages: tuple) -> list[CompiledConstraint]:
    if not _true(c.shapes.value(shape, SH.closed)):
        return []
    query = (f"SELECT DISTINCT ?this ?path ?value WHERE {{ {target} ?this ?path ?value "
             f"FILTER (?path NOT IN ({_allowed(c.shapes, shape)})) }}")
    return [CompiledConstraint(shape, "ClosedConstraintComponent", severity, query, None,
                               messages)]


def _allowed(shapes: Graph, shape: Node) -> str:
    allowed = {str(p) for prop in shapes.objects(shape, SH.property)
               if isinstance(p := shapes.value(prop, SH.path), URIRef)}
    for ignored in shapes.objects(shape, SH.ignoredProperties):
        allowed |= {str(p) for p in Collection(shapes, ignored)}
    return ", ".join(f"<{p}>" for p in sorted(allowed)) or "<urn:netorg:none>"


# -- conditions: SPARQL expressions over a variable -----------------------------------------------


def _value_conditions(c: _Compiler, shape: Node, v: str) -> list[tuple[str, str]]:
    """(component, condition) for each value constraint of `shape`: true when `v` conforms."""
    found = []
    for parameter, component in VALUE_PARAMETERS.items():
        for argument in c.shapes.objects(shape, parameter):
            found.append((component, _condition(c, shape, parameter, argument, v)))
    return found


def _focus_conditions(c: _Compiler, prop: Node, path: Path, x: str) -> list[tuple[str, str]]:
    """(component, condition) for the constraints a property shape tests on its focus node."""
    shapes = c.shapes
    found = []
    for value in shapes.objects(prop, SH.hasValue):
        v = c.fresh()
        found.append(("HasValueConstraintComponent",
                      f"EXISTS {{ {_values(c, path, x, v, nested=True)} "
                      f"FILTER ({_is_term(v, value)}) }}"))
    if _true(shapes.value(prop, SH.uniqueLang)):
        a, b = c.fresh(), c.fresh()
        found.append(("UniqueLangConstraintComponent",
                      f"NOT EXISTS {{ {path.pattern(x, a)} {path.pattern(x, b)} FILTER (!sameTerm("
                      f"{a}, {b}) && lang({a}) != \"\" && LCASE(lang({a})) = LCASE(lang({b}))) }}"))
    for qualified in shapes.objects(prop, SH.qualifiedValueShape):
        v = c.fresh()
        test = _conforms(c, qualified, v)
        if _true(shapes.value(prop, SH.qualifiedValueShapesDisjoint)):
            for sibling in _siblings(shapes, prop):
                test += f" && !{_conforms(c, sibling, v)}"
        counted = f"{{ SELECT {x} (COUNT(DISTINCT {v}) AS ?_n) WHERE {{ " \
                  f"{_values(c, path, x, v, nested=True)} " \
                  f"FILTER ({test}) }} GROUP BY {x} }}"
        low = shapes.value(prop, SH.qualifiedMinCount)
        high = shapes.value(prop, SH.qualifiedMaxCount)
        if low is not None:
            found.append(("QualifiedMinCountConstraintComponent",
                          f"EXISTS {{ {counted} FILTER (?_n >= {int(low)}) }}" if int(low) > 0
                          else "true"))
        if high is not None:
            found.append(("QualifiedMaxCountConstraintComponent",
                          f"NOT EXISTS {{ {counted} FILTER (?_n > {int(high)}) }}"))
    return found


def _siblings(shapes: Graph, prop: Node) -> list[Node]:
    """The qualified value shapes of the other property shapes of prop's parent shapes."""
    own = set(shapes.objects(prop, SH.qualifiedValueShape))
    return sorted({q for parent in shapes.subjects(SH.property, prop)
                   for other in shapes.objects(parent, SH.property) if other != prop
                   for q in shapes.objects(other, SH.qualifiedValueShape)} - own, key=str)


def _conforms(c: _Compiler, shape: Node, x: str) -> str:
    """A SPARQL expression, true when node `x` conforms to `shape` (all its constraints)."""
    shapes = c.shapes
    if shape in c.visiting:
        raise UnsupportedShape(f"{shape}: recursive shapes are not compiled (SHACL leaves "
                               "their meaning undefined)")
    if _deactivated(shapes, shape):
        return "true"
    if any(True for _ in shapes.objects(shape, SH.sparql)):
        raise UnsupportedShape(f"{shape}: sh:sparql in a shape used by sh:node, sh:not, sh:and, "
                               "sh:or, sh:xone or sh:qualifiedValueShape is not compiled")
    c.visiting.append(shape)
    try:
        property_shape = _is_property_shape(shapes, shape)
        _refuse_unknown(shapes, shape, property_shape=property_shape)
        parts = []
        if property_shape:
            path = _path(shapes, shape)
            v = c.fresh()
            each = [cond for _, cond in _value_conditions(c, shape, v)]
            each += [_conforms(c, p, v) for p in shapes.objects(shape, SH.property)]
            if each:
                parts.append(f"NOT EXISTS {{ {_values(c, path, x, v, nested=True)} "
                             f"FILTER (!({' && '.join(each)})) }}")
            parts += _count_conditions(shapes, shape, path, x, c)
            parts += [cond for _, cond in _focus_conditions(c, shape, path, x)]
        else:
            path = None
            parts += [cond for _, cond in _value_conditions(c, shape, x)]
            parts += [_is_term(x, v) for v in shapes.objects(shape, SH.hasValue)]
            parts += [_conforms(c, p, x) for p in shapes.objects(shape, SH.property)]
        for parameter in PAIR_PARAMETERS:
            for other in shapes.objects(shape, parameter):
                bodies = _pair_violations(c, path, other, shape, parameter, x, c.fresh())
                parts += [f"NOT EXISTS {{ {body} }}" for body in bodies]
        if _true(shapes.value(shape, SH.closed)):
            p, o = c.fresh(), c.fresh()
            parts.append(f"NOT EXISTS {{ {x} {p} {o} FILTER ({p} NOT IN "
                         f"({_allowed(shapes, shape)})) }}")
        return "(" + " && ".join(parts or ["true"]) + ")"
    finally:
        c.visiting.pop()


def _count_conditions(shapes: Graph, prop: Node, path: Path, x: str, c: _Compiler) -> list[str]:
    found = []
    for parameter in COUNT_PARAMETERS:
        for bound in shapes.objects(prop, parameter):
            n = int(bound) + (1 if parameter == SH.maxCount else 0)
            if parameter == SH.minCount and n == 0:
                continue
            v = c.fresh()
            at_least = (f"EXISTS {{ SELECT {x} WHERE {{ {_values(c, path, x, v, nested=True)} }} "
                        f"GROUP BY {x} "
                        f"HAVING (COUNT(DISTINCT {v}) >= {n}) }}")
            found.append(at_least if parameter == SH.minCount else f"!{at_least}")
    return found


def _class_pattern(argument: Node, v: str) -> str:
    return f"{{ {v} {RDF_TYPE}/{SUBCLASS}* <{argument}> }}"


def _condition(c: _Compiler, shape: Node, parameter: URIRef, argument: Node, v: str) -> str:
    plain = _plain_condition(c, shape, parameter, argument, v)
    if not c.written or parameter not in WRITTEN_SENSITIVE or not _reads_written(c, shape):
        return plain
    encoded = f"COALESCE(STRSTARTS(STR(DATATYPE({v})), \"{WRITTEN_DATATYPE}\"), false)"
    return f"(({encoded} && {_written_condition(c, parameter, argument, v)}) || " \
           f"(!{encoded} && {plain}))"


def _reads_written(c: _Compiler, shape: Node) -> bool:
    """Whether `shape`, or a property shape using it (sh:or, sh:node, ...), reads WRITTEN."""
    seen, todo = set(), [shape]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        if str(c.shapes.value(node, SH.path)) in c.written:
            return True
        todo += [s for s, _ in c.shapes.subject_predicates(node)]  # up through lists and shapes
    return False


def _written_condition(c: _Compiler, parameter: URIRef, argument: Node, v: str) -> str:
    """The condition on a literal encoded as written (its lexical form, its datatype IRI)."""
    if parameter == SH.datatype:
        datatype = str(argument)
        check = f"STR(DATATYPE({v})) = \"{WRITTEN_DATATYPE}{datatype}\""
        if datatype in LEXICAL:
            check += f" && REGEX(STR({v}), \"^({LEXICAL[datatype]})$\")"
        low, high = REWRITTEN.get(datatype, (None, None))
        check += "".join(f" && <{XSD}integer>(STR({v})) {op} {b}"
                         for op, b in ((">=", low), ("<=", high)) if b is not None)
        return f"COALESCE({check}, false)"
    if parameter == SH["in"]:
        members = [_is_term(v, m) for m in Collection(c.shapes, argument)]
        return "(" + " || ".join(members or ["false"]) + ")"
    operator = {SH.minInclusive: ">=", SH.maxInclusive: "<=",
                SH.minExclusive: ">", SH.maxExclusive: "<"}[parameter]
    floating = f"(STRENDS(STR(DATATYPE({v})), \"#double\") || STRENDS(STR(DATATYPE({v})), " \
               f"\"#float\"))"
    number = f"IF({floating}, <{XSD}double>(STR({v})), <{XSD}decimal>(STR({v})))"
    return f"COALESCE({number} {operator} {argument.n3()}, false)"


def _plain_condition(c: _Compiler, shape: Node, parameter: URIRef, argument: Node,
                     v: str) -> str:
    shapes = c.shapes
    if parameter == SH.datatype:
        if str(argument) in REWRITTEN:  # a valid value is held as an xsd:integer in range
            low, high = REWRITTEN[str(argument)]
            bounds = "".join(f" && {v} {op} {b}" for op, b in ((">=", low), ("<=", high))
                             if b is not None)
            return f"COALESCE(isLiteral({v}) && datatype({v}) = <{XSD}integer>{bounds}, false)"
        check = f"isLiteral({v}) && datatype({v}) = <{argument}>"
        if str(argument) in CASTABLE:
            check += f" && isLiteral(<{argument}>({v}))"
        return f"COALESCE({check}, false)"
    if parameter == SH["class"]:
        return f"EXISTS {_class_pattern(argument, v)}"
    if parameter == SH["in"]:
        members = [_is_term(v, m) for m in Collection(shapes, argument)]
        return "(" + " || ".join(members or ["false"]) + ")"
    if parameter == SH.pattern:
        flags = next(iter(shapes.objects(shape, SH.flags)), None)
        flag_arg = f", {Literal(str(flags)).n3()}" if flags is not None else ""
        pattern = Literal(str(argument)).n3()
        return f"COALESCE(!isBlank({v}) && REGEX(STR({v}), {pattern}{flag_arg}), false)"
    if parameter == SH.nodeKind:
        if argument not in NODE_KINDS:
            raise UnsupportedShape(f"{shape}: unknown sh:nodeKind {argument}")
        return NODE_KINDS[argument].format(v=v)
    if parameter in (SH.minLength, SH.maxLength):
        operator = ">=" if parameter == SH.minLength else "<="
        return f"COALESCE(!isBlank({v}) && STRLEN(STR({v})) {operator} {int(argument)}, false)"
    if parameter == SH.languageIn:
        tags = [f"langMatches(lang({v}), {Literal(str(t)).n3()})"
                for t in Collection(shapes, argument)]
        return f"COALESCE(isLiteral({v}) && ({' || '.join(tags or ['false'])}), false)"
    if parameter == SH.node:
        return _conforms(c, argument, v)
    if parameter == SH["not"]:
        return f"!{_conforms(c, argument, v)}"
    if parameter in (SH["and"], SH["or"], SH.xone):
        members = [_conforms(c, m, v) for m in Collection(shapes, argument)]
        if parameter == SH.xone:
            return "(" + " + ".join(f"IF({m}, 1, 0)" for m in members or ["false"]) + " = 1)"
        joiner = " && " if parameter == SH["and"] else " || "
        return "(" + joiner.join(members or ["true" if parameter == SH["and"] else "false"]) + ")"
    operator = {SH.minInclusive: ">=", SH.maxInclusive: "<=",
                SH.minExclusive: ">", SH.maxExclusive: "<"}[parameter]
    return f"COALESCE({v} {operator} {argument.n3()}, false)"


# -- SPARQL-based constraints ---------------------------------------------------------------------


def _sparql_constraint(shapes: Graph, shape: Node, sparql: Node, target: str, path: Path | None,
                       severity: URIRef, messages: tuple) -> CompiledConstraint:
    per_focus = _needs_substitution(shapes, shape, sparql)
    query = sparql_constraint_query(shapes, shape, sparql, "" if per_focus else target, path)
    return CompiledConstraint(
        shape=shape, component="SPARQLConstraintComponent", severity=severity, query=query,
        path=path, messages=messages, value_is_focus=path is None, source_constraint=sparql,
        focus_query=f"SELECT ?this WHERE {{ {target} }}" if per_focus else None,
    )


def sparql_constraint_query(shapes: Graph, shape: Node, sparql: Node, target: str,
                            path: Path | None = None) -> str:
    """The constraint's SELECT with the focus nodes joined in first, so it runs set-at-a-time.

    With `target` empty, the query is run once per focus node with $this substituted.
    """
    select = next(iter(shapes.objects(sparql, SH.select)), None)
    if select is None:
        raise UnsupportedShape(f"{shape}: sh:sparql without sh:select")
    text = str(select)
    _check_syntax_rules(shape, text)
    if re.search(r"\$(currentShape|shapesGraph|value)\b", text):
        raise UnsupportedShape(f"{shape}: pre-bound variables other than $this and $PATH are "
                               "not compiled")
    if re.search(r"\$PATH\b", text):
        if path is None:
            raise UnsupportedShape(f"{shape}: $PATH in a node shape's SPARQL constraint")
        text = re.sub(r"\$PATH\b", lambda _m: path.text, text)
    if not target:  # pre-bound by substitution: under pre-binding, $this is always bound
        text = re.sub(r"\bbound\s*\(\s*\$this\s*\)", "(true)", text, flags=re.IGNORECASE)
    text = re.sub(r"\$this\b", "?this", text)
    match = re.search(r"\bWHERE\s*\{", text, flags=re.IGNORECASE)
    head = text[: match.start()] if match else ""
    if not match or "?this" not in head:
        raise UnsupportedShape(f"{shape}: the SELECT must project $this and have a WHERE clause")
    query = text[: match.end()] + " " + target + " " + text[match.end():]
    return _prefixes(shapes, sparql) + query


def _check_syntax_rules(shape: Node, text: str) -> None:
    """SHACL §5.2's syntax rules for queries with pre-bound variables: refuse what they forbid."""
    tokens = [t for t in TOKENS.findall(text) if not t.startswith("#")]
    upper = [t.upper() for t in tokens]
    for keyword in ("MINUS", "VALUES", "SERVICE"):
        if keyword in upper:
            raise UnsupportedShape(f"{shape}: SHACL forbids {keyword} in a SPARQL constraint")
    for i, token in enumerate(upper):
        if token == "AS" and i + 1 < len(tokens) and tokens[i + 1] in ("$this", "?this"):
            raise UnsupportedShape(f"{shape}: SHACL forbids binding $this (AS $this)")
        if token == "SELECT" and i > 0 and "WHERE" in upper[:i]:  # a sub-select
            head = upper[i + 1: upper.index("WHERE", i) if "WHERE" in upper[i:] else len(upper)]
            if "*" in head[:1] or ("$THIS" not in head and "?THIS" not in head):
                raise UnsupportedShape(f"{shape}: SHACL requires a sub-select to project $this")


def _needs_substitution(shapes: Graph, shape: Node, sparql: Node) -> bool:
    """Whether joining the focus nodes at the top of the WHERE differs from pre-binding $this.

    The join is the same where $this occurs only in the top group (its filters and EXISTS
    included) or in triple patterns of inner groups and sub-selects; a FILTER or BIND on $this
    in an inner group sees it unbound under the join, so such a query is run per focus node.
    """
    text = str(next(iter(shapes.objects(sparql, SH.select)), ""))
    tokens = [t for t in TOKENS.findall(text) if not t.startswith("#")]
    start = next((i for i, t in enumerate(tokens) if t.upper() == "WHERE"), None)
    if start is None:
        return False
    groups, parens, exists, after_exists = 0, 0, [], False
    for token in tokens[start + 1:]:
        if token == "{":
            exists.append(after_exists)
            groups += 0 if after_exists else 1
            after_exists = False
        elif token == "}" and exists:
            groups -= 0 if exists.pop() else 1
        elif token == "(":
            parens += 1
        elif token == ")":
            parens -= 1
        elif token.upper() == "EXISTS":
            after_exists = True
        elif token in ("$this", "?this") and groups > 1 and parens > 0:
            return True  # a filter or bind on $this in an inner group
        elif token.upper() in ("LIMIT", "OFFSET") and groups >= 1:
            return True
    return False


def _prefixes(shapes: Graph, sparql: Node) -> str:
    lines = []
    for owner in shapes.objects(sparql, SH.prefixes):
        for ontology in _imported(shapes, owner):
            for declaration in shapes.objects(ontology, SH.declare):
                prefix = shapes.value(declaration, SH.prefix)
                namespace = shapes.value(declaration, SH.namespace)
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _imported(shapes: Graph, owner: Node) -> list[Node]:
    """`owner` and what it owl:imports, transitively, within the shapes graph (never fetched)."""
    found, todo = [], [owner]
    while todo:
        node = todo.pop()
        if node not in found:
            found.append(node)
            todo += list(shapes.objects(node, OWL.imports))
    return found


# -- paths, parameters, severities ----------------------------------------------------------------


def _path(shapes: Graph, prop: Node) -> Path:
    path = shapes.value(prop, SH.path)
    if isinstance(path, URIRef):
        return Path(f"<{path}>", path)
    is_list = (path, RDF.first, None) in shapes  # a list is a sequence, whatever else it says
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) and not is_list \
        else None
    if isinstance(inverse, URIRef):
        return Path(f"^<{inverse}>", inverse, inverse=True)
    if path is None:
        raise UnsupportedShape(f"{prop}: sh:path has no value")
    return Path(sparql_path(shapes, path))


def sparql_path(shapes: Graph, node: Node) -> str:
    """A SHACL path in SPARQL property path syntax, each part in parentheses."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if (node, RDF.first, None) in shapes:
        return "(" + "/".join(sparql_path(shapes, p) for p in Collection(shapes, node)) + ")"
    for predicate, form in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                            (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = shapes.value(node, predicate)
        if inner is not None:
            return "(" + form.format(sparql_path(shapes, inner)) + ")"
    alternatives = shapes.value(node, SH.alternativePath)
    if alternatives is not None:
        members = Collection(shapes, alternatives)
        return "(" + "|".join(sparql_path(shapes, p) for p in members) + ")"
    raise UnsupportedShape(f"{node}: not a SHACL path")


def _refuse_unknown(shapes: Graph, shape: Node, property_shape: bool) -> None:
    known = IGNORED | set(VALUE_PARAMETERS) | set(PAIR_PARAMETERS) | OTHER_PARAMETERS
    if property_shape:
        known |= set(COUNT_PARAMETERS)
    if (None, SH.sparql, shape) in shapes:  # a shape that is its own SPARQL constraint
        known |= {SH.select, SH.prefixes}
    for predicate in set(shapes.predicates(shape, None)):
        if str(predicate).startswith(str(SH)) and predicate not in known:
            raise UnsupportedShape(f"{shape}: {predicate} is not compiled")


def _refuse_custom_components(shapes: Graph) -> None:
    """A shape that uses a parameter of a SPARQL-based constraint component is refused."""
    components = {c for c in shapes.subjects(SH.parameter, None)}
    parameters = {shapes.value(p, SH.path): c for c in components
                  for p in shapes.objects(c, SH.parameter)}
    for parameter, component in sorted(parameters.items(), key=str):
        for shape in shapes.subjects(parameter, None):
            raise UnsupportedShape(f"{shape}: the SPARQL-based constraint component "
                                   f"{component} (parameter {parameter}) is not compiled")


def _severity(shapes: Graph, shape: Node) -> URIRef:
    severity = shapes.value(shape, SH.severity)
    return severity if isinstance(severity, URIRef) else SH.Violation


def _messages(shapes: Graph, node: Node) -> tuple[Literal, ...]:
    return tuple(sorted((m for m in shapes.objects(node, SH.message) if isinstance(m, Literal)),
                        key=lambda m: (m.language or "", str(m))))


def _deactivated(shapes: Graph, node: Node) -> bool:
    return _true(shapes.value(node, SH.deactivated))


def _true(value: Node | None) -> bool:
    """A boolean parameter is on when it is `true` (SHACL names no other form, not "1")."""
    return isinstance(value, Literal) and value.datatype == URIRef(XSD + "boolean") \
        and str(value) == "true"


def _iri(term: Node, shape: Node, parameter: str) -> str:
    if not isinstance(term, URIRef):
        raise UnsupportedShape(f"{shape}: {parameter} must be an IRI")
    return f"<{term}>"
