"""The criteria and rules of the ontology evaluated in the same expressions as the indicators.

A criterion is met when its indicator reaches the threshold: the value itself, its ratio to the
country's value (`relativeToCountry`), or its rank among the units of the level (`topShare`: met
when fewer than that fraction of the units rank above it, and the value is positive). A missing
value leaves the criterion unknown (null), never met by default.
"""

from __future__ import annotations

from collections.abc import Iterable

import ibis
import ibis.expr.types as ir

from netorg.diagnose.model import NETORG, Criterion, Model

UNIT_LEVEL = ("krugman", "hhi")  # indicators of the unit's whole mix, ranked among units only


def references(x: ir.Table, model: Model, codes: Iterable[str] | None = None) -> ir.Table:
    """The country's value of every indicator (or of `codes`), by activity, as `ref_<code>`."""
    country = x.filter(x.level == "country")
    return country.select(r_activity=country.activity, **{
        f"ref_{code}": country[code] for code in (model.indicators if codes is None else codes)})


def with_references(x: ir.Table, evaluated: ir.Table, model: Model) -> ir.Table:
    """`x` with the country's value of every indicator (`ref_<code>`), which the sentences
    quote; joined last, on the rows kept, rather than carried through every step."""
    refs = references(evaluated, model)
    return x.join(refs, x.activity == refs.r_activity).drop("r_activity")


def evaluate(x: ir.Table, units: ir.Table, model: Model) -> ir.Table:
    """Add `met_<criterion>`, `stars`, `candidate` and `hint` to the indicators table."""
    relative = list(dict.fromkeys(c.indicator for c in model.criteria if c.relative))
    refs = references(x, model, relative)
    x = x.join(refs, x.activity == refs.r_activity).drop("r_activity")
    sizes = units.group_by(units.level.name("n_level")).aggregate(n_units=units.count())
    x = x.join(sizes, x.level == sizes.n_level).drop("n_level")
    ranked = [c for c in model.criteria if c.top_share is not None]
    cell = [c for c in ranked if c.indicator not in UNIT_LEVEL]
    if cell:  # ranked on a narrow table: a window sorts every column it is given
        n = x.select("unit", "activity", "level", *{c.indicator for c in cell})
        n = n.select(k_unit=n.unit, k_activity=n.activity,
                     **{f"rank_{c.code}": _rank(n, c) for c in cell})
        x = x.join(n, [x.unit == n.k_unit, x.activity == n.k_activity]).drop(
            "k_unit", "k_activity")
    mix = [c for c in ranked if c.indicator in UNIT_LEVEL]
    if mix:
        u = x.select("unit", "level", *{c.indicator for c in mix}).distinct()
        u = u.select(r_unit=u.unit, **{f"rank_{c.code}": ibis.rank().over(
            ibis.window(group_by=u.level, order_by=ibis.desc(u[c.indicator]))) for c in mix})
        x = x.join(u, x.unit == u.r_unit).drop("r_unit")
    x = x.mutate(**{f"met_{c.code}": _met(x, c) for c in model.criteria})
    x = x.drop("n_units", *[f"rank_{c.code}" for c in ranked],
               *[f"ref_{code}" for code in relative])
    stars = [c for c in model.criteria if c.iri in _stars(model)]
    x = x.mutate(stars=sum((ibis.coalesce(x[f"met_{c.code}"], False).cast("int64")
                            for c in stars), ibis.literal(0, "int64")))
    x = x.mutate(candidate=_all(x, model.candidate.requires))
    hint = ibis.null("string")
    for rule in reversed(model.hints):  # the first rule by position wins
        hint = ibis.ifelse(_all(x, rule.requires), rule.code, hint)
    return x.mutate(hint=ibis.ifelse(x.candidate, hint, ibis.null("string")))


def _rank(x: ir.Table, criterion: Criterion) -> ir.IntegerValue:
    window = ibis.window(group_by=[x.level, x.activity], order_by=ibis.desc(x[criterion.indicator]))
    return ibis.rank().over(window)


def _met(x: ir.Table, criterion: Criterion) -> ir.BooleanValue:
    value = x[criterion.indicator]
    if criterion.top_share is not None:
        kept = (x[f"rank_{criterion.code}"].cast("float64")
                < x.n_units.cast("float64") * criterion.top_share) & (value > 0)
    elif criterion.relative:
        ref = x[f"ref_{criterion.indicator}"]
        kept = ibis.ifelse(ref.isnull(), ibis.null("boolean"), value >= ref * criterion.threshold)
    else:
        kept = value >= criterion.threshold
    return ibis.ifelse(value.isnull(), ibis.null("boolean"), kept)


def _all(x: ir.Table, codes: tuple[str, ...]) -> ir.BooleanValue:
    met = [ibis.coalesce(x[f"met_{code}"], False) for code in codes]
    out = met[0]
    for more in met[1:]:
        out = out & more
    return out


def _stars(model: Model) -> set:
    from rdflib.namespace import SKOS

    return set(model.graph.objects(NETORG.ClusterObservatoryStars, SKOS.member))
