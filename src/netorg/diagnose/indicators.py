"""The indicators of the diagnosis as Ibis expressions, written once and run by any engine.

Every unit of every level gets its figures by summing the finest units below it (successive
aggregation), so the commune, cercle, province and region rows come from the same counts. Each
indicator ends with one division of exact integer sums: DuckDB and Spark then give the same
double to the last digit (a sum of doubles would depend on the engine's order of addition).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ibis
import ibis.expr.types as ir

from netorg.diagnose.model import Model

KEPT = ("unit", "unit_name", "level", "parent", "activity", "J", "profile_scope")
COUNTS = ("sized", "sme", "large", "dated")  # counts by size and founding date, besides `before_*`
FLOAT = "float64"
Keep = Callable[[ir.Table], ir.Table]  # materialises a table used several times (or leaves it)


def same(table: ir.Table) -> ir.Table:
    return table


def ratio(num: ir.NumericValue, den: ir.NumericValue, scale: int = 1) -> ir.FloatingValue:
    """`scale × num / den`, missing when `den` is 0 or missing (Spark's ANSI mode would raise)."""
    value = (num * scale).cast(FLOAT) / den.cast(FLOAT)
    return ibis.ifelse(den.isnull() | (den == 0), ibis.null(FLOAT), value)


def year_columns(model: Model) -> list[str]:
    return [f"before_{i.founded_before}" for i in model.indicators.values()
            if i.founded_before is not None]


def ancestry(units: ir.Table, depth: int) -> ir.Table:
    """(unit, ancestor) for every unit and each unit above it, itself included."""
    step = units.select(unit=units.code, ancestor=units.code, up=units.parent)
    parts = [step.select("unit", "ancestor")]
    for _ in range(depth):
        above = units.select(a_code=units.code, a_parent=units.parent)
        step = step.filter(step.up.notnull()).join(above, step.up == above.a_code).select(
            unit=step.unit, ancestor=above.a_code, up=above.a_parent)
        parts.append(step.select("unit", "ancestor"))
    return ibis.union(*parts)


def aggregated(cells: ir.Table, profile: ir.Table, units: ir.Table, model: Model,
               tree: ir.Table | None = None) -> tuple[ir.Table, ir.Table]:
    """The cells and profiles of every unit of every level, summed from the finest units."""
    counts = [*COUNTS, *year_columns(model)]
    tree = ancestry(units, depth=len(model.levels)) if tree is None else tree
    j = cells.join(tree, cells.unit == tree.unit).select(
        tree.ancestor, cells.activity, cells.establishments, cells.jobs,
        *[cells[name] for name in counts])
    c = j.group_by([j.ancestor.name("unit"), j.activity]).aggregate(
        E=j.establishments.sum(), J=j.jobs.sum(),
        **{f"a_{name}": j[name].sum() for name in counts})
    pop = units.select(p_code=units.code, population=units.population)
    p = profile.join(pop, profile.unit == pop.p_code)
    p = p.join(tree, p.unit == tree.unit).select(
        tree.ancestor, p.jobs, p.public, p.nonprofit, p.population, *[p[name] for name in counts])
    p = p.group_by(p.ancestor.name("unit")).aggregate(
        u_J=p.jobs.sum(), u_public=p.public.sum(), u_nonprofit=p.nonprofit.sum(),
        population=p.population.sum(),
        **{f"u_{name}": p[name].sum() for name in counts})
    return c, p


def indicators(cells: ir.Table, profile: ir.Table, units: ir.Table, model: Model,
               tree: ir.Table | None = None, keep: Keep = same) -> ir.Table:
    """One row per unit (every level) and activity with every indicator of the ontology.

    `keep` materialises the summed cells and profiles, which several joins read: an engine
    that inlines a common table expression would otherwise sum the register's cells anew for
    each (DuckDB did, three times)."""
    c, p = (keep(t) for t in aggregated(cells, profile, units, model, tree))
    names = units.select(unit=units.code, unit_name=units.name, level=units.level,
                         parent=units.parent)
    c = c.join(names, "unit")
    totals = c.group_by("unit").aggregate(E_u=c.E.sum())
    country = c.filter(c.level == "country")
    national = country.select(activity=country.activity, E_a=country.E)
    grand = totals.join(names.filter(names.level == "country"), "unit").select(N=totals.E_u)
    x = c.join(totals, "unit").join(national, "activity").cross_join(grand)
    parent = c.join(totals, "unit").select(p_unit=c.unit, p_activity=c.activity, E_pa=c.E,
                                           E_p=totals.E_u)
    x = x.left_join(parent, (x.parent == parent.p_unit) & (x.activity == parent.p_activity))
    x = x.join(p, "unit")
    x = x.mutate(**_profile_columns(x, model))
    x = x.mutate(**_indicator_columns(x, model))
    x = x.join(_mix(x), "unit")
    # only what the criteria and the output read: every later step carries each column
    return x.select(*KEPT, *[code for code in model.indicators if code in x.columns])


def _profile_columns(x: ir.Table, model: Model) -> dict[str, Any]:
    """The size and founding counts for the activity where the source has them, else the unit's
    (all activities); `profile_scope` says which."""
    out = {name: ibis.coalesce(x[f"a_{name}"], x[f"u_{name}"])
           for name in (*COUNTS, *year_columns(model))}
    out["J_any"] = ibis.coalesce(x.J, x.u_J)
    unit = ibis.ifelse(x.u_sized.notnull(), "unit", ibis.null("string"))
    out["profile_scope"] = ibis.ifelse(x.a_sized.notnull(), "activity", unit)
    return out


def _indicator_columns(x: ir.Table, model: Model) -> dict[str, Any]:
    """Each indicator of the ontology by its code; parameters (years, per-how-many) are its own."""
    found = {}
    for code, indicator in model.indicators.items():
        if indicator.founded_before is not None:
            found[code] = ratio(x[f"before_{indicator.founded_before}"], x.dated)
    per = {code: i.per_units for code, i in model.indicators.items()}
    computed = {
        "establishments": x.E,
        "lq": ratio(x.E * x.N, x.E_u * x.E_a),
        "lq_parent": ratio(x.E * x.E_p, x.E_u * x.E_pa),
        "focus": ratio(x.E, x.E_u),
        "sme_share": ratio(x.sme, x.sized),
        "mean_size": ratio(x.J_any, x.sized),
        "large_share": ratio(x.large, x.sized),
        "density": ratio(x.E, x.population, per.get("density") or 1),
        "support": ratio(x.u_public + x.u_nonprofit, x.E_u, per.get("support") or 1),
        **found,
    }
    return {code: computed[code] for code in model.indicators if code in computed}


def _mix(x: ir.Table) -> ir.Table:
    """Krugman's index and the Hirschman-Herfindahl index of each unit's activity mix, from
    integer sums: K = 1 + Σ(|s(u,a) − s(a)| − s(a)) over the activities present in the unit (an
    absent one adds s(a)), and HHI = Σ E(u,a)² / E(u)²."""
    gap = (x.E * x.N - x.E_a * x.E_u).abs() - x.E_a * x.E_u
    k = x.mutate(gap=gap, sq=x.E * x.E).group_by(x.unit).aggregate(
        S=ibis._.gap.sum(), Q=ibis._.sq.sum(), D=(ibis._.E_u * ibis._.N).max(),
        E2=(ibis._.E_u * ibis._.E_u).max())
    return k.select("unit", krugman=ratio(k.D + k.S, k.D), hhi=ratio(k.Q, k.E2))
