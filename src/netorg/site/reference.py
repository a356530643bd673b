"""The reference pages: typology matrix, comparisons, concept map, the paper's lists, bibliography,
validation shapes and downloads. Each is read from the ontology's axioms and annotations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib import OWL, RDF, RDFS, SKOS, BNode, URIRef
from rdflib.collection import Collection

from netorg import NS, WORK_NS
from netorg.site.axioms import values_stated
from netorg.site.data import DCTERMS, NETORG, SiteData, label, position, slug, text, text_in
from netorg.site.markdown import (
    Links,
    bullets,
    colon,
    data_text,
    escape,
    localized,
    page,
    say,
    section,
    table,
)
from netorg.site.svg import Node, continuum, tree

SH = "http://www.w3.org/ns/shacl#"

TYPOLOGY = f"""PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX netorg: <{NS}>
SELECT ?form ?dimension ?value WHERE {{
  ?form owl:equivalentClass/owl:intersectionOf/rdf:rest*/rdf:first ?restriction .
  ?restriction owl:onProperty ?dimension ; owl:hasValue ?value .
  ?dimension rdfs:subPropertyOf netorg:typologyDimension .
}}"""


def reference_pages(data: SiteData, lang: str) -> Iterator[tuple[str, str]]:
    yield "reference/typology.md", typology(data, lang)
    yield "reference/comparisons.md", comparisons(data, lang)
    yield "reference/concept-map.md", concept_map(data, lang)
    yield "reference/lists.md", lists(data, lang)
    yield "reference/bibliography.md", bibliography(data, lang)
    yield "reference/shapes.md", shapes(data, lang)


# -- typology --------------------------------------------------------------------------------------


def typology(data: SiteData, lang: str) -> str:
    from netorg.sheets.codes import vocabulary

    g, links = data.ontology, Links(data, lang)
    cells: dict[tuple, list[URIRef]] = defaultdict(list)
    found: dict[URIRef, dict[URIRef, URIRef]] = defaultdict(dict)
    for row in g.query(TYPOLOGY):
        found[row.form][row.dimension] = row.value
    dimensions = sorted(
        {d for values in found.values() for d in values}, key=lambda d: position(g, d)
    )
    if len(dimensions) != 2:
        return page(say("page.typology", lang), say("typology.none", lang))
    cols_dim, rows_dim = dimensions  # as queries/typology-matrix.rq: rows = 2nd dimension
    values = {
        d: sorted({v[d] for v in found.values()}, key=lambda v: position(g, v)) for d in dimensions
    }
    for form, dims in found.items():
        cells[(dims[rows_dim], dims[cols_dim])].append(form)
    cases = defaultdict(list)
    codes = {term.code: term.iri for term in vocabulary("typology").terms}
    for record in data.records[lang]:
        if (form := codes.get(record.get("typology") or "")) is not None:
            cases[form].append(links.case(URIRef(record["case"]), record.get("name")))
    header = [
        f"{links.term(rows_dim)} ↓ / {links.term(cols_dim)} →",
        *(links.term(v) for v in values[cols_dim]),
    ]
    body = []
    for row_value in values[rows_dim]:
        cell_texts = []
        for col_value in values[cols_dim]:
            forms = cells.get((row_value, col_value), [])
            listed = [
                f"**{links.term(f)}**"
                + ("<br>" + "<br>".join(sorted(cases[f])) if cases[f] else "")
                for f in forms
            ]
            cell_texts.append("<br>".join(listed) or "—")
        body.append([links.term(row_value), *cell_texts])
    unclassified = [
        links.case(URIRef(r["case"]), r.get("name"))
        for r in data.records[lang]
        if not r.get("typology")
    ]
    dims_text = bullets(
        f"{links.term(d)}{colon(lang)}{escape(text(g, d, SKOS.definition, lang) or '')}"
        for d in dimensions
    )
    return page(
        say("page.typology", lang),
        say("typology.intro", lang) + "\n",
        table(header, body),
        section(say("heading.dimensions", lang), dims_text),
        section(say("heading.unclassified", lang), ", ".join(sorted(unclassified))),
        hide=("toc",),
    )


# -- comparisons -----------------------------------------------------------------------------------


def characteristic_values(data: SiteData) -> dict[URIRef, dict[URIRef, URIRef]]:
    """form -> characteristic -> value, own or inherited from a superclass."""
    g = data.ontology
    own: dict[URIRef, dict[URIRef, URIRef]] = defaultdict(dict)
    for prop in g.transitive_subjects(RDFS.subPropertyOf, NETORG.characteristic):
        if prop == NETORG.characteristic:
            continue
        for cls, value in values_stated(g, prop):
            if isinstance(cls, URIRef):
                own[cls][prop] = value
    effective = {}
    for cls in own:
        values: dict[URIRef, URIRef] = {}
        for sup in reversed(list(g.transitive_objects(cls, RDFS.subClassOf))):
            values.update(own.get(sup, {}))
        effective[cls] = values
    return effective


def comparisons(data: SiteData, lang: str) -> str:
    g, links = data.ontology, Links(data, lang)
    values = characteristic_values(data)
    groups: list[tuple[str, list[URIRef]]] = []
    for sup in sorted(
        {s for f in values for s in g.objects(f, RDFS.subClassOf) if isinstance(s, URIRef)}, key=str
    ):
        forms = [f for f in values if sup in set(g.objects(f, RDFS.subClassOf))]
        if len(forms) >= 2:
            groups.append((say("compare.kinds_of", lang, value=label(g, sup, lang)), forms))
    pairs = sorted(
        {
            tuple(sorted((a, b), key=str))
            for a, b in g.subject_objects(OWL.disjointWith)
            if a in values and b in values
        },
        key=str,
    )
    for a, b in pairs:
        if len(set(values[a]) | set(values[b])) < 2:  # a pair told apart by one trait only
            continue
        groups.append(
            (say("compare.versus", lang, a=label(g, a, lang), b=label(g, b, lang)), [a, b])
        )
    groups.append((say("compare.all", lang), list(values)))
    sections = [say("compare.intro", lang) + "\n"]
    for title, forms in groups:
        forms = sorted(forms, key=lambda f: (position(g, f), label(g, f, lang).casefold()))
        sections.append(section(title, comparison_table(data, forms, values, links)))
    return page(say("page.comparisons", lang), *sections)


def comparison_table(data: SiteData, forms: list[URIRef], values: dict, links: Links) -> str:
    g = data.ontology
    props = sorted({p for f in forms for p in values[f]}, key=lambda p: (position(g, p), str(p)))
    rows = [
        [links.term(p), *(links.term(values[f][p]) if p in values[f] else "—" for f in forms)]
        for p in props
    ]
    return table([say("word.characteristic", links.lang), *(links.term(f) for f in forms)], rows)


# -- concept map -----------------------------------------------------------------------------------


def concept_map(data: SiteData, lang: str) -> str:
    g = data.ontology
    classes = {iri for iri, (kind, _) in data.terms.items() if kind == "classes"}
    href = lambda iri: links_html(data, iri, depth=2)  # noqa: E731 - a one-line helper
    rows: list[tuple[int, Node]] = []

    def walk(cls: URIRef, depth: int, top: int) -> None:
        rows.append((depth, Node(str(cls), label(g, cls, lang), href(cls), top, depth == 0)))
        children = sorted(
            (c for c in g.subjects(RDFS.subClassOf, cls) if c in classes),
            key=lambda c: label(g, c, lang).casefold(),
        )
        for child in children:
            walk(child, depth + 1, top)

    roots = sorted(
        (c for c in classes if not any(s in classes for s in g.objects(c, RDFS.subClassOf))),
        key=lambda c: label(g, c, lang).casefold(),
    )
    for i, cls in enumerate(roots):
        walk(cls, 0, i)
    hierarchy = tree(rows, say("heading.class_hierarchy", lang))
    return page(
        say("page.concept_map", lang),
        section(say("heading.continuum", lang), continuum_svg(data, lang)),
        section(
            say("heading.class_hierarchy", lang),
            say("concept_map.hierarchy", lang) + "\n\n" + hierarchy,
        ),
    )


def continuum_svg(data: SiteData, lang: str) -> str:
    """The coordination forms placed between the two polar forms (see `_is_polar_pair`)."""
    g = data.ontology
    forms = sorted(
        (c for c in g.subjects(RDFS.subClassOf, NETORG.CoordinationForm) if isinstance(c, URIRef)),
        key=str,
    )
    poles = [a for a in forms if any(_is_polar_pair(g, a, b, forms) for b in forms if b != a)]
    if len(poles) != 2:
        return ""
    order = (label(g, NETORG.MarketHierarchyContinuum, lang) or "").casefold()
    poles.sort(key=lambda p: (order.find(label(g, p, lang).casefold()) % 10**6, str(p)))
    node = lambda c: Node(str(c), label(g, c, lang), links_html(data, c, depth=2))  # noqa: E731
    middle = [c for c in forms if c not in poles]
    middle.sort(key=lambda c: (len(list(g.subjects(RDFS.subClassOf, c))), label(g, c, lang)))
    if middle:  # the most refined form (the network organisation) in the middle of the axis
        others = middle[:-1]
        middle = [*others[: len(others) // 2], middle[-1], *others[len(others) // 2 :]]
    below = {
        str(c): [
            node(s)
            for s in sorted(
                g.subjects(RDFS.subClassOf, c), key=lambda s: label(g, s, lang).casefold()
            )
            if s in data.terms and s != NETORG.CaseStudy
        ]
        for c in middle
    }
    return continuum(
        node(poles[0]),
        [node(c) for c in middle],
        node(poles[1]),
        below,
        say("heading.continuum", lang),
    )


def _is_polar_pair(g, a, b, forms) -> bool:
    """Two forms are the poles when they exclude each other and every other form excludes both."""

    def excluded(x, y) -> bool:
        return (x, OWL.disjointWith, y) in g or (y, OWL.disjointWith, x) in g

    return excluded(a, b) and all(c in (a, b) or (excluded(c, a) and excluded(c, b)) for c in forms)


def links_html(data: SiteData, iri, depth: int) -> str | None:
    """The URL of a term's built page from a page `depth` folders deep (directory URLs)."""
    if iri not in data.terms:
        return None
    kind, name = data.terms[iri]
    return "../" * depth + f"{kind}/{name}/"


# -- the paper's lists -----------------------------------------------------------------------------


def lists(data: SiteData, lang: str) -> str:
    g, links = data.ontology, Links(data, lang)
    collections = sorted(
        g.subjects(RDF.type, SKOS.Collection),
        key=lambda c: (position(g, c), label(g, c, lang).casefold()),
    )
    sections = [say("lists.intro", lang) + "\n"]
    for collection in collections:
        members = sorted(
            g.objects(collection, SKOS.member),
            key=lambda m: (position(g, m), label(g, m, lang).casefold()),
        )
        ordered = all(g.value(m, NETORG.position) is not None for m in members)
        lines = "".join(
            (f"{n}. " if ordered else "- ")
            + f"**{links.term(m)}**"
            + (f": {escape(d)}" if (d := text(g, m, SKOS.definition, lang)) else "")
            + "\n"
            for n, m in enumerate(members, 1)
        )
        intro = text(g, collection, SKOS.definition, lang) or ""
        source = ", ".join(
            links.work(w) for w in g.objects(collection, DCTERMS.source) if isinstance(w, URIRef)
        )
        more = f"{escape(intro)}" + (
            f" ({say('word.source', lang)}{colon(lang)}{source})" if source else ""
        )
        sections.append(
            section(
                label(g, collection, lang), f"{more}\n\n{lines}", anchor=slug(collection).lower()
            )
        )
    return page(say("page.lists", lang), *sections)


# -- bibliography ----------------------------------------------------------------------------------


def bibliography(data: SiteData, lang: str) -> str:
    g, links = data.ontology, Links(data, lang)
    works = {
        w for w in g.subjects(RDF.type, DCTERMS.BibliographicResource) if isinstance(w, URIRef)
    }
    works |= {
        w
        for w in g.objects(None, DCTERMS.source)
        if isinstance(w, URIRef) and str(w).startswith(WORK_NS)
    }
    defines = defaultdict(list)
    for term, work in g.subject_objects(DCTERMS.source):
        if term in data.terms:
            defines[work].append(term)
    sections = [say("bibliography.intro", lang, n=len(works)) + "\n"]
    for work in sorted(
        works,
        key=lambda w: (
            str(g.value(w, DCTERMS.bibliographicCitation) or label(g, w, lang))
        ).casefold(),
    ):
        cited = text_in(g, work, DCTERMS.bibliographicCitation, lang)
        facts = []
        if cited:
            facts.append(localized(cited, lang))
        else:
            facts.append(say("bibliography.no_citation", lang))
        for prop, key in (
            (DCTERMS.creator, "word.creator"),
            (DCTERMS.title, "word.title"),
            (DCTERMS.issued, "word.issued"),
        ):
            values = sorted(str(v) for v in g.objects(work, prop))
            if values and not cited:
                facts.append(f"**{say(key, lang)}**{colon(lang)}{data_text('; '.join(values))}")
        terms = sorted(defines.get(work, []), key=lambda t: label(g, t, lang).casefold())
        body = "\n\n".join(facts) + "\n\n"
        if terms:
            body += (
                f"**{say('bibliography.source_of', lang, n=len(terms))}**{colon(lang)}"
                + ", ".join(links.term(t) for t in terms)
                + "\n"
            )
        sections.append(section(label(g, work, lang), body, anchor=slug(work).lower()))
    return page(say("page.bibliography", lang), *sections)


# -- shapes ----------------------------------------------------------------------------------------


def shapes(data: SiteData, lang: str) -> str:
    from rdflib import Namespace

    sh = Namespace(SH)
    g, links = data.shapes, Links(data, lang)
    node_shapes = sorted(
        {s for s in g.subjects(RDF.type, sh.NodeShape)},
        key=lambda s: label_of_shape(g, s, lang).casefold(),
    )
    sections = [say("shapes.intro", lang) + "\n"]
    for shape in node_shapes:
        targets = [links.term(t) for t in g.objects(shape, sh.targetClass)]
        rows = []
        for prop_shape in sorted(
            g.objects(shape, sh.property), key=lambda p: label_of_shape(g, p, lang).casefold()
        ):
            rows.append(shape_row(g, prop_shape, links, sh))
        body = ""
        if description := text(g, shape, sh.description, lang):
            body += escape(description) + "\n\n"
        if targets:
            body += f"**{say('shapes.applies_to', lang)}**{colon(lang)}{', '.join(targets)}\n\n"
        if message := text(g, shape, sh.message, lang):
            body += f"**{say('word.message', lang)}**{colon(lang)}{escape(message)}\n\n"
        if severity := g.value(shape, sh.severity):
            level = say("severity." + str(severity).rsplit("#", 1)[-1], lang)
            body += f"**{say('word.severity', lang)}**{colon(lang)}{level}\n\n"
        if rows:
            body += table(
                [
                    say("word.what", lang),
                    say("word.rule", lang),
                    say("word.severity", lang),
                    say("word.message", lang),
                ],
                rows,
            )
        sections.append(section(_rule_name(g, shape, lang), body or "—"))
    rules = sorted(
        {r for r in g.objects(None, sh.rule)}, key=lambda r: label_of_shape(g, r, lang).casefold()
    )
    if rules:
        sections.append(
            section(
                say("heading.rules", lang),
                bullets(
                    f"**{_rule_name(g, r, lang)}**"
                    + (
                        f": {escape(d)}"
                        if (d := text(g, r, sh.description, lang) or text(g, r, RDFS.comment, lang))
                        else ""
                    )
                    for r in rules
                ),
            )
        )
    if data.template is not None:
        sections.append(
            section(
                say("heading.template", lang),
                say("shapes.template", lang, href="../downloads/netorg-template.xlsx"),
            )
        )
    return page(say("page.shapes", lang), *sections)


def shape_row(g, prop_shape, links: Links, sh) -> list[str]:
    lang = links.lang
    path = g.value(prop_shape, sh.path)
    what = escape(
        text(g, prop_shape, sh.name, lang)
        or (label(links.data.ontology, path, lang) if path is not None else "")
    )
    if isinstance(path, URIRef):
        what += f" ({links.term(path)})"
    rules = []
    for prop, key in (
        (sh.minCount, "constraint.min"),
        (sh.maxCount, "constraint.max"),
        (sh.datatype, "constraint.datatype"),
        (sh["class"], "constraint.class"),
        (sh.pattern, "constraint.pattern"),
        (sh.minInclusive, "constraint.min_value"),
        (sh.maxInclusive, "constraint.max_value"),
        (sh.node, "constraint.node"),
    ):
        for value in g.objects(prop_shape, prop):
            shown = links.term(value) if isinstance(value, URIRef) else f"`{value}`"
            rules.append(say(key, lang, value=shown))
    if (head := g.value(prop_shape, sh["in"])) is not None:
        rules.append(
            say(
                "constraint.in",
                lang,
                value=", ".join(
                    links.term(v) if isinstance(v, URIRef) else f"`{v}`"
                    for v in Collection(g, head)
                ),
            )
        )
    if description := text(g, prop_shape, sh.description, lang):
        rules.insert(0, escape(description))
    severity = g.value(prop_shape, sh.severity)
    severity_text = (
        say("severity." + str(severity).rsplit("#", 1)[-1], lang)
        if severity
        else say("severity.Violation", lang)
    )
    return [
        what,
        "<br>".join(rules) or "—",
        severity_text,
        escape(text(g, prop_shape, sh.message, lang) or ""),
    ]


def _rule_name(g, rule, lang: str) -> str:
    """A rule's name in words, or its IRI's local name as code when it has none."""
    found = text(g, rule, URIRef(SH + "name"), lang) or text(g, rule, RDFS.label, lang)
    return escape(found) if found else f"`{label_of_shape(g, rule, lang)}`"


def label_of_shape(g, shape, lang: str) -> str:
    found = text(g, shape, URIRef(SH + "name"), lang) or text(g, shape, RDFS.label, lang)
    if found:
        return found
    return str(shape).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if not isinstance(shape, BNode) else "—"
