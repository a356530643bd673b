"""The sentences of a diagnosis, in French or English, from the templates of the ontology.

Everything is done column by column (one pass per criterion, never per row): the template of each
row's state (met, not met, unknown) is filled with its figures formatted for the language. A
template may make a noun agree with a figure in ICU plural syntax (netorg.plural),
`{value, plural, one {# établissement} other {# établissements}}`: the form is chosen by the CLDR
category of the figure as it is written ("1", "1,07": one in French; "1.07": other in English).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from netorg.diagnose.model import Model
from netorg.plural import CASE, PLURAL

SHARES = {"focus", "sme_share", "large_share", "founded_before_1981", "founded_before_1956"}
COUNTS = {"establishments", "jobs", "members"}
WORDS = {
    "en": {"shown": "conditions of the paper the statistics support", "unmet":
           "conditions the statistics do not support", "audit": "conditions left to the audit",
           "scope": "sizes and founding dates are the unit's, all activities together",
           "none": "none", "aspects": "aspects", "characteristics": "characteristics"},
    "fr": {"shown": "conditions de l'article qu'étayent les statistiques", "unmet":
           "conditions que les statistiques n'étayent pas",
           "audit": "conditions laissées à l'audit",
           "scope": "tailles et dates de création sont celles de l'unité, toutes activités "
           "confondues", "none": "aucune", "aspects": "aspects", "characteristics":
           "caractéristiques"},
}


def number(values: pd.Series, kind: str, lang: str) -> pd.Series:
    """Figures as people write them: 12.3% / 12,3 %, 1,234 / 1 234, 2.41 / 2,41."""
    v = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
    missing = np.isnan(v)
    safe = np.where(missing, 0.0, v)
    if kind == "share":
        text = pd.Series(np.char.mod("%.1f", safe * 100), index=values.index)
        text = text + ("\u202f%" if lang == "fr" else "%")
    elif kind == "count":
        text = pd.Series(np.char.mod("%d", np.round(safe).astype("int64")), index=values.index)
        text = text.str.replace(r"\B(?=(\d{3})+$)", "\u202f" if lang == "fr" else ",", regex=True)
    else:
        text = pd.Series(np.char.mod("%.2f", safe), index=values.index)
    if lang == "fr" and kind != "count":
        text = text.str.replace(".", ",", regex=False)
    return text.where(~missing, "?")


def kind_of(code: str) -> str:
    return "share" if code in SHARES else "count" if code in COUNTS else "decimal"


def threshold_text(criterion, lang: str) -> str:
    if criterion.top_share is not None:
        return number(pd.Series([criterion.top_share]), "share", lang).iloc[0].replace(",0", "") \
            .replace(".0", "")
    return number(pd.Series([criterion.threshold]), "decimal", lang).iloc[0] \
        .replace(",00", "").replace(".00", "")


def fill(template: str, fields: dict[str, pd.Series | str], index: pd.Index,
         lang: str = "en") -> pd.Series:
    """`template` with every {name} replaced by the column or text `fields[name]`, and every
    plural expression by the form each row's figure calls for."""
    match = PLURAL.search(template)
    if match is None:
        return _fill_plain(template, fields, index)
    name, cases = match[1], dict(CASE.findall(match[2]))
    chosen = _categories(fields[name], index, lang)
    chosen = chosen.where(chosen.isin(list(cases)), "other")
    out = pd.Series("", index=index, dtype=object)
    for key, form in cases.items():
        text = template[: match.start()] + form.replace("#", f"{{{name}}}") + template[match.end():]
        out = out.where(chosen != key, fill(text, fields, index, lang))
    return out


def _categories(figures: pd.Series | str, index: pd.Index, lang: str) -> pd.Series:
    """The CLDR plural category of each figure as written (one per distinct figure: a few)."""
    from netorg.plural import category

    written = figures if isinstance(figures, pd.Series) else pd.Series(figures, index=index)
    plain = written.astype(str).str.replace("\u202f", "", regex=False)
    plain = plain.str.replace(",", "." if lang == "fr" else "", regex=False)

    def of(text: str) -> str:
        try:
            return category(Decimal(text), lang)
        except InvalidOperation:
            return "other"

    return plain.map({text: of(text) for text in plain.unique()})


def _fill_plain(template: str, fields: dict[str, pd.Series | str], index: pd.Index) -> pd.Series:
    out = pd.Series("", index=index, dtype=object)
    rest = template
    while "{" in rest:
        head, _, tail = rest.partition("{")
        name, _, rest = tail.partition("}")
        out = out + head + fields[name]
    return out + rest


def sentences(frame: pd.DataFrame, model: Model, lang: str) -> pd.Series:
    """The list of sentences of each row: one per criterion, the hint, then the paper's
    conditions the statistics support, do not support, or leave to the audit."""
    columns = []
    for criterion in model.criteria:
        met = frame[f"met_{criterion.code}"]
        kind = kind_of(criterion.indicator)
        fields = {"value": number(frame[criterion.indicator], kind, lang),
                  "reference": number(frame[f"ref_{criterion.indicator}"], kind, lang),
                  "threshold": threshold_text(criterion, lang)}
        texts = {state: fill(criterion.texts[state].get(lang, ""), fields, frame.index, lang)
                 for state in ("met", "unmet", "unknown")}
        state = np.where(met.isna(), "unknown", np.where(met.fillna(False).astype(bool), "met",
                                                         "unmet"))
        sentence = np.select([state == "met", state == "unmet"], [texts["met"], texts["unmet"]],
                             texts["unknown"])
        columns.append(pd.Series(sentence, index=frame.index))
    hint = pd.Series("", index=frame.index, dtype=object)
    for rule in model.hints:
        hint = hint.where(frame["hint"] != rule.code, rule.texts.get(lang, rule.code))
    columns.append(hint)
    columns.extend(_conditions(frame, model, lang))
    scope = np.where(frame["profile_scope"] == "unit", WORDS[lang]["scope"], "")
    columns.append(pd.Series(scope, index=frame.index))
    table = pd.concat([_sentence_case(col) for col in columns], axis=1).to_numpy().tolist()
    # serialising to lists for JSON: the sentences are already written, column by column
    return pd.Series([[s for s in row if s] for row in table], index=frame.index, dtype=object)


def _sentence_case(col: pd.Series) -> pd.Series:
    text = col.fillna("").astype(str)
    return text.str[:1].str.upper() + text.str[1:] + np.where(text == "", "", ".")


def condition_states(frame: pd.DataFrame, model: Model, which: str) -> dict[str, pd.Series]:
    """For each aspect or characteristic: True when a criterion that informs it is met, False
    when every one is not, missing when unknown or when no statistic informs it."""
    concepts = model.aspects if which == "aspects" else model.characteristics
    out = {}
    for concept in concepts:
        informing = [c for c in model.criteria
                     if concept.iri in (c.aspects if which == "aspects" else c.characteristics)]
        if not informing:
            out[concept.code] = pd.Series(pd.NA, index=frame.index, dtype="boolean")
            continue
        mets = pd.concat([frame[f"met_{c.code}"].astype("boolean") for c in informing], axis=1)
        met = mets.fillna(False).any(axis=1)
        unmet = mets.fillna(True).eq(False).all(axis=1)
        state = pd.Series(pd.NA, index=frame.index, dtype="boolean")
        out[concept.code] = state.mask(met, True).mask(unmet & ~met, False)
    return out


def _conditions(frame: pd.DataFrame, model: Model, lang: str) -> list[pd.Series]:
    words = WORDS[lang]
    states = condition_states(frame, model, "characteristics")
    labels = {c.code: c.label(lang) for c in model.characteristics}
    shown, unmet, audit = (pd.Series("", index=frame.index, dtype=object) for _ in range(3))
    for code, state in states.items():
        name = labels[code]
        shown = _append(shown, name, state.fillna(False).astype(bool))
        unmet = _append(unmet, name, (~state.fillna(True)).astype(bool))
        audit = _append(audit, name, state.isna().to_numpy())
    colon = " : " if lang == "fr" else ": "
    return [words[key] + colon + names.where(names != "", words["none"])
            for key, names in (("shown", shown), ("unmet", unmet), ("audit", audit))]


def _append(series: pd.Series, name: str, mask) -> pd.Series:
    joined = np.where(series == "", name, series + ", " + name)
    return pd.Series(np.where(mask, joined, series), index=series.index, dtype=object)
