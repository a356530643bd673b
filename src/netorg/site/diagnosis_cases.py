"""One page per candidate of the territorial diagnosis: the candidate's territory and activity,
its figures against the country's, each criterion met or not with its reason, the paper's
conditions, and what the audit must establish — the facts `netorg classify` finds missing on the
case that `netorg diagnose --out` writes for it (the same graph, classified here)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
from rdflib import SKOS, URIRef

from netorg.plural import render
from netorg.site.markdown import bullets, data_text, escape, page, say, section, table, words


def candidate_pages(frame: pd.DataFrame, m, lang: str, folder: str) -> Iterator[tuple[str, str]]:
    from netorg.diagnose.cases import graph
    from netorg.shacl.classify import classify
    from netorg.sheets.read import case_iri

    candidates = frame[frame["candidate"]]
    g = graph(frame, lang)
    missing = {r["case"]: r.get("missing") or [] for r in classify(g).to_records(lang)}
    for row in candidates.itertuples(index=False):  # one page per candidate (a few per level)
        iri = str(case_iri(row.case_id))
        title = str(g.value(URIRef(iri), SKOS.prefLabel))
        yield f"{folder}/{row.case_id}.md", candidate_page(row, title, missing.get(iri, []),
                                                           frame.attrs, m, lang)


def candidate_page(row, title: str, missing: list, attrs: dict, m, lang: str) -> str:
    def w(key: str, **values) -> str:
        return say(f"diagnosis.{key}", lang, **values)

    activity = attrs.get("activity_labels", {}).get(row.activity, {}).get(lang, row.activity)
    intro = w("case_intro", unit=data_text(row.unit_name), parent=data_text(row.parent_name),
              activity=activity)
    reasons = list(row.reasons)
    nouns = {level.code: level.noun(lang) for level in m.levels}
    territory = render(words()["diagnosis.territory"][lang], lang, members=int(row.members)).format(
        territory=data_text(row.territory_name), level=nouns.get(row.territory_level, ""),
        clearest=nouns.get(row.clearest_level, ""))
    count = len(m.criteria)
    audit = w("audit_intro") + "\n\n" + bullets(escape(i.get("message", "")) for i in missing)
    sources = bullets(escape(s) for s in (attrs.get("citation"), attrs.get("source")) if s)
    return page(
        title, intro + "\n\n" + territory + "\n",
        section(w("figures"), _figures(row, m, lang)),
        section(w("verdicts"), _verdicts(row, reasons[:count], m, lang)),
        section(w("conditions"), bullets(escape(s) for s in reasons[count:])),
        section(w("audit"), audit),
        section(w("sources"), sources),
        f"[{w('back')}](../diagnosis.md)\n",
    )


def _figures(row, m, lang: str) -> str:
    from netorg.diagnose.reasons import kind_of, number

    codes = list(m.indicators)
    values = pd.Series([getattr(row, c) for c in codes], dtype="float64")
    country = pd.Series([getattr(row, f"ref_{c}") for c in codes], dtype="float64")
    rows = []
    for i, code in enumerate(codes):  # one formatted figure per indicator
        kind = kind_of(code)
        shown = number(values.iloc[[i]], kind, lang).iloc[0] if pd.notna(values.iloc[i]) else "—"
        ref = number(country.iloc[[i]], kind, lang).iloc[0] if pd.notna(country.iloc[i]) else "—"
        rows.append((m.indicators[code].label(lang), shown, ref))
    w = lambda key: say(f"diagnosis.{key}", lang)  # noqa: E731
    return table((w("indicator"), w("value"), w("country")), rows)


def _verdicts(row, reasons: list[str], m, lang: str) -> str:
    met = row.criteria or {}
    state = {True: "met", False: "unmet", None: "unknown"}
    rows = [(c.label(lang), say(f"diagnosis.{state[met.get(c.code)]}", lang), escape(reason))
            for c, reason in zip(m.criteria, reasons, strict=False)]
    return table((say("diagnosis.criterion", lang), say("diagnosis.state", lang),
                  say("diagnosis.reason", lang)), rows)
