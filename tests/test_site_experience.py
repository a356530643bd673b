"""The researcher's experience of the site (issue 15): labels and French everywhere, the map, the
verdict first, downloads and citation, a site of one's own cases. Uses the session's one build
(`built`, from test_docs_site) and its headless Chromium (`browser`); screenshots at 1366 and
390 px of the map, a case page, a query page and the typology, in both languages, are kept under
site/build/screenshots/."""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import rdflib

from docs_support import colour_stats, english_words, serve
from netorg.site.data import LANGS, case_slug, corpus_graph, label, ontology_graph, term_index
from netorg.site.markdown import escape_title
from test_docs_site import SCREENSHOTS, browser, built  # noqa: F401 - the shared fixtures

CASE = "aerospace-valley"
QUERY = "smes-in-poles"


def read(built, path: str) -> str:  # noqa: F811 - `built` is the fixture
    return (built["out"] / path).read_text(encoding="utf-8")


# -- every word in the reader's language -----------------------------------------------------------


def test_titles_and_search_results_are_labels_not_slugs(built):  # noqa: F811
    ontology = ontology_graph()
    for lang in LANGS:
        index = json.loads(read(built, f"{lang}/search/search_index.json"))
        titles = {doc["location"]: doc["title"] for doc in index["docs"]}
        for iri, (kind, slug) in term_index(ontology).items():
            wanted = escape_title(label(ontology, iri, lang)).replace("\\#", "#")
            assert titles[f"{kind}/{slug}/"] == wanted, (lang, slug)
    html = read(built, "fr/classes/CompetitivenessPole/index.html")
    assert "<title>Pôle de compétitivité - netorg</title>" in html
    assert "<title>Quelles PME participent aux pôles de compétitivité ?" in read(
        built, f"fr/queries/{QUERY}/index.html")


def test_french_site_has_no_english_outside_quoted_data(built):  # noqa: F811
    found = english_words(built["out"] / "fr")
    assert found == {}, {page: words[:3] for page, words in list(found.items())[:10]}


def test_english_check_catches_an_injected_sentence(built, tmp_path):  # noqa: F811
    page = tmp_path / "fr" / "cases" / "index.html"
    page.parent.mkdir(parents=True)
    html = read(built, "fr/cases/index.html")
    page.write_text(html.replace("</article>", "<p>Download the table of all cases.</p></article>"))
    assert english_words(tmp_path / "fr") != {}
    page.write_text(html)
    assert english_words(tmp_path / "fr") == {}


def test_query_answers_have_worded_headers_and_values(built):  # noqa: F811
    html = read(built, "fr/queries/relations-by-type/index.html")
    answer = html[html.index('id="reponse"') : html.index('id="parametres"')]
    headers = re.findall(r"<th[^>]*>(.*?)</th>", answer)
    assert headers[:2] == ["Type", "Logique"] and "`" not in "".join(headers)
    classification = read(built, "fr/queries/case-classification/index.html")
    table = classification[classification.index("<table") :]
    assert not re.search(r">(True|False|itemIri|valueIri|kind)<", table)
    assert "https://w3id.org/netorg#" not in table.split("</table>")[0].replace('href="', "")


def test_french_source_notes_and_parameter_descriptions(built):  # noqa: F811
    # the intermediate form is sourced to Lecoq, a work the paper cites without a reference
    form = read(built, "fr/classes/IntermediateForm/index.html")
    assert "Cité sans référence complète" in form and "Cited without" not in form
    query = read(built, f"fr/queries/{QUERY}/index.html")
    assert "la classe des cas (une forme de la typologie)" in query
    # what one row of the answer is, in French (the header's `returns: {en, fr}`)
    assert "une ligne par entreprise dont la classe de taille" in query
    assert "one row per firm" not in query


# -- the map ---------------------------------------------------------------------------------------


def test_equal_earth_matches_the_published_extents():
    from netorg.site.geo import equal_earth

    # Šavrič et al. (2018): the map is 2 x 2.7066297 wide and 2 x 1.3173627 high (unit sphere)
    assert equal_earth(180, 0) == pytest.approx((2.7066297, 0.0), abs=1e-6)
    assert equal_earth(0, 90) == pytest.approx((0.0, 1.3173627), abs=1e-6)
    assert equal_earth(-180, -90)[1] == pytest.approx(-1.3173627, abs=1e-6)
    x, y = equal_earth(10, 45)
    assert 0 < x < equal_earth(10, 0)[0] and 0 < y < 1.3173627


def test_topojson_decoding_undoes_deltas_transform_and_reversed_arcs():
    from netorg.site.geo import countries

    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {"countries": {"geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Square"}},
            {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "properties": {"name": "Back"}},
        ]}},
    }
    square, back = countries(topology)
    assert square.name == "Square"
    assert square.polygons[0][0] == [(10, 20), (11, 20), (11, 21), (10, 21), (10, 20)]
    assert back.polygons[0][0] == [(10, 20), (10, 21), (11, 21), (11, 20), (10, 20)]


def test_map_draws_the_countries_and_links_every_located_case(built):  # noqa: F811
    from netorg.site.geo import world

    corpus = corpus_graph()
    geo = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    located = {case_slug(c) for c in corpus.subjects(geo.lat, None)}
    assert len(world()) > 150
    for lang in LANGS:
        html = read(built, f"{lang}/cases/index.html")
        world_svg = html[html.index("netorg-map-world") : html.index("netorg-map-inset")]
        assert world_svg.count("<path d=") > 150  # the countries, not a bare grid
        linked = set(re.findall(r'<a href="([^"/]+)/"><circle class="netorg-point"', world_svg))
        assert linked == located
        labels = re.findall(r">([^<]*°[^<]*)<", html)
        assert any("S" in text for text in labels)
        assert not any(re.search(r"[-−]\d", text) for text in labels)  # hemispheres in letters
        assert "http://" not in re.sub(r'xmlns="http://www.w3.org/2000/svg"', "", world_svg)


def test_case_pages_open_with_their_verdict(built):  # noqa: F811
    for lang in LANGS:
        html = read(built, f"{lang}/cases/{CASE}/index.html")
        article = html[html.index("<article") :]
        first = re.search(r"</h1>\s*(?:<!--.*?-->\s*)?<p[^>]*>", article, re.S)
        assert first and "netorg-verdict" in first.group(0)
        verdict = article[first.end() : article.index("</p>", first.end())]
        assert ("pôle de compétitivité" if lang == "fr" else "competitiveness pole") in verdict
        assert ("conflit" if lang == "fr" else "conflict") in verdict


def test_query_pages_show_the_answer_before_the_sparql(built):  # noqa: F811
    for lang, (answer, sparql) in {"en": ("answer", "sparql"), "fr": ("reponse", "sparql")}.items():
        html = read(built, f"{lang}/queries/{QUERY}/index.html")
        assert html.index(f'id="{answer}"') < html.index(f'id="{sparql}"')


def test_network_diagram_uses_one_colour_for_one_thing():
    from netorg.site.svg import EDGE_PALETTE, NODE_PALETTE, Edge, Node, network

    assert not set(NODE_PALETTE) & set(EDGE_PALETTE)
    nodes = [Node("a", "A very long member name that must wrap", None, 0), Node("b", "B", None, 1)]
    svg = network(nodes, [Edge("a", "b", 0)], [(0, "node", "firm"), (0, "edge", "doing")], "t")
    assert svg.count("<tspan") >= 3 and "…" not in svg  # wrapped, not cut


# -- downloads, metadata, changelog, command line, 404 ------------------------------------------


def test_downloads_hold_the_corpus_shapes_and_queries_with_their_licence(built):  # noqa: F811
    from openpyxl import load_workbook

    from netorg.resources import queries_dir, shapes_dir

    folder = built["out"] / "en" / "downloads"
    corpus = rdflib.Graph().parse(folder / "netorg-corpus.ttl", format="turtle")
    assert len(corpus) == len(corpus_graph())
    assert "cases" in load_workbook(folder / "netorg-corpus.xlsx", read_only=True).sheetnames
    with zipfile.ZipFile(folder / "netorg-corpus-csv.zip") as archive:
        assert "netorg-corpus/cases.csv" in archive.namelist()
        assert "CC BY 4.0" in archive.read("LICENCE.txt").decode()
    for name, source, suffix in (("shapes", shapes_dir(), "ttl"), ("queries", queries_dir(), "rq")):
        with zipfile.ZipFile(folder / f"netorg-{name}.zip") as archive:
            files = {Path(n).name for n in archive.namelist() if n.endswith(suffix)}
            assert files == {p.name for p in source.glob(f"*.{suffix}")}
            first = sorted(source.glob(f"*.{suffix}"))[0]
            assert archive.read(f"{name}/{first.name}") == first.read_bytes()  # comments kept
    page = read(built, "fr/reference/downloads/index.html")
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)[1:]
    assert len(rows) == 10 and all("creativecommons.org/licenses/by/4.0" in r for r in rows)


def test_metadata_page_gives_version_iri_prefixes_licence_and_citation(built):  # noqa: F811
    for lang in LANGS:
        html = read(built, f"{lang}/reference/metadata/index.html")
        assert "https://w3id.org/netorg/0.1.0" in html
        assert "creativecommons.org/licenses/by/4.0" in html
        assert "<code>org:</code>" in html and "<code>skos:</code>" in html
        assert "The netorg team (2026)" in html


def test_class_pages_say_where_the_class_is_used_in_domain_and_range(built):  # noqa: F811
    html = read(built, "en/classes/CompetitivenessPole/index.html")
    section = html[html.index('id="used-in-the-domain-of') :]
    assert "inherited from" in section[: section.index("</ul>")]


def test_changelog_page_shows_the_changelog(built):  # noqa: F811
    from netorg.resources import root

    heading = next(line for line in (root() / "CHANGELOG.md").read_text().splitlines()
                   if line.startswith("## "))
    for lang in LANGS:
        assert heading[3:] in read(built, f"{lang}/reference/changelog/index.html")


def test_cli_reference_lists_every_option_of_the_parser(built):  # noqa: F811
    from netorg.cli import build_parser
    from netorg.site.clireference import _subcommands, cli_pages

    html = read(built, "en/reference/cli/index.html")
    parser = build_parser()
    for name, sub in _subcommands(parser):
        assert f"netorg {name}" in html
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            for option in action.option_strings:
                assert f"<code>{option}</code>" in html, (name, option)
    docs = next(sub for name, sub in _subcommands(parser) if name == "docs build")
    docs.add_argument("--zzz-new-option", help="an option the page must follow")
    (_, text), = cli_pages(parser, "en")
    assert "`--zzz-new-option`" in text  # the page follows the parser: it cannot drift


def test_french_cli_reference_shows_the_french_help(built):  # noqa: F811
    html = read(built, "fr/reference/cli/index.html")
    assert "utilisation : netorg" in html and "arguments positionnels :" in html
    assert "afficher ce message d" in html and "aide et quitter" in html
    assert "classer chaque cas tel qu" in html  # classify --as-of
    for english in ("usage:", "show this help message", "What it does", "positional arguments"):
        assert english not in html, english


@pytest.mark.browser
def test_404_page_works_from_any_folder(built, browser, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By

    deep = tmp_path / "some" / "folder"
    shutil.copytree(built["out"], deep / "site")
    with serve(tmp_path) as base:
        browser.get(f"{base}some/folder/site/fr/404.html")
        sheets = browser.execute_script(
            "return [...document.styleSheets].filter(s => s.href && s.cssRules.length).length")
        home = browser.find_element(By.CSS_SELECTOR, "article a").get_attribute("href")
        nav = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "nav a")]
        text = browser.find_element(By.TAG_NAME, "article").text
    assert sheets >= 2 and "Page introuvable" in text
    assert home == f"{base}some/folder/site/fr/"
    assert nav and all(h.startswith(f"{base}some/folder/site/") for h in nav if h)


# -- the site in a browser, at a laptop's and a phone's width -------------------------------------

SHOTS = {
    "map": "cases/",
    "case": f"cases/{CASE}/",
    "query": f"queries/{QUERY}/",
    "typology": "reference/typology/",
}


@pytest.mark.browser
def test_screenshots_at_1366_and_390_px_and_nothing_overflows(built, browser):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflow = {}
    with serve(built["out"]) as base:
        for width in (1366, 390):
            for lang in LANGS:
                for name, page in SHOTS.items():
                    browser.set_window_size(width, 900)
                    browser.get(f"{base}{lang}/{page}")
                    height = browser.execute_script("return document.body.scrollHeight")
                    browser.set_window_size(width, min(height + 100, 4000))
                    wide = browser.execute_script(
                        "return document.documentElement.scrollWidth - window.innerWidth")
                    if wide > 1:
                        overflow[f"{lang}/{page}@{width}"] = wide
                    path = SCREENSHOTS / f"{name}-{lang}-{width}.png"
                    assert browser.save_screenshot(str(path))
                    if name == "map" and lang == "fr":  # the pure-Python PNG check is slow:
                        colours, ink = colour_stats(path)  # one page a width
                        assert colours > 50 and ink > 0.02, f"{path} looks blank"
    browser.set_window_size(1280, 1000)
    assert overflow == {}  # wide tables scroll in their own box; the page never does


@pytest.mark.browser
def test_case_list_keeps_every_column_at_1366_px(built, browser):  # noqa: F811
    with serve(built["out"]) as base:
        browser.set_window_size(1366, 900)
        for lang in LANGS:
            browser.get(f"{base}{lang}/cases/")
            hidden = browser.execute_script(
                "const t = [...document.querySelectorAll('article table')].pop();"
                "const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;"
                "return t.scrollWidth - box.clientWidth;")
            assert hidden <= 1, f"{lang}: {hidden} px of the case list out of sight"
        browser.set_window_size(1280, 1000)


@pytest.mark.browser
def test_map_filters_hide_a_class_and_points_open_their_case(built, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    with serve(built["out"]) as base:
        browser.set_window_size(390, 900)
        browser.get(f"{base}fr/cases/")
        points = browser.find_elements(By.CSS_SELECTOR, ".netorg-map-world .netorg-group-0 circle")
        assert points and all(p.is_displayed() for p in points)
        browser.find_element(By.ID, "netorg-filter-0").click()
        assert not any(p.is_displayed() for p in points)
        others = browser.find_elements(By.CSS_SELECTOR, ".netorg-map-world .netorg-group-3 circle")
        assert others and all(p.is_displayed() for p in others)
        inset = browser.find_element(By.CSS_SELECTOR, "svg.netorg-map-inset")
        assert inset.size["width"] >= 340  # the inset fills a phone's width
        link = browser.find_element(By.CSS_SELECTOR, ".netorg-map-inset a")
        href = link.get_dom_attribute("href")
        browser.get(f"{base}fr/cases/{href}")
        assert "/fr/cases/" in browser.current_url and "netorg-verdict" in browser.page_source
        browser.set_window_size(1280, 1000)


# -- a site of one's own cases -------------------------------------------------------------------


def test_docs_build_data_no_corpus_shows_only_the_users_cases(tmp_path):
    from netorg.cli import main

    own = tmp_path / "mine"
    own.mkdir()
    source = Path(__file__).parent / "fixtures" / "cases" / "fixture-pole.ttl"
    shutil.copyfile(source, own / source.name)
    cases = {case_slug(c) for c in rdflib.Graph().parse(own / source.name).subjects(
        rdflib.RDF.type, rdflib.URIRef("https://w3id.org/netorg#CaseStudy"))}
    out = tmp_path / "site"
    assert main(["docs", "build", "--data", str(own), "--no-corpus", "--out", str(out)]) == 0
    built_cases = {p.name for p in (out / "en" / "cases").iterdir() if p.is_dir()}
    everything = set(corpus_graph().subjects(
        rdflib.RDF.type, rdflib.URIRef("https://w3id.org/netorg#CaseStudy")))
    assert built_cases == cases and 0 < len(cases) < len(everything)
    corpus = rdflib.Graph().parse(out / "en" / "downloads" / "netorg-corpus.ttl")
    assert {case_slug(c) for c in corpus.subjects(
        rdflib.RDF.type, rdflib.URIRef("https://w3id.org/netorg#CaseStudy"))} == cases
    assert main(["docs", "build", "--data", str(tmp_path / "missing"), "--out", str(out)]) == 2


def test_zip_downloads_are_stable(built):  # noqa: F811
    from netorg.site.downloads import zipped

    assert zipped({"a.txt": b"x"}, b"l") == zipped({"a.txt": b"x"}, b"l")
    with zipfile.ZipFile(io.BytesIO(zipped({"a.txt": b"x"}, b"l"))) as archive:
        assert archive.namelist() == ["a.txt", "LICENCE.txt"]
