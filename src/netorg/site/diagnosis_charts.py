"""The charts of the territorial diagnosis page, as inline SVG in the page's language: location
quotient against size, the European Cluster Observatory's stars, the historical depth. The
thresholds drawn are read from the ontology's criteria, never written here."""

from __future__ import annotations

import math
from html import escape

import pandas as pd

from netorg.site.markdown import say
from netorg.site.svg import PALETTE, Bar, _svg, bars


def _threshold(m, code: str) -> float:
    return next(c.threshold for c in m.criteria if c.code == code)


def lq_chart(rows: pd.DataFrame, m, lang: str) -> str:
    """Each listed commune as a dot: establishments (log scale) across, LQ up; candidates in
    colour, the threshold of the specialisation star dashed."""
    from netorg.diagnose.reasons import threshold_text

    width, height, pad = 560.0, 280.0, 40.0
    if rows.empty:
        return ""
    star = next(c for c in m.criteria if c.code == "specialisation_star")
    limit = float(star.threshold)
    size = rows["establishments"].clip(lower=1).astype(float).map(math.log10)
    lq = rows["lq"].fillna(0).astype(float)
    x1, y1 = max(size.max(), 1.0), max(lq.max(), limit * 1.25)
    xs = pad + size / x1 * (width - 2 * pad)
    ys = height - pad - lq / y1 * (height - 2 * pad - 20)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{PALETTE[0] if c else "#9e9e9e"}">'
        f"<title>{escape(str(n))}: {e}, {q:.2f}</title></circle>"
        for x, y, c, n, e, q in zip(xs, ys, rows["candidate"], rows["unit_name"],
                                    rows["establishments"], lq, strict=True))
    line = height - pad - limit / y1 * (height - 2 * pad - 20)
    mark = say("diagnosis.lq_line", lang, t=threshold_text(star, lang))
    title = say("diagnosis.chart_lq", lang)
    axes = (f'<text x="10" y="16" font-size="13" font-weight="bold">{escape(title)}</text>'
            f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
            f'stroke="#555"/><line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" '
            f'stroke="#555"/><line x1="{pad}" y1="{line:.1f}" x2="{width - pad}" y2="{line:.1f}" '
            f'stroke="{PALETTE[1]}" stroke-dasharray="4 3"/>'
            f'<text x="{pad + 4}" y="{line - 4:.1f}" font-size="11" fill="{PALETTE[1]}">'
            f'{escape(mark)}</text><text x="{width / 2}" y="{height - 8}" font-size="11" '
            f'text-anchor="middle">{escape(say("diagnosis.log", lang))}</text>'
            f'<text x="12" y="{height / 2}" font-size="11" transform="rotate(-90 12 '
            f'{height / 2})" text-anchor="middle">{escape(say("diagnosis.lq", lang))}</text>')
    return _svg(width, height, axes + dots, title)


def stars_chart(frame: pd.DataFrame, m, lang: str) -> str:
    """For each activity, the communes holding one, two and three stars (one bar each)."""
    from netorg.plural import render
    from netorg.site.markdown import words

    starred = frame[frame["stars"] > 0]
    counts = starred.groupby(["activity", "stars"]).size()
    most = int(frame["stars"].max())
    noun = words()["diagnosis.star_count"][lang]
    legend = [render(noun, lang, n=n) for n in range(1, most + 1)]
    rows = [Bar(activity.label(lang) if n == 1 else "", float(counts.get((activity.code, n), 0)),
                str(int(counts.get((activity.code, n), 0))), group=n - 1)
            for activity in m.activities for n in range(1, most + 1)]
    return bars(rows, say("diagnosis.chart_stars", lang), say("diagnosis.communes", lang), legend)


def depth_chart(candidates: pd.DataFrame, activity, lang: str) -> str:
    """Each candidate's share founded before 1981 against the country's, each bar a link to the
    candidate's page (relative to the diagnosis page's own URL, reference/diagnosis/)."""
    from netorg.diagnose.reasons import number

    shares = number(candidates["founded_before_1981"], "share", lang)
    rows = [Bar(name, float(value), text, f"{case}/")
            for name, value, text, case in zip(candidates["unit_name"],
                                               candidates["founded_before_1981"].fillna(0),
                                               shares, candidates["case_id"], strict=True)]
    country = float(candidates["ref_founded_before_1981"].iloc[0])
    reference = (country, say("diagnosis.country_share", lang,
                              v=number(pd.Series([country]), "share", lang).iloc[0]))
    title = say("diagnosis.chart_depth", lang, activity=activity.label(lang))
    return bars(rows, title, say("diagnosis.depth_axis", lang), reference=reference)
