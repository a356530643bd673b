"""Every word in the user's language: number agreement (netorg.plural) in both languages, in the
rules' generated sentences, and every import error of the spreadsheet reader in French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netorg.messages import translate
from netorg.plural import render
from netorg.sheets.read import RejectedRows, read_tabular
from tabular_helpers import base, write_csv

MEMBERS = {"en": "{n, plural, =0 {no member} one {# member} other {# members}}",
           "fr": "{n, plural, =0 {aucun membre} one {# membre} other {# membres}}"}


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 0, "no member"), ("en", 1, "1 member"), ("en", 2, "2 members"),
    ("fr", 0, "aucun membre"), ("fr", 1, "1 membre"), ("fr", 7, "7 membres"),
])
def test_plural_forms_follow_each_language(lang: str, n: int, expected: str) -> None:
    assert render(MEMBERS[lang], lang, n=n) == expected


def test_french_counts_zero_and_one_as_singular_english_only_one() -> None:
    text = "{n, plural, one {# relation} other {# relations}}"
    assert [render(text, "fr", n=n) for n in (0, 1, 2)] == ["0 relation", "1 relation",
                                                           "2 relations"]
    assert [render(text, "en", n=n) for n in (0, 1, 2)] == ["0 relations", "1 relation",
                                                           "2 relations"]


def test_a_number_written_in_the_text_and_nested_plurals() -> None:
    text = "{3, plural, one {the only member} other {all # members ({1, plural, one {# firm} " \
           "other {# firms}})}}"
    assert render(text, "en") == "all 3 members (1 firm)"
    assert render("no plural here {x}", "en") == "no plural here {x}"


# -- the rules' sentences ------------------------------------------------------------------------


def classify_messages(tmp_path: Path, data: dict) -> list[str]:
    from netorg.shacl.classify import classify

    result = classify(read_tabular(write_csv(tmp_path / "src", data)))
    return [text for case in result.cases
            for finding in (*case.reasons, *case.missing, *case.conflicts)
            for text in finding.message.values()]


def test_generated_sentences_agree_in_number(tmp_path: Path) -> None:
    messages = classify_messages(tmp_path, base())
    joined = "\n".join(messages)
    assert "plural," not in joined  # every plural expression was rendered
    for wrong in ("1 of the 1 relations", "all 2 members", "only 0 members", "1 relations",
                  "1 membres", "seuls 0 membres", "only 1 members"):
        assert wrong not in joined
    assert "the only relation between members" in joined  # pole: one relation
    assert "la seule relation entre membres" in joined


def test_pyshacl_engine_renders_the_same_sentences(tmp_path: Path) -> None:
    from netorg.shacl.classify import classify

    graph = read_tabular(write_csv(tmp_path / "src", base()))
    ours = {t for c in classify(graph).cases for f in c.reasons for t in f.message.values()}
    reference = {t for c in classify(graph, engine="pyshacl").cases for f in c.reasons
                 for t in f.message.values()}
    assert ours == reference and not any("plural," in t for t in ours)


# -- every import error in French -----------------------------------------------------------------


def every_row_error(tmp_path: Path) -> list[str]:
    """One spreadsheet that makes the reader give each kind of row error it knows."""
    data = base()
    case = data["cases"][0]
    case.update(founded="18x", lat="95", country="DK | SE", initiative="sometimes")
    data["cases"][1].update(country="France")
    data["cases"].append(dict(data["cases"][2]))  # a duplicate case_id
    data["cases"].append({"case_id": "bad id!", "name": "x"})
    member = data["members"][0]
    member.update(employees="many", pivot="peut-être", type="entreprize", to="1900")
    data["members"].append(dict(data["members"][1]))  # a duplicate member_id
    data["members"].append({"case_id": "ghost", "member_id": "m", "type": "firm"})
    data["members"].append({"case_id": "valley", "member_id": "n", "type": ""})
    data["relations"].append({"case_id": "valley", "source_member": "acme",
                              "target_member": "nobody", "type": "subcontracting"})
    source = write_csv(tmp_path / "src", data)
    with pytest.raises(RejectedRows) as rejected:
        read_tabular(source)
    return [str(row) for row in rejected.value.rows]


def test_every_row_error_reads_in_french(tmp_path: Path) -> None:
    rows = every_row_error(tmp_path)
    assert len(rows) >= 14
    english = re.compile(r"\b(column|bad|unknown|expected|missing|duplicate|first on row|"
                         r"several|not in|not a member|whole number|decimal degrees)\b")
    for row in rows:
        french = translate(row, "fr")
        assert french != row
        said = re.sub(r"« [^»]* »|\(ou yes, no, unknown\)", "",  # the user's values
                      french.replace(str(tmp_path), ""))
        assert not english.search(said), french
        assert "colonne « " in french or "ligne" in french or " : " in french


def test_the_catalogue_leaves_english_alone_and_unknown_messages_unchanged() -> None:
    assert translate("bad year '18x' (expected an integer from 1000 to 2100)", "en") == (
        "bad year '18x' (expected an integer from 1000 to 2100)")
    assert translate("a message the catalogue does not hold", "fr") == (
        "a message the catalogue does not hold")
