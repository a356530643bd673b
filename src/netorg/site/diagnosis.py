"""The "Territorial diagnosis" page: the paper's method, the indicators and criteria with their
sources (read from the ontology), and the Moroccan candidates of the HCP 2024 census by activity,
as tables linked to each candidate's page and as SVG charts (location quotient against size, the
European Cluster Observatory's stars, the historical depth). The interface words are the
`diagnosis.*` entries of site/words.yml."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from netorg.site.markdown import escape, page, say, section, table

PATH = "reference/diagnosis.md"
CASES = "reference/diagnosis"  # one page per candidate, reference/diagnosis/<case id>.md
CHART_ROWS = 15  # communes per activity in the chart of LQ against size


def _words(lang: str) -> Callable[..., str]:
    return lambda key, **values: say(f"diagnosis.{key}", lang, **values)


def diagnosis_pages(data: object, lang: str) -> Iterator[tuple[str, str]]:
    from netorg.diagnose.cases import case_ids
    from netorg.diagnose.model import model
    from netorg.diagnose.run import diagnose
    from netorg.site.diagnosis_cases import candidate_pages

    m, w = model(), _words(lang)
    found = diagnose(level="commune", lang=lang)
    frame = pd.concat([found, found.attrs["references"]], axis=1)  # the country's figures
    frame.attrs = found.attrs
    frame["case_id"] = case_ids(frame)
    names = _unit_names(m)
    frame["parent_name"] = frame["parent"].map(names).fillna(frame["parent"])
    frame["territory_name"] = frame["territory"].map(names).fillna(frame["territory"])
    yield PATH, page(
        w("title"), w("method") + "\n",
        section(w("indicators"), _indicators(m, lang)),
        section(w("criteria"), _criteria(m, lang)),
        section(w("charts"), _charts(frame, m, lang)),
        section(w("candidates"), w("data", n=CHART_ROWS) + "\n\n" + _candidates(frame, m, lang)),
    )
    yield from candidate_pages(frame, m, lang, CASES)


def _unit_names(m) -> dict[str, str]:
    """Unit code -> name, from the census's table of territorial units."""
    from netorg.diagnose.census import facts

    units = facts(m).units
    return dict(zip(units["code"], units["name"], strict=True))


def _indicators(m, lang: str) -> str:
    w = _words(lang)
    rows = [(i.label(lang), f"`{i.formula}`", "; ".join(m.source_label(s, lang) for s in i.sources))
            for i in m.indicators.values()]
    return table((w("indicator"), w("formula"), w("source")), rows)


def _criteria(m, lang: str) -> str:
    from netorg.diagnose.reasons import threshold_text

    w = _words(lang)
    names = {c.iri: c.label(lang) for c in (*m.aspects, *m.characteristics)}
    rows = []
    for c in m.criteria:
        limit = threshold_text(c, lang)
        if c.top_share is not None:
            limit = w("top", share=limit)
        elif c.relative:
            limit = w("relative", t=limit)
        rows.append((c.label(lang), m.indicators[c.indicator].label(lang), limit,
                     ", ".join(names.get(a, "") for a in c.aspects) or "—",
                     ", ".join(names.get(a, "") for a in c.characteristics) or "—",
                     "; ".join(m.source_label(s, lang) for s in c.sources)))
    return table((w("criterion"), w("indicator"), w("threshold"), w("aspect"),
                  w("characteristic"), w("source")), rows)


def _charts(frame: pd.DataFrame, m, lang: str) -> str:
    from netorg.site.diagnosis_charts import stars_chart

    w = _words(lang)
    return w("stars_intro") + "\n\n" + stars_chart(frame, m, lang) + "\n"


def _candidates(frame: pd.DataFrame, m, lang: str) -> str:
    from netorg.diagnose.reasons import number
    from netorg.site.diagnosis_charts import depth_chart, lq_chart

    w = _words(lang)
    parts = []
    for activity in m.activities:
        rows = frame[frame["activity"] == activity.code]
        chosen = rows[rows["candidate"]]
        body = lq_chart(rows.head(CHART_ROWS), m, lang) + "\n\n"
        if chosen.empty:
            body += w("none") + "."
        else:
            link = ("[" + chosen["unit_name"].map(escape) + "](diagnosis/" + chosen["case_id"]
                    + ".md)")
            hints = chosen["hint"].map({h.code: w(f"hint.{h.code}") for h in m.hints})
            cells = zip(link, chosen["parent_name"].map(escape),
                        number(chosen["establishments"], "count", lang),
                        number(chosen["lq"], "decimal", lang), chosen["stars"],
                        number(chosen["founded_before_1981"], "share", lang),
                        hints.fillna("—"), strict=True)
            body += table((w("unit"), w("parent"), w("establishments"), w("lq"), w("stars"),
                           w("depth"), w("hint")), cells)
            body += "\n" + w("depth_intro") + "\n\n" + depth_chart(chosen, activity, lang) + "\n"
        parts.append(section(activity.label(lang).capitalize(), body))
    return "\n".join(parts)
