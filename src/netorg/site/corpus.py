"""The corpus page: what the embedded case studies cover and how well they are known.

Everything is counted from the corpus graph and the classification records, so the page cannot
disagree with the data: cases by country and class, recognitions by the authority that granted
them (the programmes, as the sources name them), which facts are most often unknown, and the day
each case's facts were last checked against its sources (`netorg:factsCheckedOn`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from rdflib import RDF, URIRef

from netorg.plural import render
from netorg.site.data import NETORG, SiteData, label, text
from netorg.site.markdown import Links, data_text, escape, page, say, section, table, words

ORG = URIRef("http://www.w3.org/ns/org#")
PATH = "reference/corpus.md"


# case facts whose absence is counted, in the order of the template's columns
CASE_FACTS = (NETORG.region, NETORG.sector, NETORG.naceCode, NETORG.declaredAs,
              NETORG.governingBody, NETORG.foundingYear, NETORG.initiative, NETORG.factsCheckedOn)
LAT = URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat")


def _words(lang: str) -> Callable[[str], str]:
    """The page's interface words (`corpus.*` in site/words.yml) in `lang`."""
    return lambda key: say(f"corpus.{key}", lang)


def corpus_pages(data: SiteData, lang: str) -> Iterator[tuple[str, str]]:
    w, c = _words(lang), data.corpus
    cases = data.case_iris()
    memberships = set(c.subjects(RDF.type, ORG + "Membership"))
    recognitions = set(c.subjects(RDF.type, NETORG.PublicRecognition))
    countries = {str(v) for case in cases for v in c.objects(case, NETORG.countryCode)}
    intro = render(words()["corpus.intro"][lang], lang, cases=len(cases), countries=len(countries),
                   members=len(memberships), recognitions=len(recognitions))
    yield PATH, page(
        w("title"), intro + "\n",
        section(w("by_country"), by_country(data, lang)),
        section(w("by_authority"), by_authority(data, recognitions, lang)),
        section(w("unknown"), unknown_facts(data, cases, memberships, recognitions, lang)),
        section(w("checked"), w("checked_intro") + "\n\n" + checked(data, cases, lang)),
    )


def class_labels(data: SiteData, lang: str) -> dict[str, str]:
    """Typology code -> the class's label in `lang`, read from the ontology."""
    return {str(code): label(data.ontology, term, lang)
            for term, code in data.ontology.subject_objects(NETORG.code)}


def by_country(data: SiteData, lang: str) -> str:
    w, names = _words(lang), class_labels(data, lang)
    counts: Counter[tuple[str, str]] = Counter(
        (r["country"], r.get("typology") or "") for r in data.records[lang])
    classes = sorted({k for _, k in counts}, key=lambda k: (k == "", names.get(k, k)))
    countries = sorted({country for country, _ in counts},
                       key=lambda x: (-sum(n for (k, _), n in counts.items() if k == x), x))
    header = [w("country"), *[names.get(k, k) if k else w("unclassified") for k in classes],
              w("total")]
    rows = [[escape(country), *[counts[(country, k)] or "" for k in classes],
             sum(counts[(country, k)] for k in classes)] for country in countries]
    rows.append([f"**{w('total')}**", *[sum(counts[(x, k)] for x in countries) for k in classes],
                 sum(counts.values())])
    return table(header, rows)


def by_authority(data: SiteData, recognitions: set[Any], lang: str) -> str:
    w, c = _words(lang), data.corpus
    groups: dict[str, dict[str, Any]] = {}
    for node in recognitions:
        name = text(c, node, NETORG.authority, lang) or "—"
        group = groups.setdefault(name, {"cases": set(), "rows": 0, "years": []})
        group["cases"].update(c.subjects(NETORG.hasRecognition, node))
        group["rows"] += 1
        group["years"] += [int(y) for p in (NETORG.startYear, NETORG.endYear)
                           for y in c.objects(node, p)]
    rows = [[data_text(name) if name != "—" else name, len(g["cases"]), g["rows"],
             min(g["years"], default=""),
             max(g["years"], default="")]
            for name, g in sorted(groups.items(), key=lambda kv: (-len(kv[1]["cases"]), kv[0]))]
    return table([w("authority"), w("cases"), w("recognitions"), w("first"), w("last")], rows)


def unknown_facts(data: SiteData, cases: list[URIRef], memberships: set[Any],
                  recognitions: set[Any], lang: str) -> str:
    w, c = _words(lang), data.corpus
    firms = {m for m in c.objects(None, ORG + "member")
             if (m, RDF.type, NETORG.Firm) in c}
    counts = [(label(data.ontology, prop, lang), _missing(c, cases, prop), len(cases))
              for prop in CASE_FACTS]
    counts += [
        (w("location"), _missing(c, cases, LAT), len(cases)),
        (w("members_of_cases"), _missing(c, cases, ORG + "hasMembership"), len(cases)),
        (w("start_of_memberships"), _missing(c, memberships, NETORG.startYear), len(memberships)),
        (w("size_of_firms"), _missing(c, firms, NETORG.sizeClass), len(firms)),
        (w("start_of_recognitions"), _missing(c, recognitions, NETORG.startYear),
         len(recognitions)),
    ]
    counts.sort(key=lambda row: (-row[1] / max(row[2], 1), row[0]))
    return table([w("fact"), w("unknown_in"), w("of"), w("share")],
                 [[escape(name), n, total, f"{100 * n / max(total, 1):.0f} %"]
                  for name, n, total in counts])


def _missing(graph: Any, nodes: Any, prop: URIRef) -> int:
    return sum(1 for node in nodes if graph.value(node, prop) is None)


def checked(data: SiteData, cases: list[URIRef], lang: str) -> str:
    w, c, links = _words(lang), data.corpus, Links(data, lang)
    dated = [(str(c.value(case, NETORG.factsCheckedOn) or ""), label(c, case, lang), case)
             for case in cases]
    dated.sort(key=lambda row: row[1])
    dated.sort(key=lambda row: row[0], reverse=True)  # stable: newest first, then by name
    return table([w("date"), w("case")],
                 [[day or w("not_recorded"), links.case(case, name)] for day, name, case in dated])
