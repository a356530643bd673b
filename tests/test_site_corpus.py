"""The site's corpus page: its counts are the corpus's own (derived here from the CSVs, never typed
in), in both languages, and a case whose check date is missing or whose members are gone shows up
as such."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import rdflib

from netorg.sheets.inputs import load_cases
from netorg.site.corpus import corpus_pages
from netorg.site.data import LANGS, SiteData, classification_records, ontology_graph

CORPUS = Path(__file__).resolve().parents[1] / "cases" / "corpus"
FILES = ("cases.csv", "members.csv", "relations.csv", "recognitions.csv")


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return ontology_graph()


def pages(folder: Path, ontology: rdflib.Graph) -> dict[str, str]:
    corpus = load_cases([folder])
    data = SiteData(ontology=ontology, corpus=corpus, records=classification_records(corpus),
                    queries=[], shapes=rdflib.Graph())
    return {lang: dict(corpus_pages(data, lang))["reference/corpus.md"] for lang in LANGS}


def table_row(page: str, first_cell: str) -> list[str]:
    """The cells of the table row that starts with `first_cell`."""
    for line in page.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r}")


def subset(tmp_path: Path, keep: set[str], blank_checked: str = "",
           drop_members_of: str = "") -> Path:
    """A copy of the corpus holding only the cases in `keep`, optionally broken."""
    for name in FILES:
        table = [r for r in rows(CORPUS, name) if r["case_id"] in keep
                 and not (name == "members.csv" and r["case_id"] == drop_members_of)
                 and not (name == "relations.csv" and r["case_id"] == drop_members_of)]
        for row in table:
            if name == "cases.csv" and row["case_id"] == blank_checked:
                row["checked"] = ""
        with open(tmp_path / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows(CORPUS, name)[0]))
            writer.writeheader()
            writer.writerows(table)
    return tmp_path


def test_counts_are_the_corpus_counts(ontology):
    cases, members = rows(CORPUS, "cases.csv"), rows(CORPUS, "members.csv")
    recognitions = rows(CORPUS, "recognitions.csv")
    by_country = Counter(r["country"] for r in cases)
    for lang, text in pages(CORPUS, ontology).items():
        numbers = [int(n) for n in re.findall(r"\d+", text.split("\n## ")[0].split("\n\n")[2])]
        assert numbers[:4] == [len(cases), len(by_country), len(members), len(recognitions)], lang
        for country, count in by_country.items():
            assert table_row(text, country)[-1] == str(count), (lang, country)
        unknown = "memberships without a first year" if lang == "en" else \
            "adhésions sans première année"
        blank = sum(1 for r in members if not r["from"])
        assert table_row(text, unknown)[1:3] == [str(blank), str(len(members))], lang
        dates = Counter(r["checked"] for r in cases)
        listed = Counter(line.split("|")[1].strip() for line in text.split("\n## ")[-1]
                         .splitlines() if re.match(r"\| \d{4}-\d\d-\d\d ", line))
        assert listed == dates, lang


def test_a_missing_check_date_and_a_case_without_members_show(tmp_path, ontology):
    keep = {"prato-textile-district", "aerospace-valley"}
    (tmp_path / "whole").mkdir()
    whole = pages(subset(tmp_path / "whole", keep), ontology)
    assert "| not recorded |" not in whole["en"]
    assert table_row(whole["en"], "cases with no member")[1] == "0"
    (tmp_path / "broken").mkdir()
    broken = pages(subset(tmp_path / "broken", keep, blank_checked="aerospace-valley",
                          drop_members_of="aerospace-valley"), ontology)
    assert re.search(r"\| not recorded \| \[Aerospace Valley", broken["en"])
    assert re.search(r"\| non consignée \| \[Aerospace Valley", broken["fr"])
    assert table_row(broken["en"], "facts checked on")[1:3] == ["1", "2"]
    assert table_row(broken["en"], "cases with no member")[1:3] == ["1", "2"]
    assert table_row(broken["fr"], "études de cas sans membre")[1:3] == ["1", "2"]
