"""The case-study pages: one per case (facts, sources, classification with its reasons, members,
relations, recognitions and a diagram), and an index with a map drawn from the coordinates.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import RDF, RDFS, Literal, URIRef

from netorg.site.data import DCTERMS, NETORG, SiteData, case_slug, label, position
from netorg.site.markdown import (
    Links,
    bullets,
    colon,
    country_name,
    data_page,
    data_text,
    escape,
    page,
    say,
    section,
    table,
)
from netorg.site.svg import Edge, MapWords, Node, network, world_map
from netorg.site.terms import ASPECTS

ORG = "http://www.w3.org/ns/org#"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"


def case_pages(data: SiteData, lang: str) -> Iterator[tuple[str, str]]:
    records = {URIRef(r["case"]): r for r in data.records[lang]}
    for case in data.case_iris():
        yield f"cases/{case_slug(case)}.md", case_page(data, case, records.get(case, {}), lang)
    yield "cases/index.md", index_page(data, records, lang)


def case_page(data: SiteData, case: URIRef, record: dict[str, Any], lang: str) -> str:
    c, links = data.corpus, Links(data, lang)
    return data_page(
        label(c, case, lang),
        verdict(record, links),
        facts(data, case, links),
        section(
            say("heading.sources", lang),
            bullets(_source(s) for s in sorted(c.objects(case, DCTERMS.source), key=str)),
        ),
        section(say("heading.classification", lang), classification(data, record, links)),
        section(say("heading.members", lang), members(data, case, links)),
        section(say("heading.relations", lang), relations(data, case, links)),
        section(say("heading.recognitions", lang), recognitions(data, case, links)),
        section(say("heading.network_diagram", lang), diagram(data, case, lang)),
    )


def verdict(record: dict[str, Any], links: Links) -> str:
    """The page's first sentence: the case's class on each aspect, then its conflicts."""
    from netorg.sheets.codes import vocabulary

    lang = links.lang
    if not record:
        return say("case.not_classified", lang) + "\n"
    parts = []
    for aspect in ASPECTS:
        terms = {t.code: t.iri for t in vocabulary(aspect).terms}
        code = record.get(aspect)
        value = links.term(terms[code]) if code in terms else say("word.unknown", lang)
        parts.append(f"{say(f'aspect.{aspect}', lang).lower()} {value}")
    n = len(record.get("conflicts") or [])
    conflicts = say(
        {0: "verdict.no_conflict", 1: "verdict.one_conflict"}.get(n, "verdict.conflicts"),
        lang,
        n=n,
    )
    sentence = say("verdict.sentence", lang, aspects=", ".join(parts), conflicts=conflicts)
    return f'<p class="netorg-verdict" markdown>**{say("word.verdict", lang)}**{colon(lang)}' \
        f"{sentence}</p>\n"


def facts(data: SiteData, case: URIRef, links: Links) -> str:
    c, lang = data.corpus, links.lang
    rows = []
    for prop in (
        NETORG.countryCode,
        NETORG.region,
        NETORG.sector,
        NETORG.naceCode,
        NETORG.foundingYear,
        NETORG.declaredAs,
        NETORG.declaredType,
        NETORG.initiative,
    ):
        values = sorted(c.objects(case, prop), key=str)
        if values:
            shown = (
                [country_name(str(v), lang) for v in values]
                if prop == NETORG.countryCode
                else [_value(v, links) for v in values]
            )
            rows.append([links.term(prop), ", ".join(shown)])
    lat, lon = c.value(case, URIRef(GEO + "lat")), c.value(case, URIRef(GEO + "long"))
    if lat is not None and lon is not None:
        rows.append([say("word.coordinates", lang), coordinates(float(lat), float(lon), lang)])
    rows.append(["IRI", f"`{case}`"])
    return table([say("word.fact", lang), say("word.value", lang)], rows)


def classification(data: SiteData, record: dict[str, Any], links: Links) -> str:
    from netorg.sheets.codes import vocabulary

    lang = links.lang
    if not record:
        return say("case.not_classified", lang)
    rows = []
    for aspect in ASPECTS:
        code = record.get(aspect)
        terms = {t.code: t.iri for t in vocabulary(aspect).terms}
        shown = (
            links.term(terms[code])
            if code in terms
            else (f"`{code}`" if code else say("word.unknown", lang))
        )
        rows.append([say(f"aspect.{aspect}", lang), shown])
    text = table([say("word.aspect", lang), say("word.value", lang)], rows) + "\n"
    for key, heading in (
        ("reasons", "heading.reasons"),
        ("conflicts", "heading.conflicts"),
        ("tensions", "heading.tensions"),
        ("missing", "heading.missing"),
    ):
        items = [escape(_message(item, lang)) for item in record.get(key) or []]
        if items:
            admonition = {"conflicts": "warning", "tensions": "warning", "missing": "info"}.get(key)
            if admonition:
                text += (
                    f'!!! {admonition} "{say(heading, lang)}"\n'
                    + "".join(f"    - {i}\n" for i in items)
                    + "\n"
                )
            else:
                text += f"**{say(heading, lang)}**\n\n" + bullets(items) + "\n"
    return text


def members(data: SiteData, case: URIRef, links: Links) -> str:
    c, lang = data.corpus, links.lang
    rows = []
    for membership, member in _memberships(data, case):
        types = [links.term(t) for t in c.objects(member, RDF.type) if isinstance(t, URIRef)]
        size = c.value(member, NETORG.sizeClass)
        pivot = "✔" if (membership, URIRef(ORG + "role"), NETORG.PivotFirmRole) in c else ""
        rows.append(
            [
                data_text(label(c, member, lang)),
                ", ".join(types),
                links.term(size) if size else "",
                _plain(c.value(member, NETORG.employees)),
                pivot,
                _period(c, membership),
            ]
        )
    header = [
        say("word.name", lang),
        say("word.type", lang),
        say("word.size", lang),
        say("word.employees", lang),
        say("word.pivot", lang),
        say("word.period", lang),
    ]
    return table(header, rows) if rows else say("case.none", lang)


def relations(data: SiteData, case: URIRef, links: Links) -> str:
    c, lang = data.corpus, links.lang
    rows = []
    for relation in _relations(data, case):
        kind = c.value(relation, NETORG.relationType)
        rows.append(
            [
                data_text(label(c, c.value(relation, NETORG.relationSource), lang)),
                data_text(label(c, c.value(relation, NETORG.relationTarget), lang)),
                links.term(kind) if kind else "",
                _yes_no(c.value(relation, NETORG.isFormal), lang),
                _yes_no(c.value(relation, NETORG.isMarket), lang),
            ]
        )
    header = [
        say("word.from", lang),
        say("word.to", lang),
        say("word.type", lang),
        say("word.formal", lang),
        say("word.market", lang),
    ]
    return table(header, rows) if rows else say("case.none", lang)


def recognitions(data: SiteData, case: URIRef, links: Links) -> str:
    c, lang = data.corpus, links.lang
    rows = []
    for recognition in sorted(c.objects(case, NETORG.hasRecognition), key=str):
        level = c.value(recognition, NETORG.authorityLevel)
        rows.append(
            [
                data_text(_plain(c.value(recognition, NETORG.recognitionLabel))),
                data_text(_plain(c.value(recognition, NETORG.authority))),
                links.term(level) if level else "",
                _period(c, recognition),
            ]
        )
    header = [
        say("word.label", lang),
        say("word.authority", lang),
        say("word.level", lang),
        say("word.period", lang),
    ]
    return table(header, rows) if rows else say("case.none", lang)


def diagram(data: SiteData, case: URIRef, lang: str) -> str:
    c, g = data.corpus, data.ontology
    categories = _member_categories(data)
    logics = sorted(set(g.objects(None, NETORG.indicatesLogic)), key=str)
    nodes, seen_groups = [], set()
    for membership, member in _memberships(data, case):
        group = next(
            (
                i
                for i, cat in enumerate(categories)
                for t in c.objects(member, RDF.type)
                if (t, RDFS.subClassOf * "*", cat) in g
            ),
            len(categories),
        )
        seen_groups.add(group)
        pivot = (membership, URIRef(ORG + "role"), NETORG.PivotFirmRole) in c
        nodes.append(Node(str(member), label(c, member, lang), None, group, pivot))
    if not nodes:
        return ""
    edges, edge_groups, dashed = [], set(), False
    for relation in _relations(data, case):
        logic = g.value(c.value(relation, NETORG.relationType), NETORG.indicatesLogic)
        group = logics.index(logic) if logic in logics else len(logics)
        informal = c.value(relation, NETORG.isFormal) == Literal(False)
        dashed |= informal
        edge_groups.add(group)
        edges.append(
            Edge(
                str(c.value(relation, NETORG.relationSource)),
                str(c.value(relation, NETORG.relationTarget)),
                group,
                informal,
            )
        )
    legend = [
        (i, "node", label(g, cat, lang)) for i, cat in enumerate(categories) if i in seen_groups
    ]
    if len(categories) in seen_groups:
        legend.append((len(categories), "node", say("word.other", lang)))
    if any(n.strong for n in nodes):
        legend.append((0, "pivot", label(g, NETORG.PivotFirmRole, lang)))
    legend += [
        (i, "edge", label(g, logic, lang)) for i, logic in enumerate(logics) if i in edge_groups
    ]
    if len(logics) in edge_groups:
        legend.append((len(logics), "edge", say("word.other_relations", lang)))
    if dashed:
        legend.append((6, "dashed", say("word.informal", lang)))
    return network(nodes, edges, legend, say("heading.network_diagram", lang))


def index_page(data: SiteData, records: dict[URIRef, dict], lang: str) -> str:
    from netorg.sheets.codes import vocabulary

    c, links = data.corpus, Links(data, lang)
    typologies = vocabulary("typology").terms
    group_of = {t.code: i for i, t in enumerate(typologies)}
    points, rows = [], []
    for case in data.case_iris():
        record = records.get(case, {})
        name = label(c, case, lang)
        code = record.get("typology")
        lat, lon = c.value(case, URIRef(GEO + "lat")), c.value(case, URIRef(GEO + "long"))
        if lat is not None and lon is not None:
            href = f"{case_slug(case)}/"
            points.append(
                (
                    float(lat),
                    float(lon),
                    Node(str(case), name, href, group_of.get(code, len(typologies))),
                )
            )
        cells = [
            links.case(case),
            ", ".join(
                country_name(str(v), lang) for v in sorted(c.objects(case, NETORG.countryCode))
            ),
            data_text(_plain(c.value(case, NETORG.declaredAs))),
        ]
        for aspect in ("typology", "structure", "network_kind"):
            terms = {t.code: t.iri for t in vocabulary(aspect).terms}
            value = record.get(aspect)
            cells.append(links.term(terms[value]) if value in terms else "—")
        cells.append("⚠" if record.get("conflicts") else "")
        rows.append((name.casefold(), cells))
    legend = [(i, t.label(lang)) for i, t in enumerate(typologies)] + [
        (len(typologies), say("word.unclassified", lang))
    ]
    header = [
        say("word.name", lang),
        say("word.country", lang),
        say("word.declared", lang),
        say("aspect.typology", lang),
        say("aspect.structure", lang),
        say("aspect.network_kind", lang),
        say("word.conflict", lang),
    ]
    return page(
        say("page.cases", lang),
        say("cases.intro", lang, n=len(rows)) + "\n",
        section(
            say("heading.map", lang),
            world_map(points, legend, map_words(lang))
            + f'\n\n<p class="netorg-map-attribution">{say("map.attribution", lang)}</p>\n',
        ),
        section(
            say("heading.all_cases", lang), table(header, [cells for _, cells in sorted(rows)])
        ),
        hide=("toc",),
    )


def map_words(lang: str) -> MapWords:
    return MapWords(
        title=say("heading.map", lang),
        inset=say("map.inset", lang),
        filters=say("map.filters", lang),
        north=say("compass.N", lang),
        south=say("compass.S", lang),
        east=say("compass.E", lang),
        west=say("compass.W", lang),
    )


def _memberships(data: SiteData, case: URIRef) -> list[tuple[URIRef, URIRef]]:
    c = data.corpus
    found = [
        (m, c.value(m, URIRef(ORG + "member")))
        for m in c.objects(case, URIRef(ORG + "hasMembership"))
    ]
    return sorted(
        ((m, member) for m, member in found if member is not None),
        key=lambda p: label(c, p[1], "en").casefold(),
    )


def _relations(data: SiteData, case: URIRef) -> list[URIRef]:
    def order(relation):
        tail = str(relation).rsplit("/", 1)[-1]
        return (int(tail) if tail.isdigit() else 10**6, str(relation))

    return sorted(data.corpus.objects(case, NETORG.hasRelation), key=order)


def _member_categories(data: SiteData) -> list[URIRef]:
    g = data.ontology
    top = URIRef(ORG + "FormalOrganization")
    return sorted(
        (c for c in g.subjects(RDFS.subClassOf, top) if isinstance(c, URIRef)),
        key=lambda c: (position(g, c), str(c)),
    )


def _period(graph, node) -> str:
    start, end = graph.value(node, NETORG.startYear), graph.value(node, NETORG.endYear)
    if start is None and end is None:
        return ""
    return f"{_plain(start) or '…'}–{_plain(end) or ''}"


def _plain(value) -> str:
    return "" if value is None else str(value)


def _yes_no(value, lang: str) -> str:
    if value is None:
        return say("word.unknown", lang)
    return say("word.yes" if value.toPython() is True else "word.no", lang)


def _value(value, links: Links) -> str:
    return links.term(value) if isinstance(value, URIRef) else data_text(str(value))


def _source(value) -> str:
    if isinstance(value, URIRef):
        return f"<{value}>"
    return data_text(str(value))


def coordinates(lat: float, lon: float, lang: str) -> str:
    """43.600° N, 1.444° E: hemispheres in letters, so no sign can be lost (O for ouest in
    French)."""
    north, east = say("compass.N", lang), say("compass.E", lang)
    south, west = say("compass.S", lang), say("compass.W", lang)
    decimal = "," if lang == "fr" else "."
    lat_text = f"{abs(lat):.3f}".replace(".", decimal)
    lon_text = f"{abs(lon):.3f}".replace(".", decimal)
    return (
        f"{lat_text}\u00a0° {north if lat >= 0 else south}, "
        f"{lon_text}\u00a0° {east if lon >= 0 else west}"
    )


def _message(item: Any, lang: str) -> str:
    if isinstance(item, dict):
        for key in ("message", lang, "text", "reason"):
            if item.get(key):
                return str(item[key])
    return str(item)
