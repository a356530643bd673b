"""Candidates into the knowledge base: each candidate unit and activity becomes a case study of
the spreadsheet template, typed as a candidate to audit (netorg:CandidateToAudit), sourced to the
statistics it comes from, with its figures as diagnosis facts and its hint as a finding. Nothing
is said of members, relations or recognitions: the data cannot show them, so `netorg classify`
lists them as what the audit must establish."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import rdflib
from rdflib import RDF, Literal
from rdflib.namespace import DCTERMS, SKOS

from netorg.diagnose.model import NETORG, model
from netorg.sheets.read import case_iri
from netorg.sheets.write import write_tabular

FACTS = ("establishments", "lq", "lq_parent", "stars", "sme_share", "founded_before_1981",
         "support", "members")
NAMES = {"en": "{unit} ({level}): candidate to audit, {activity}",
         "fr": "{unit} ({level}) : candidat à auditer, {activity}"}
PROVENANCE = {"en": "found by netorg diagnose in {citation}", "fr":
              "repéré par netorg diagnose dans {citation}"}


def case_ids(frame: pd.DataFrame) -> pd.Series:
    text = "diagnosis-" + frame["activity"].astype(str) + "-" + frame["unit"].astype(str)
    return text.str.replace(r"[^A-Za-z0-9._~-]+", "-", regex=True)


def graph(frame: pd.DataFrame, lang: str) -> rdflib.Graph:
    """The candidates of `frame` as case studies (rows that are not candidates are left out)."""
    m, g = model(), rdflib.Graph()
    rows = frame[frame["candidate"]].reset_index(drop=True)
    labels = frame.attrs.get("activity_labels", {})
    nouns = {level.code: level.noun(lang) for level in m.levels}
    activity = rows["activity"].map(lambda code: labels.get(code, {}).get(lang, code))
    from netorg.diagnose.reasons import fill

    name = fill(NAMES[lang], {"unit": rows["unit_name"].fillna(rows["unit"]),
                              "level": rows["level"].map(nouns), "activity": activity},
                rows.index)
    facts = _facts(rows)
    citation = frame.attrs.get("citation") or frame.attrs.get("source", "")
    source = frame.attrs.get("source", "")
    provenance = PROVENANCE[lang].format(citation=citation)
    country = frame.attrs.get("country")
    table = pd.DataFrame({"iri": case_ids(rows).map(case_iri), "name": name, "sector": activity,
                          "region": rows["unit_name"].fillna(rows["unit"]), "facts": facts,
                          "nace": rows["activity"].where(rows["activity"].str.match(
                              r"^\d{2}(\.\d{1,2})?$"), "")})
    for record in table.itertuples(index=False):  # building triples, one case per candidate
        case = rdflib.URIRef(record.iri)
        g.add((case, RDF.type, NETORG.CaseStudy))
        g.add((case, RDF.type, NETORG.CandidateToAudit))
        g.add((case, SKOS.prefLabel, Literal(record.name)))
        g.add((case, NETORG.sector, Literal(record.sector)))
        g.add((case, NETORG.region, Literal(record.region)))
        g.add((case, NETORG.diagnosisFact, Literal(record.facts)))
        if record.nace:
            g.add((case, NETORG.naceCode, Literal(record.nace)))
        if country:
            g.add((case, NETORG.countryCode, Literal(country)))
        if source:
            g.add((case, DCTERMS.source, rdflib.URIRef(source) if re.match(r"https?://", source)
                   else Literal(source)))
        g.add((case, DCTERMS.source, Literal(provenance)))
    return g


def _facts(rows: pd.DataFrame) -> pd.Series:
    """`code=value; …` for the main figures, then the hint, as one text per candidate."""
    parts = []
    for code in FACTS:
        values = pd.to_numeric(rows[code], errors="coerce").astype("float64").to_numpy()
        text = pd.Series(np.char.mod("%.4g", np.nan_to_num(values)), index=rows.index)
        parts.append((code + "=" + text).where(~np.isnan(values), code + "=?"))
    parts.append("hint=" + rows["hint"].fillna("none").astype(str))
    out = parts[0]
    for part in parts[1:]:
        out = out + "; " + part
    return out


def write_candidates(frame: pd.DataFrame, out: Path, lang: str) -> dict[str, int]:
    """Write the candidates into the template at `out` (a CSV folder or an .xlsx workbook)."""
    return write_tabular(graph(frame, lang), out)
