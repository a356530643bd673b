"""Successive aggregation (Marghich & Errabih 2016, section 3): from a marked unit, climb to its
parent while the parent is itself marked for the same activity, so that marked units sharing a
marked parent merge into one candidate territory, level by level up to the region.

Each candidate gets its `territory` (the highest unit of that unbroken chain of marked ancestors)
and its level, the level at which its concentration is clearest (the highest location quotient
along the chain, the finer level on a tie), and `members`, the number of marked units of its own
level in the territory. The chain is read from the ancestry table with aggregates, not walked.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from netorg.diagnose.indicators import Keep, ancestry, same
from netorg.diagnose.model import Model

NO_BREAK = 10_000  # a position beyond every level


def territories(x: ir.Table, units: ir.Table, model: Model, tree: ir.Table | None = None,
                level: str | None = None, keep: Keep = same) -> ir.Table:
    """Add `territory`, `territory_level`, `clearest_level` and `members` to every row (of
    `level` only, if given: the marks of every level are read, the other rows are not kept)."""
    position = {lv.code: lv.position for lv in model.levels}
    unit = x.unit.type()  # a code, or its number (`keys`)
    tree = ancestry(units, depth=len(model.levels)) if tree is None else tree
    tree = tree.filter(tree.unit != tree.ancestor)
    levels = units.select(a_code=units.code, a_level=units.level)
    chain = tree.join(levels, tree.ancestor == levels.a_code).select(
        tree.unit, tree.ancestor, levels.a_level)
    chain = chain.filter(chain.a_level != "country").mutate(
        a_pos=chain.a_level.substitute(position, else_=NO_BREAK))
    marks = x.select(ancestor=x.unit, activity=x.activity, m_candidate=x.candidate, m_lq=x.lq)
    # only the marked rows climb: joining every unit to every activity of its ancestors would
    # multiply the rows by the number of activities
    if level is not None:
        x = x.filter(x.level == level)
    # and only those whose parent is marked too: the others cannot climb (a territory of one)
    climbing = marks.filter(marks.m_candidate).select(p_unit=marks.ancestor,
                                                      p_activity=marks.activity)
    marked = x.filter(x.candidate)
    marked = marked.join(climbing, [marked.parent == climbing.p_unit,
                                    marked.activity == climbing.p_activity]).select(
        c_unit=marked.unit, c_activity=marked.activity)
    j = marked.join(chain, marked.c_unit == chain.unit).select(
        chain.unit, chain.ancestor, chain.a_level, chain.a_pos, activity=marked.c_activity)
    j = keep(j.join(marks, ["ancestor", "activity"]))  # read three times below
    breaks = j.group_by(["unit", "activity"]).aggregate(
        brk=ibis.ifelse(j.m_candidate, ibis.null("int64"), j.a_pos).min())
    ok = j.join(breaks, ["unit", "activity"])
    ok = ok.filter(ok.m_candidate & (ok.a_pos < ok.brk.fill_null(NO_BREAK)))
    top = ok.group_by(["unit", "activity"]).aggregate(
        t_pos=ok.a_pos.max(), best_lq=ok.m_lq.max())
    ok = ok.join(top, ["unit", "activity"])
    top = ok.group_by(["unit", "activity"]).aggregate(
        t_code=ibis.ifelse(ok.a_pos == ok.t_pos, ok.ancestor, ibis.null(unit)).max(),
        t_level=ibis.ifelse(ok.a_pos == ok.t_pos, ok.a_level, ibis.null("string")).max(),
        best_lq=ok.best_lq.max(),
        best_pos=ibis.ifelse(ok.m_lq == ok.best_lq, ok.a_pos, ibis.null("int64")).min())
    inverse = {pos: code for code, pos in position.items()}
    top = top.mutate(best_level=top.best_pos.substitute(inverse, else_=ibis.null("string")))
    top = top.rename(t_unit="unit", t_activity="activity")
    x = x.left_join(top, [x.unit == top.t_unit, x.activity == top.t_activity])
    climbed = x.candidate & x.t_code.notnull()
    x = x.mutate(
        territory=ibis.ifelse(x.candidate, ibis.ifelse(climbed, x.t_code, x.unit),
                              ibis.null(unit)),
        territory_level=ibis.ifelse(x.candidate, ibis.ifelse(climbed, x.t_level, x.level),
                                    ibis.null("string")),
        clearest_level=ibis.ifelse(
            x.candidate, ibis.ifelse(climbed & (x.best_lq > x.lq), x.best_level, x.level),
            ibis.null("string")),
    )
    x = x.drop("t_unit", "t_activity", "t_code", "t_level", "best_lq", "best_pos", "best_level")
    # counted by a grouping, not a window over the wide table (a window sorts every column)
    marked = x.filter(x.candidate)
    count = marked.group_by([marked.territory.name("g_territory"),
                             marked.activity.name("g_activity"), marked.level.name("g_level")]
                            ).aggregate(g_members=marked.count())
    x = x.left_join(count, [x.territory == count.g_territory, x.activity == count.g_activity,
                            x.level == count.g_level])
    x = x.mutate(members=ibis.ifelse(x.candidate, x.g_members.cast("int64"),
                                     ibis.literal(0, "int64")))
    return x.drop("g_territory", "g_activity", "g_level", "g_members")
