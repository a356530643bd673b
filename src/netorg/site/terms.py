"""One page per netorg term (class, property, named individual, concept) and the four indexes.

A page says what the ontology says about the term in the page's language, then where the term is
used: in other axioms, in the corpus (the case studies classified under it) and in the catalogue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Literal, URIRef

from netorg.site.axioms import definitions, general_axioms, restrictions, values_stated
from netorg.site.data import (
    DCTERMS,
    KINDS,
    NETORG,
    SiteData,
    case_of,
    label,
    position,
    queries_using,
    text,
    text_in,
    texts,
)
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
    words,
)

# the classification record fields whose values are terms with a netorg:code
# (see netorg.sheets.codes)
ASPECTS = ("typology", "structure", "network_kind", "composition", "origin")
SHOWN = {
    RDF.type,
    RDFS.label,
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.definition,
    SKOS.scopeNote,
    SKOS.example,
    SKOS.note,
    DCTERMS.source,
    RDFS.isDefinedBy,
    RDFS.subClassOf,
    OWL.equivalentClass,
    OWL.disjointWith,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    NETORG.code,
    NETORG.position,
    SKOS.broader,
    SKOS.narrower,
    SKOS.related,
    SKOS.inScheme,
    SKOS.member,
    RDFS.seeAlso,
    SKOS.hasTopConcept,
    OWL.inverseOf,
}


def term_pages(data: SiteData, lang: str) -> Iterator[tuple[str, str]]:
    usage = case_usage(data, lang)
    for iri, (kind, slug) in sorted(data.terms.items()):
        yield f"{kind}/{slug}.md", term_page(data, iri, kind, lang, usage)
    for kind in KINDS:
        yield f"{kind}/index.md", index_page(data, kind, lang)


def term_page(data: SiteData, iri: URIRef, kind: str, lang: str, usage: dict) -> str:
    g, links = data.ontology, Links(data, lang)
    parts = [
        about(data, iri, kind, links),
        section(say("heading.source", lang), source(data, iri, links)),
    ]
    if kind == "classes":
        parts += class_sections(data, iri, links)
    elif kind == "properties":
        parts += property_sections(data, iri, links)
    else:
        parts += individual_sections(data, iri, links)
    parts += [
        section(
            say("heading.see_also", lang),
            bullets(links.term(o) for o in _named(g.objects(iri, RDFS.seeAlso))),
        ),
        section(say("heading.in_corpus", lang), bullets(usage.get(iri, []))),
        section(
            say("heading.queries", lang),
            bullets(
                f"{links.query(q.id)}{colon(lang)}{escape(question(q, lang))}"
                for q in queries_using(data.queries, iri)
            ),
        ),
    ]
    return page(label(g, iri, lang), *parts, boost=4 if kind == "classes" else 2)


def about(data: SiteData, iri: URIRef, kind: str, links: Links) -> str:
    g, lang = data.ontology, links.lang
    keys = {f"type.{str(t).rsplit('#', 1)[-1]}" for t in g.objects(iri, RDF.type)}
    kinds = ", ".join(sorted(say(k, lang) for k in keys if k in words())) or say(
        f"kind.{kind}", lang
    )
    facts = [f"**IRI**{colon(lang)}`{iri}`", f"**{say('word.kind', lang)}**{colon(lang)}{kinds}"]
    if (code := g.value(iri, NETORG.code)) is not None:
        facts.append(f"**{say('word.code', lang)}**{colon(lang)}`{code}`")
    lines = "  \n".join(facts) + "\n\n"
    if definition := text_in(g, iri, SKOS.definition, lang):
        shown = localized((" ".join(definition[0].split()), definition[1]), lang)
        lines += f'!!! abstract "{say("heading.definition", lang)}"\n    {shown}\n\n'

    if alt := texts(g, iri, SKOS.altLabel, lang):
        names = ", ".join(escape(a) for a in alt)
        lines += f"**{say('heading.other_labels', lang)}**{colon(lang)}{names}\n\n"
    for prop, key in (
        (SKOS.scopeNote, "heading.scope_note"),
        (SKOS.example, "heading.example"),
        (SKOS.note, "heading.note"),
    ):
        if value := text_in(g, iri, prop, lang):
            shown = localized((" ".join(value[0].split()), value[1]), lang)
            lines += f"**{say(key, lang)}**{colon(lang)}{shown}\n\n"
    return lines


def source(data: SiteData, iri: URIRef, links: Links) -> str:
    return bullets(
        citation(data, work, links) for work in sorted(data.ontology.objects(iri, DCTERMS.source))
    )


def citation(data: SiteData, work, links: Links) -> str:
    if isinstance(work, Literal):
        return data_text(str(work))
    cited = text_in(data.ontology, work, DCTERMS.bibliographicCitation, links.lang)
    shown = localized(cited, links.lang)
    return f"{links.work(work)}{colon(links.lang)}{shown}" if cited else links.work(work)


def class_sections(data: SiteData, iri: URIRef, links: Links) -> list[str]:
    g, lang = data.ontology, links.lang
    conditions = definitions(g, iri, links)
    defined = "".join(
        say("sentence.defined", lang, subject=links.term(iri)) + "\n\n" + bullets(c) + "\n"
        for c in conditions
    )
    inherited = [
        f"{sentence} *({say('word.inherited_from', lang, value=links.term(sup))})*"
        for sup in _ancestors(g, iri)
        for sentence in restrictions(g, sup, links, subject=iri)
    ]
    def used_in(prop: URIRef) -> list[str]:  # its own, then its superclasses' (inherited)
        own = [links.term(p) for p in _named(g.subjects(prop, iri))]
        return own + [
            f"{links.term(p)} *({say('word.inherited_from', lang, value=links.term(sup))})*"
            for sup in _ancestors(g, iri)
            for p in _named(g.subjects(prop, sup))
        ]

    domain_of, range_of = used_in(RDFS.domain), used_in(RDFS.range)
    instances = [i for i in _named(g.subjects(RDF.type, iri)) if i in data.terms]
    return [
        section(say("heading.defined_as", lang), defined),
        section(
            say("heading.superclasses", lang),
            bullets(links.term(s) for s in _named(g.objects(iri, RDFS.subClassOf))),
        ),
        section(
            say("heading.subclasses", lang),
            bullets(links.term(s) for s in _named(g.subjects(RDFS.subClassOf, iri))),
        ),
        section(
            say("heading.restrictions", lang),
            bullets(restrictions(g, iri, links) + inherited + general_axioms(g, iri, links)),
        ),
        section(
            say("heading.disjoint", lang),
            bullets(
                links.term(s)
                for s in _named(
                    [*g.objects(iri, OWL.disjointWith), *g.subjects(OWL.disjointWith, iri)]
                )
            ),
        ),
        section(say("heading.domain_of", lang), bullets(domain_of)),
        section(say("heading.range_of", lang), bullets(range_of)),
        section(
            say("heading.instances", lang),
            bullets(links.term(i) for i in _by_position(g, instances)),
        ),
    ]


def property_sections(data: SiteData, iri: URIRef, links: Links) -> list[str]:
    g, lang = data.ontology, links.lang
    traits = [
        say(f"type.{t.split('#')[-1]}", lang)
        for t in map(str, g.objects(iri, RDF.type))
        if t.endswith(("FunctionalProperty", "TransitiveProperty", "SymmetricProperty"))
    ]
    stated = sorted(
        {
            (label(g, cls, lang), links.term(cls), _value(value, links))
            for cls, value in values_stated(g, iri)
            if not isinstance(cls, BNode)
        }
    )
    return [
        section(say("heading.traits", lang), bullets(sorted(traits))),
        section(
            say("heading.domain", lang), bullets(links.term(d) for d in g.objects(iri, RDFS.domain))
        ),
        section(
            say("heading.range", lang), bullets(links.term(r) for r in g.objects(iri, RDFS.range))
        ),
        section(
            say("heading.superproperties", lang),
            bullets(links.term(p) for p in _named(g.objects(iri, RDFS.subPropertyOf))),
        ),
        section(
            say("heading.subproperties", lang),
            bullets(
                links.term(p) for p in _by_position(g, _named(g.subjects(RDFS.subPropertyOf, iri)))
            ),
        ),
        section(
            say("heading.values_stated", lang),
            table(
                [say("word.form", lang), say("word.value", lang)],
                [(link, value) for _, link, value in stated],
            )
            if stated
            else "",
        ),
    ]


def individual_sections(data: SiteData, iri: URIRef, links: Links) -> list[str]:
    g, lang = data.ontology, links.lang
    types = [t for t in _named(g.objects(iri, RDF.type)) if t not in (OWL.NamedIndividual,)]
    statements = sorted(
        (label(g, p, lang), links.term(p), _value(o, links))
        for p, o in g.predicate_objects(iri)
        if p not in SHOWN and not isinstance(o, BNode)
    )
    used_by = sorted(
        {
            (label(g, cls, lang), links.term(cls), links.term(prop))
            for cls, prop in forms_taking(data).get(iri, ())
        }
    )
    collections = sorted(
        (label(g, c, lang), links.term(c), g.value(iri, NETORG.position))
        for c in g.subjects(SKOS.member, iri)
    )
    members = _by_position(g, list(g.objects(iri, SKOS.member)))
    return [
        section(say("heading.types", lang), bullets(links.term(t) for t in types)),
        section(
            say("heading.broader", lang),
            bullets(links.term(c) for c in _named(g.objects(iri, SKOS.broader))),
        ),
        section(
            say("heading.narrower", lang),
            bullets(
                links.term(c)
                for c in _named([*g.objects(iri, SKOS.narrower), *g.subjects(SKOS.broader, iri)])
            ),
        ),
        section(
            say("heading.related", lang),
            bullets(
                links.term(c)
                for c in _named([*g.objects(iri, SKOS.related), *g.subjects(SKOS.related, iri)])
            ),
        ),
        section(
            say("heading.in_lists", lang),
            bullets(
                link + (f" ({say('word.rank', lang, n=int(rank))})" if rank is not None else "")
                for _, link, rank in collections
            ),
        ),
        section(
            say("heading.members", lang),
            "".join(f"{n}. {links.term(m)}\n" for n, m in enumerate(members, 1)),
        ),
        section(
            say("heading.statements", lang),
            table(
                [say("word.property", lang), say("word.value", lang)],
                [(p, v) for _, p, v in statements],
            )
            if statements
            else "",
        ),
        section(
            say("heading.used_by", lang),
            table(
                [say("word.form", lang), say("word.property", lang)],
                [(c, p) for _, c, p in used_by],
            )
            if used_by
            else "",
        ),
    ]


def forms_taking(data: SiteData) -> dict[URIRef, list[tuple[URIRef, URIRef]]]:
    """value -> the (named class, property) pairs of the owl:hasValue restrictions that state it."""
    if "forms_taking" not in data.cache:
        found: dict[URIRef, list] = defaultdict(list)
        for prop in _named(data.ontology.subjects(RDF.type, OWL.ObjectProperty)):
            for cls, value in values_stated(data.ontology, prop):
                if isinstance(cls, URIRef):
                    found[value].append((cls, prop))
        data.cache["forms_taking"] = found
    return data.cache["forms_taking"]


def index_page(data: SiteData, kind: str, lang: str) -> str:
    g, links = data.ontology, Links(data, lang)
    terms = sorted(
        (label(g, iri, lang).casefold(), iri) for iri, (k, _) in data.terms.items() if k == kind
    )
    rows = [
        (links.term(iri), escape(_first_sentence(text(g, iri, SKOS.definition, lang) or "")))
        for _, iri in terms
    ]
    intro = say(f"intro.{kind}", lang, n=len(rows))
    return page(
        say(f"kind.{kind}.plural", lang),
        intro + "\n",
        table([say("word.term", lang), say("heading.definition", lang)], rows),
    )


def case_usage(data: SiteData, lang: str) -> dict[URIRef, list[str]]:
    """For each term, the corpus cases and members that are instances of it or use it."""
    from netorg.sheets.codes import vocabulary

    links = Links(data, lang)
    found: dict[URIRef, set[tuple[str, str]]] = defaultdict(set)
    for aspect in ASPECTS:
        codes = {term.code: term.iri for term in vocabulary(aspect).terms}
        for record in data.records[lang]:
            if (iri := codes.get(record.get(aspect) or "")) is not None:
                case = URIRef(record["case"])
                found[iri].add(
                    (record.get("name") or str(case), links.case(case, record.get("name")))
                )
    for subject, predicate, obj in data.corpus:
        if isinstance(obj, URIRef) and obj in data.terms and (case := case_of(subject)) is not None:
            name = label(data.corpus, case, lang)
            if predicate == RDF.type and subject != case:
                member = label(data.corpus, subject, lang)
                found[obj].add((f"{name} {member}", f"{data_text(member)} ({links.case(case)})"))
            else:
                found[obj].add((name, links.case(case)))
        if predicate == RDF.type and obj == NETORG.CaseStudy:
            found[NETORG.CaseStudy].add((label(data.corpus, subject, lang), links.case(subject)))
    return {iri: [link for _, link in sorted(items)] for iri, items in found.items()}


def question(query, lang: str) -> str:
    return " ".join(str(query.entry.question.get(lang) or query.id).split())


def escape_block(value: str) -> str:
    return " ".join(value.split()).replace("<", "&lt;")


def _value(value, links: Links) -> str:
    if isinstance(value, Literal):
        return f"`{value}`"
    return links.term(value)


def _named(nodes) -> list[URIRef]:
    return sorted({n for n in nodes if isinstance(n, URIRef)}, key=str)


def _by_position(graph, nodes) -> list:
    return sorted(nodes, key=lambda n: (position(graph, n), label(graph, n, "en").casefold()))


def _ancestors(graph, cls) -> list[URIRef]:
    seen: list[URIRef] = []
    todo = [s for s in graph.objects(cls, RDFS.subClassOf) if isinstance(s, URIRef)]
    while todo:
        sup = todo.pop(0)
        if sup not in seen and sup != cls:
            seen.append(sup)
            todo += [s for s in graph.objects(sup, RDFS.subClassOf) if isinstance(s, URIRef)]
    return seen


def _first_sentence(value: str) -> str:
    value = " ".join(value.split())
    end = value.find(". ")
    return value if end < 0 else value[: end + 1]
