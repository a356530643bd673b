"""What the diagnosis computes and decides, read from the ontology: levels, activities,
indicators and their parameters, criteria and their thresholds, rules, the SME ceiling of a
country, and the size bands of each source's scheme. Nothing here is a number of its own: every
threshold is a literal of diagnosis.ttl."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import rdflib
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from netorg import NS

NETORG = rdflib.Namespace(NS)
LANGS = ("en", "fr")


@dataclass(frozen=True)
class Named:
    """A term with a code, its labels and, where the ontology gives one, its position."""

    iri: URIRef
    code: str
    labels: dict[str, str]
    position: int

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.code


@dataclass(frozen=True)
class Level(Named):
    nouns: dict[str, str] = field(default_factory=dict)

    def noun(self, lang: str) -> str:
        return self.nouns.get(lang) or self.label(lang)


@dataclass(frozen=True)
class Indicator(Named):
    formula: str = ""
    founded_before: int | None = None
    per_units: int | None = None
    jobs_at_least: int | None = None
    sources: tuple[URIRef, ...] = ()


@dataclass(frozen=True)
class Criterion(Named):
    indicator: str = ""
    threshold: float | None = None
    top_share: float | None = None
    relative: bool = False
    aspects: tuple[URIRef, ...] = ()
    characteristics: tuple[URIRef, ...] = ()
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # met|unmet|unknown -> lang
    sources: tuple[URIRef, ...] = ()


@dataclass(frozen=True)
class Rule(Named):
    requires: tuple[str, ...] = ()
    texts: dict[str, str] = field(default_factory=dict)  # lang -> sentence when it applies


@dataclass(frozen=True)
class SizeBand:
    """A size band of a source: its code as the source writes it, its bounds in jobs
    [low, high), no `high` for the last band (netorg:SizeBand)."""

    code: str
    low: int
    high: int | None

    def is_sme(self, ceiling: int) -> bool:
        """Wholly under the SME ceiling (a band that straddles it counts as not SME)."""
        return self.high is not None and self.high <= ceiling

    def is_large(self, at_least: int) -> bool:
        return self.low >= at_least


def settles(bands: tuple[SizeBand, ...], at_least: int) -> bool:
    """Whether counting by `bands` can tell the establishments of `at_least` jobs or more from
    the others: the threshold must be where a band starts, not inside one."""
    return at_least in {band.low for band in bands}


@dataclass(frozen=True)
class Model:
    levels: tuple[Level, ...]  # finest first
    activities: tuple[Named, ...]
    indicators: dict[str, Indicator]
    criteria: tuple[Criterion, ...]
    candidate: Rule
    hints: tuple[Rule, ...]  # in order of precedence
    aspects: tuple[Named, ...]
    characteristics: tuple[Named, ...]
    graph: rdflib.Graph = field(repr=False, compare=False)

    def level(self, code: str) -> Level:
        return next(level for level in self.levels if level.code == code)

    def indicator_of(self, criterion: Criterion) -> Indicator:
        return self.indicators[criterion.indicator]

    def sme_ceiling(self, country: str | None) -> int:
        """Headcount from which a firm is no longer an SME in `country` (the reference definition
        when the ontology holds none for it)."""
        g = self.graph
        definitions = list(g.subjects(RDF.type, NETORG.SizeDefinition))
        chosen = [d for d in definitions if country and Literal(country) in
                  set(g.objects(d, NETORG.appliesInCountry))]
        chosen = chosen or [d for d in definitions
                            if g.value(d, NETORG.isReferenceDefinition) == Literal(True)]
        for threshold in g.objects(chosen[0], NETORG.hasThreshold):
            if g.value(threshold, NETORG.thresholdClass) == NETORG.LargeFirm:
                return int(g.value(threshold, NETORG.employeesAtLeast))
        raise LookupError(f"{chosen[0]}: no threshold for large firms")

    def size_schemes(self) -> tuple[str, ...]:
        """The codes of the size-band schemes (netorg:SizeBandScheme), sorted."""
        g = self.graph
        return tuple(sorted(str(g.value(s, NETORG.code))
                            for s in set(g.subjects(RDF.type, NETORG.SizeBandScheme))))

    def size_bands(self, scheme: str) -> tuple[SizeBand, ...]:
        """The bands of the scheme whose code is `scheme`, in the ontology's order."""
        g = self.graph
        chosen = [s for s in g.subjects(RDF.type, NETORG.SizeBandScheme)
                  if g.value(s, NETORG.code) == Literal(scheme)]
        if not chosen:
            raise LookupError(scheme)
        return tuple(SizeBand(str(g.value(b, NETORG.code)), int(g.value(b, NETORG.jobsFrom)),
                              _int(g.value(b, NETORG.jobsBelow)))
                     for b in _sorted(g, g.subjects(SKOS.inScheme, chosen[0])))

    def source_label(self, work: URIRef, lang: str) -> str:
        return _labels(self.graph, work).get(lang, str(work))


@cache
def model() -> Model:
    """The diagnosis of the bundled ontology (parsed once)."""
    from netorg.rdf.read import read_graph
    from netorg.resources import ontology_files

    return build(read_graph(ontology_files()))


def build(g: rdflib.Graph) -> Model:
    rules = [_rule(g, r) for r in _sorted(g, g.subjects(RDF.type, NETORG.DiagnosisRule))]
    candidate = next(rule for rule in rules if rule.iri == NETORG.CandidateRule)
    return Model(
        levels=tuple(_level(g, s) for s in _sorted(g, g.subjects(RDF.type,
                                                                  NETORG.TerritorialLevel))),
        activities=tuple(_named(g, s) for s in _sorted(g, g.subjects(RDF.type,
                                                                      NETORG.CensusActivity))),
        indicators={i.code: i for i in (_indicator(g, s) for s in
                                         _sorted(g, g.subjects(RDF.type,
                                                               NETORG.DiagnosticIndicator)))},
        criteria=tuple(_criterion(g, s) for s in _sorted(g, g.subjects(RDF.type,
                                                                        NETORG.DiagnosticCriterion))),
        candidate=candidate,
        hints=tuple(rule for rule in rules if rule is not candidate),
        aspects=_members(g, NETORG.NetworkIdentificationAspects),
        characteristics=_members(g, NETORG.TerritorialPrerequisites),
        graph=g,
    )


def _sorted(g: rdflib.Graph, subjects) -> list[URIRef]:
    return sorted(set(subjects), key=lambda s: (_int(g.value(s, NETORG.position)) or 99, str(s)))


def _int(value: object) -> int | None:
    return int(value) if value is not None else None


def _labels(g: rdflib.Graph, s: URIRef, prop: URIRef = RDFS.label) -> dict[str, str]:
    return {o.language: str(o) for o in g.objects(s, prop) if isinstance(o, Literal) and o.language}


def _named(g: rdflib.Graph, s: URIRef) -> Named:
    return Named(s, str(g.value(s, NETORG.code) or s.split("#")[-1]), _labels(g, s),
                 _int(g.value(s, NETORG.position)) or 0)


def _base(g: rdflib.Graph, s: URIRef) -> dict:
    n = _named(g, s)
    return {"iri": n.iri, "code": n.code, "labels": n.labels, "position": n.position}


def _level(g: rdflib.Graph, s: URIRef) -> Level:
    return Level(**_base(g, s), nouns=_labels(g, s, NETORG.unitNoun))


def _indicator(g: rdflib.Graph, s: URIRef) -> Indicator:
    return Indicator(
        **_base(g, s), formula=str(g.value(s, NETORG.formula) or ""),
        founded_before=_int(g.value(s, NETORG.foundedBefore)),
        per_units=_int(g.value(s, NETORG.perUnits)),
        jobs_at_least=_int(g.value(s, NETORG.jobsAtLeast)),
        sources=tuple(sorted(g.objects(s, rdflib.DCTERMS.source))),
    )


def _criterion(g: rdflib.Graph, s: URIRef) -> Criterion:
    indicator = g.value(s, NETORG.indicator)
    threshold, top = g.value(s, NETORG.threshold), g.value(s, NETORG.topShare)
    return Criterion(
        **_base(g, s), indicator=str(g.value(indicator, NETORG.code)),
        threshold=float(threshold) if threshold is not None else None,
        top_share=float(top) if top is not None else None,
        relative=bool(g.value(s, NETORG.relativeToCountry) == Literal(True)),
        aspects=tuple(sorted(g.objects(s, NETORG.informsAspect))),
        characteristics=tuple(sorted(g.objects(s, NETORG.informsCharacteristic))),
        texts={kind: _labels(g, s, prop) for kind, prop in
               (("met", NETORG.metText), ("unmet", NETORG.unmetText),
                ("unknown", NETORG.unknownText))},
        sources=tuple(sorted(g.objects(s, rdflib.DCTERMS.source))),
    )


def _rule(g: rdflib.Graph, s: URIRef) -> Rule:
    required = [str(g.value(c, NETORG.code)) for c in _sorted(g, g.objects(s,
                                                                          NETORG.requiresCriterion))]
    return Rule(**_base(g, s), requires=tuple(required), texts=_labels(g, s, NETORG.metText))


def _members(g: rdflib.Graph, collection: URIRef) -> tuple[Named, ...]:
    return tuple(_named(g, m) for m in _sorted(g, g.objects(collection, SKOS.member)))
