"""The command line and the query catalogue in the user's language (issue 15): every query's
`returns` and parameter descriptions in English and French, `netorg query --describe`, and the
help of every command (argparse's own words included) in French with `--lang fr`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from netorg.cli import build_parser, main
from netorg.commands._language import localise, requested
from netorg.errors import UnusableInput
from netorg.messages import msgids
from netorg.sparql import catalogue

QUERIES = catalogue.load()
ENGLISH_ARGPARSE = ("usage:", "positional arguments", "options:", "show this help message",
                    "show program's version", "the following arguments are required", "error:")


# -- the query catalogue --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_says_what_it_returns_and_its_parameters_in_both_languages(name):
    query = QUERIES[name]
    assert set(query.returns) == {"en", "fr"}
    assert query.returns["en"].startswith("one row per")
    assert query.returns["fr"].startswith("une ligne par")
    for param in query.params:
        assert set(param.descriptions) == {"en", "fr"}, param.name
        assert param.describe("fr") != param.describe("en"), param.name  # a translation
        assert param.description == param.describe("en")


HEADER = ("#+ id: {id}\n#+ summary: {{en: a, fr: b}}\n#+ question: {{en: a, fr: b}}\n"
          "#+ returns: {returns}\n#+ params:\n#+   - name: lang\n#+     type: lang\n"
          "#+     default: en\n#+     description: {description}\n"
          "SELECT * WHERE {{ ?s ?p ?lang }}\n")


@pytest.mark.parametrize(
    ("returns", "description", "message"),
    [
        ("{en: one row per x}", "{en: d, fr: d}",
         r"`returns` must give exactly `en` and `fr` \(no `fr`\)"),
        ("one row per x", "{en: d, fr: d}", r"`returns` must give `en` and `fr`"),
        ("{en: one row, fr: ''}", "{en: d, fr: d}", r"`returns` must give exactly .*no `fr`"),
        ("{en: a, fr: b}", "language of the labels", r"param lang: `description` must give"),
        ("{en: a, fr: b}", "{en: d}", r"param lang: `description` must give exactly .*no `fr`"),
        ("{en: a, fr: b, de: c}", "{en: d, fr: d}",
         r"`returns` .*\(a language other than en and fr\)"),
    ],
)
def test_a_query_missing_its_french_is_unusable(tmp_path: Path, returns, description, message):
    broken = tmp_path / "broken.rq"
    broken.write_text(HEADER.format(id="broken", returns=returns, description=description),
                      encoding="utf-8")
    with pytest.raises(UnusableInput, match=rf"broken\.rq:1: {message}"):
        catalogue.parse(broken)
    fixed = tmp_path / "fixed.rq"
    fixed.write_text(HEADER.format(id="fixed", returns="{en: a, fr: b}",
                                   description="{en: d, fr: e}"), encoding="utf-8")
    assert catalogue.parse(fixed).returns == {"en": "a", "fr": "b"}


def test_describe_speaks_the_users_language(capsys):
    assert main(["query", "smes-in-poles", "--describe", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("smes-in-poles : Quelles PME participent aux pôles de compétitivité ?")
    assert "paramètres :" in out and "la classe des cas (une forme de la typologie)" in out
    assert "réponse : une ligne par entreprise dont la classe de taille" in out
    assert "one row" not in out and "default" not in out
    assert main(["query", "smes-in-poles", "--describe"]) == 0
    assert "answer: one row per firm" in capsys.readouterr().out


def test_describe_as_json_keeps_its_keys_and_gives_the_texts_in_the_language(capsys):
    assert main(["query", "typology-matrix", "--describe", "--format", "json", "--lang", "fr"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"query", "question", "summary", "params", "returns", "tags"}
    assert document["returns"] == QUERIES["typology-matrix"].returns["fr"]
    assert document["params"] == [{"name": "lang", "type": "lang", "default": "en",
                                   "description": "langue des libellés"}]


def test_list_headers_follow_the_language_in_the_table_only(capsys):
    assert main(["query", "--list", "--lang", "fr"]) == 0
    head = capsys.readouterr().out.strip().splitlines()[0].split()
    assert head == ["requête", "résumé", "paramètres"]
    assert main(["query", "--list", "--lang", "fr", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "query,summary,params"  # an interface


# -- the help -------------------------------------------------------------------------------------


def texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every text of `parser` and its sub-commands that `netorg --help` shows a person."""
    found = {t for t in (parser.description, parser.epilog) if t}
    found |= {g.title for g in parser._action_groups if g.title}
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            found.add(action.help)
        if (action.nargs != 0 and action.choices is None) or action.metavar:
            shown = action.metavar or (action.dest.upper() if action.option_strings
                                       else action.dest)
            found.add(shown)
        if isinstance(action, argparse._SubParsersAction):
            found |= {choice.help for choice in action._choices_actions if choice.help}
            for sub in action.choices.values():
                found |= texts(sub)
    return found


def untranslated(parser: argparse.ArgumentParser) -> set[str]:
    return texts(parser) - msgids("fr")


def test_every_help_text_has_its_french():
    assert untranslated(build_parser()) == set()


def test_the_help_check_catches_a_new_untranslated_option():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub.choices["classify"].add_argument("--zzz", metavar="WIDGET", help="a new option")
    assert untranslated(parser) == {"a new option", "WIDGET"}


def subcommands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name)
                yield from subcommands(sub, (*prefix, name))


COMMANDS = [(), *subcommands(build_parser())]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "netorg")
def test_help_in_french_has_no_english_argparse_word(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help", "--lang", "fr"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : netorg")
    assert "options :" in out and "afficher ce message d'aide et quitter" in out
    for english in ENGLISH_ARGPARSE:
        assert english not in out, english
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    english_out = capsys.readouterr().out
    assert english_out.startswith("usage: netorg") and "show this help message" in english_out


def test_the_root_lang_option_gives_french_help_and_reaches_the_sub_command(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "--help"])
    out = capsys.readouterr().out
    assert "La base de connaissances de l'organisation en réseau" in out
    assert "codes de sortie : 0 tout va bien" in out and "exit codes" not in out
    assert main(["--lang", "fr", "query", "typology-matrix", "--describe"]) == 0
    assert "réponse : une ligne par cellule" in capsys.readouterr().out


def test_parse_errors_are_french(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["classify", "--lang", "fr"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "netorg classify : erreur : les arguments suivants sont obligatoires : CHEMIN" in err
    with pytest.raises(SystemExit):
        main(["validate", "x.ttl", "--jobs", "0", "--lang", "fr"])
    err = capsys.readouterr().err
    assert "argument --jobs : 0 : attendu 1 processus de travail ou plus" in err
    with pytest.raises(SystemExit):
        main(["query", "--format", "yaml", "--lang", "fr"])
    assert "choix invalide : 'yaml' (choisir parmi" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["query", "--format", "yaml"])  # English again once French is done
    assert "invalid choice: 'yaml'" in capsys.readouterr().err


def test_the_language_is_the_last_lang_asked_for():
    assert requested(["classify", "x", "--lang", "fr"]) == "fr"
    assert requested(["--lang=fr", "classify", "--lang", "en"]) == "en"
    assert requested(["classify", "--lang", "de"]) is None
    assert requested(["sparql", "--", "--lang", "fr"]) is None
    assert requested(["classify", "--lang"]) is None


def test_localising_leaves_english_parsers_alone():
    english = build_parser()
    assert localise(english, "en") is english
    assert english.description.startswith("The knowledge base")


# -- the other commands' words ---------------------------------------------------------------------


def test_query_tables_speak_french_and_csv_keeps_the_codes(capsys):
    assert main(["query", "concept-relations", "--lang", "fr"]) == 0
    table = capsys.readouterr().out
    head = table.splitlines()[2]
    assert head.split()[0] == "Relation" and "(IRI)" in head and "otherIri" not in head
    assert "générique" in table and "broader" not in table
    assert table.rstrip().endswith("lignes") and "rows" not in table
    assert main(["query", "concept-relations", "--lang", "fr", "--format", "csv"]) == 0
    csv = capsys.readouterr().out
    assert csv.startswith("relation,other,otherIri") and "\nbroader," in csv
    assert main(["query", "compare-forms", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert " non " in out and "False" not in out and "True" not in out


def test_codes_must_give_both_languages(tmp_path: Path):
    text = HEADER.format(id="coded", returns="{en: a, fr: b}", description="{en: d, fr: e}")
    good = tmp_path / "coded.rq"
    good.write_text(text.replace("#+ params:", "#+ codes: {kind: {class: {en: class, fr: classe}}}"
                                 "\n#+ params:"), encoding="utf-8")
    query = catalogue.parse(good)
    assert query.words("kind", "class", "fr") == "classe"
    assert query.words("kind", "other", "fr") == "other" and query.words("x", 3, "fr") == 3
    good.write_text(text.replace("#+ params:", "#+ codes: {kind: {class: {en: class}}}"
                                 "\n#+ params:"), encoding="utf-8")
    with pytest.raises(UnusableInput, match=r"code kind=class must give exactly .*no `fr`"):
        catalogue.parse(good)


def test_check_summary_and_table_in_french(capsys):
    assert main(["check", "--no-reasoner", "--lang", "fr"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # rich wraps the summary
    assert "OK : " in out and "contrôles : 0 erreur, " in out and "raisonneur non lancé" in out
    assert "gravité" in out and "avertissement" in out
    assert "(manque expliqué en rdfs:comment)" in out
    for english in ("checks:", "classes;", "named individuals", "reasoner skipped", "severity",
                    "gap explained", " warning "):
        assert english not in out, english
    assert main(["check", "--no-reasoner"]) == 0
    assert "checks: 0 errors, " in " ".join(capsys.readouterr().out.split())


def test_commands_that_print_little_take_lang_too(capsys, tmp_path: Path):
    assert main(["template", "--out", str(tmp_path / "t.xlsx"), "--lang", "fr"]) == 0
    assert capsys.readouterr().out.startswith("modèle -> ")
    assert main(["--lang", "fr", "template", "--out", str(tmp_path / "u.xlsx")]) == 0
    assert capsys.readouterr().out.startswith("modèle -> ")
    args = build_parser().parse_args(["docs", "build", "--lang", "fr"])
    assert args.lang == "fr"


def test_errors_are_punctuated_in_french(capsys):
    assert main(["query", "nope", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netorg query : requête inconnue « nope » ;")
    assert main(["query", "nope"]) == 2
    assert capsys.readouterr().err.startswith("netorg query: unknown query 'nope';")


# -- agreement in the diagnosis' sentences ---------------------------------------------------------


def test_diagnosis_nouns_agree_with_their_figures_as_written():
    import pandas as pd

    from netorg.diagnose.reasons import fill

    index = pd.RangeIndex(5)
    template = {"fr": "{value, plural, one {# établissement} other {# établissements}} sur {n}",
                "en": "{value, plural, one {# establishment} other {# establishments}} of {n}"}
    figures = {"fr": pd.Series(["1", "2", "1,07", "0", "1\u202f234"]),
               "en": pd.Series(["1", "2", "1.07", "0", "1,234"])}
    said = {lang: list(fill(template[lang], {"value": figures[lang], "n": "x"}, index, lang))
            for lang in ("fr", "en")}
    assert said["fr"] == ["1 établissement sur x", "2 établissements sur x",
                          "1,07 établissement sur x", "0 établissement sur x",
                          "1\u202f234 établissements sur x"]
    assert said["en"] == ["1 establishment of x", "2 establishments of x",
                          "1.07 establishments of x", "0 establishments of x",
                          "1,234 establishments of x"]


def test_diagnosis_never_writes_one_with_a_plural(capsys):
    assert main(["diagnose", "--lang", "fr", "--format", "csv", "--activity", "industry"]) == 0
    out = capsys.readouterr().out
    assert " 1 établissement," in out and " 1 établissements" not in out
    assert " 0 établissements" not in out


def test_a_header_of_several_comment_lines_leaves_the_query_a_select():
    """A two-line `returns` puts words such as "adds" on every other comment line: SPARQLWrapper
    alone reads that query as an ADD (its comment pattern skips every second comment line); the
    endpoint reads the form past the comments."""
    from SPARQLWrapper import SPARQLWrapper

    from netorg.sparql.endpoint import _set_query

    text = QUERIES["compare-intermediate-hybrid-forms"].text
    alone = SPARQLWrapper("http://127.0.0.1:9/query")
    alone.setQuery(text)
    assert alone.queryType == "ADD"  # the defect the endpoint works around
    client = SPARQLWrapper("http://127.0.0.1:9/query")
    _set_query(client, text)
    assert client.queryType == "SELECT" and client.queryString == text
    _set_query(client, "# delete\n# add\nASK { ?s ?p ?o }")
    assert client.queryType == "ASK"
