"""The ontology's metadata page (title, IRIs, version, licence, prefixes, how to cite), read from
the owl:Ontology header, and the changelog page, which shows the hand-kept CHANGELOG.md (a wheel
has no git history to read)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import OWL, RDF, URIRef

from netorg.site.data import DCTERMS, SiteData, ontology_iri, text_in
from netorg.site.markdown import localized, other_language, page, say, section, table

VANN = "http://purl.org/vocab/vann/"


def metadata_pages(data: SiteData, lang: str) -> Iterator[tuple[str, str]]:
    yield "reference/metadata.md", metadata(data, lang)
    yield "reference/changelog.md", changelog(lang)


def metadata(data: SiteData, lang: str) -> str:
    g = data.ontology
    iri = ontology_iri(g)
    rows = [["IRI", f"`{iri}`"]]
    for prop, key in (
        (OWL.versionIRI, "meta.version_iri"),
        (OWL.versionInfo, "meta.version"),
        (DCTERMS.created, "meta.created"),
        (DCTERMS.modified, "meta.modified"),
        (DCTERMS.creator, "meta.creator"),
        (DCTERMS.license, "meta.licence"),
        (URIRef(VANN + "preferredNamespacePrefix"), "meta.prefix"),
        (URIRef(VANN + "preferredNamespaceUri"), "meta.namespace"),
    ):
        for value in sorted(g.objects(iri, prop), key=str):
            shown = f"<{value}>" if isinstance(value, URIRef) else f"`{value}`"
            rows.append([say(key, lang), shown])
    title = localized(text_in(g, iri, DCTERMS.title, lang), lang)
    description = localized(text_in(g, iri, DCTERMS.description, lang), lang)
    prefixes = sorted((p, str(n)) for p, n in g.namespaces() if p and _used(g, str(n)))
    cited = text_in(g, iri, DCTERMS.bibliographicCitation, lang)
    cite = localized(cited, lang) if cited else ""
    counts = {
        say("kind.classes.plural", lang): len(set(g.subjects(RDF.type, OWL.Class))),
        say("kind.properties.plural", lang): sum(
            len(set(g.subjects(RDF.type, t)))
            for t in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        ),
        say("kind.individuals.plural", lang): len(set(g.subjects(RDF.type, OWL.NamedIndividual))),
        say("meta.triples", lang): len(g),
    }
    return page(
        say("page.metadata", lang),
        f"**{title}**\n\n{description}\n" if title else "",
        table([say("word.property", lang), say("word.value", lang)], rows),
        section(say("meta.size", lang), table(
            [say("word.what", lang), say("word.count", lang)],
            [[k, str(v)] for k, v in counts.items()],
        )),
        section(say("meta.prefixes", lang), table(
            [say("meta.prefix", lang), say("meta.namespace", lang)],
            [[f"`{p}:`", f"`{n}`"] for p, n in prefixes],
        )),
        section(say("meta.how_to_cite", lang), f"> {cite}\n\n{say('meta.cite_more', lang)}\n"),
    )


def _used(graph, namespace: str) -> bool:
    return any(str(t).startswith(namespace) for triple in graph for t in triple)


def changelog(lang: str) -> str:
    from netorg.resources import root

    path = root() / "CHANGELOG.md"
    if not path.is_file():
        return page(say("page.changelog", lang), say("changelog.missing", lang) + "\n")
    body = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in body.splitlines() if not line.startswith("# "))
    if lang != "en":
        note = other_language("", "en", lang)
        body = (
            f'{say("changelog.english", lang)} {note}\n\n'
            f'<div lang="en" markdown>\n\n{body}\n\n</div>'
        )
    return page(say("page.changelog", lang), body + "\n")

