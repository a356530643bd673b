"""Units and activities as whole numbers inside the computation, their codes outside it.

Every join, grouping and window of the diagnosis is keyed by unit and activity. On whole numbers
DuckDB groups and ranks about twice as fast as on text (3.5 M rows: a rank 0.48 s of CPU against
1.17 s, a grouping 0.57 s against 0.85 s). `encode` numbers the codes in the engine, in the order
of the codes (so an order by number is the order by code); `decode` puts the codes back on the
rows kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from netorg.diagnose.indicators import Keep, same

UNIT_COLUMNS = ("unit", "parent", "territory")  # the columns of the result that hold a unit


@dataclass(frozen=True)
class Keys:
    units: ir.Table  # k_code, k_id
    activities: ir.Table  # k_code, k_id


def _numbered(codes: ir.Table) -> ir.Table:
    return codes.mutate(k_id=ibis.row_number().over(ibis.window(order_by=codes.k_code)))


def encode(units: ir.Table, cells: ir.Table, profile: ir.Table, keep: Keep = same
           ) -> tuple[ir.Table, ir.Table, ir.Table, Keys]:
    """The three source tables with every unit and activity code replaced by its number."""
    unit_keys = keep(_numbered(units.select(k_code=units.code)))
    activity_keys = keep(_numbered(cells.select(k_code=cells.activity).distinct()))
    parent = unit_keys.select(p_code=unit_keys.k_code, p_id=unit_keys.k_id)
    u = units.join(unit_keys, units.code == unit_keys.k_code).left_join(
        parent, units.parent == parent.p_code)
    u = u.select(*[u.k_id.name("code") if c == "code" else u.p_id.name("parent")
                   if c == "parent" else u[c] for c in units.columns])
    c = cells.join(unit_keys, cells.unit == unit_keys.k_code)
    c = c.select(*[c.k_id.name("unit") if n == "unit" else c[n] for n in cells.columns])
    a = activity_keys.select(a_code=activity_keys.k_code, a_id=activity_keys.k_id)
    c = c.join(a, c.activity == a.a_code)
    c = c.select(*[c.a_id.name("activity") if n == "activity" else c[n] for n in cells.columns])
    p = profile.join(unit_keys, profile.unit == unit_keys.k_code)
    p = p.select(*[p.k_id.name("unit") if n == "unit" else p[n] for n in profile.columns])
    return keep(u), keep(c), keep(p), Keys(unit_keys, activity_keys)


def decode(x: ir.Table, keys: Keys) -> ir.Table:
    """`x` with the codes of its units and activity instead of their numbers."""
    columns, codes = x.columns, {}
    for column in (*UNIT_COLUMNS, "activity"):
        if column not in columns:
            continue
        table = keys.activities if column == "activity" else keys.units
        k = table.select(**{f"d_{column}": table.k_id, f"s_{column}": table.k_code})
        x = x.left_join(k, x[column] == k[f"d_{column}"])
        codes[column] = f"s_{column}"
    return x.select(*[x[codes[c]].name(c) if c in codes else x[c] for c in columns])
