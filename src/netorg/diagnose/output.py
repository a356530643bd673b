"""A diagnosis as people read it (a table per activity with each candidate's reasons) or as data
(CSV, JSON: codes for levels, activities and hints, figures as numbers, sentences in the language
asked)."""

from __future__ import annotations

import json

import pandas as pd

from netorg.diagnose.model import model
from netorg.diagnose.reasons import number

HEADERS = {
    "en": {"unit": "unit", "code": "code", "level": "level", "establishments": "establishments",
           "lq": "location quotient", "stars": "stars", "sme_share": "SME share",
           "hint": "hint", "territory": "territory", "none": "no candidate",
           "title": "{activity}: candidates by {level}", "source": "Source: {citation}."},
    "fr": {"unit": "unité", "code": "code", "level": "échelon", "establishments": "établissements",
           "lq": "quotient de localisation", "stars": "étoiles", "sme_share": "part des PME",
           "hint": "indice", "territory": "territoire", "none": "aucun candidat",
           "title": "{activity} : candidats par {level}", "source": "Source : {citation}."},
}
HINTS = {"en": {"district": "district", "firm_network": "firm-network"},
         "fr": {"district": "district", "firm_network": "firme-réseau"}}


def render(frame: pd.DataFrame, fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(records(frame), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        flat = frame.assign(criteria=frame["criteria"].map(json.dumps),
                            reasons=frame["reasons"].str.join(" | "))
        return flat.to_csv(index=False, lineterminator="\n")
    return table(frame, lang)


def records(frame: pd.DataFrame) -> list[dict]:
    """One JSON object per row: NaN becomes null, numbers stay numbers."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def table(frame: pd.DataFrame, lang: str) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    words, m = HEADERS[lang], model()
    buffer = StringIO()
    console = Console(file=buffer, width=140, highlight=False, no_color=True)
    level_nouns = {level.code: level.noun(lang) for level in m.levels}
    labels = frame.attrs.get("activity_labels", {})
    activities = list(dict.fromkeys(frame["activity"])) or [None]
    for activity in activities:
        rows = frame[frame["activity"] == activity]
        name = (labels.get(activity, {}).get(lang) or activity or "").capitalize()
        level = level_nouns.get(rows["level"].iloc[0] if len(rows) else "commune", "")
        grid = Table(title=words["title"].format(activity=name, level=level), expand=False)
        for key in ("unit", "code", "establishments", "lq", "stars", "sme_share", "hint",
                    "territory"):
            grid.add_column(words[key], justify="right" if key in (
                "establishments", "lq", "stars", "sme_share") else "left")
        cells = pd.DataFrame({
            "unit": rows["unit_name"], "code": rows["unit"],
            "establishments": number(rows["establishments"], "count", lang),
            "lq": number(rows["lq"], "decimal", lang), "stars": rows["stars"].astype(str),
            "sme_share": number(rows["sme_share"], "share", lang),
            "hint": rows["hint"].map(HINTS[lang]).fillna("—"),
            "territory": rows["territory"].fillna("—"),
        })
        for values in cells.itertuples(index=False):  # printing, not computing
            grid.add_row(*values)
        colon = " : " if lang == "fr" else ": "
        none = f"{name}{colon}{words['none']}" if name else words["none"].capitalize()
        console.print(grid if len(rows) else none)
        for unit, reasons in zip(rows["unit_name"], rows["reasons"], strict=True):
            console.print(f"  {unit}")
            for sentence in reasons:
                console.print(f"    - {sentence}")
    citation = frame.attrs.get("citation")
    if citation:
        console.print(words["source"].format(citation=citation))
    return buffer.getvalue()
