"""The documentation site: built once from the knowledge base in strict mode, then checked as files
(every internal link resolves, every term and case has its page in both languages) and in headless
Chromium (no console error, search works, screenshots are not blank)."""

from __future__ import annotations

import fcntl
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import rdflib

from docs_support import broken_links, colour_stats, serve
from netorg.site.build import GENERATED, BuildFailed, build_site, run_mkdocs
from netorg.site.data import KINDS, LANGS, case_slug, ontology_graph, term_index
from netorg.site.markdown import is_generated, site_dir, words

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "site" / "build" / "screenshots"
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1000",
)


@pytest.fixture(scope="session")
def built(tmp_path_factory, worker_id) -> dict:
    """One build per test session, shared by the xdist workers (the first builds, others wait)."""
    shared = (
        tmp_path_factory.getbasetemp()
        if worker_id == "master"
        else tmp_path_factory.getbasetemp().parent
    )
    out, done = shared / "docs-site", shared / "docs-site.json"
    with open(shared / "docs-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            from netorg.cli import build_parser

            report = build_site(out, strict=True, cli=build_parser)
            print(f"\ndocs: {report.summary()}")
            done.write_text(
                json.dumps(
                    {"pages": report.pages, "seconds": report.seconds, "warnings": report.warnings}
                )
            )
    return {"out": out, **json.loads(done.read_text())}


@pytest.fixture(scope="session")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in CHROMIUM_ARGS:
        options.add_argument(argument)
    profile = tempfile.mkdtemp(prefix="netorg-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver, url: str) -> list[str]:
    driver.get(url)
    driver.execute_script("return document.readyState")
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


# -- the build, as files -------------------------------------------------------------------------


def test_build_is_strict_and_writes_both_languages(built):
    assert built["warnings"] == []
    for lang in LANGS:
        assert built["pages"][lang] > 100
        html = (built["out"] / lang / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
    assert (built["out"] / "index.html").is_file()


def test_every_term_case_and_query_has_a_page_in_both_languages(built):
    from netorg.site.data import corpus_graph
    from netorg.sparql.catalogue import load

    terms = term_index(ontology_graph())
    cases = set(
        corpus_graph().subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/netorg#CaseStudy"))
    )
    assert {kind for kind, _ in terms.values()} == set(KINDS)
    assert len(cases) >= 1
    for lang in LANGS:
        root = built["out"] / lang
        missing = [
            f"{kind}/{slug}"
            for kind, slug in terms.values()
            if not (root / kind / slug / "index.html").is_file()
        ]
        missing += [
            f"cases/{case_slug(c)}"
            for c in cases
            if not (root / "cases" / case_slug(c) / "index.html").is_file()
        ]
        missing += [
            f"queries/{q}" for q in load() if not (root / "queries" / q / "index.html").is_file()
        ]
        assert missing == [], f"{lang}: pages missing: {missing[:10]}"


def test_every_internal_link_resolves(built):
    assert broken_links(built["out"]) == []


def test_link_check_catches_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../b/">b</a> <a href="https://example.org/">x</a>'
    )
    (tmp_path / "index.html").write_text('<a href="a/">a</a> <a href="missing/">gone</a>')
    assert broken_links(tmp_path) == ["a/index.html: ../b/", "index.html: missing/"]


def test_downloads_parse_back_to_the_ontology(built):
    ontology = ontology_graph()
    for suffix, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("rdf", "xml"), ("nt", "nt")):
        graph = rdflib.Graph().parse(
            built["out"] / "en" / "downloads" / f"netorg.{suffix}", format=fmt
        )
        assert len(graph) == len(ontology), suffix
    assert (built["out"] / "fr" / "downloads" / "netorg-template.xlsx").stat().st_size > 1000


def test_typology_page_draws_table_1_from_the_axioms(built):
    from netorg.sheets.codes import vocabulary

    html = (built["out"] / "en" / "reference" / "typology" / "index.html").read_text(
        encoding="utf-8"
    )
    table = html[html.index("<table") : html.index("</table>")]
    for term in vocabulary("typology").terms:  # each defined class of the typology is in a cell
        assert term.labels["en"] in table


def test_performance_page_shows_the_last_benchmark_table(built):
    from netorg.site.performance import results_file

    rows = [line for line in results_file().read_text(encoding="utf-8").splitlines()
            if line.startswith("| ")]
    assert len(rows) > 10
    for lang in LANGS:
        html = (built["out"] / lang / "reference" / "performance" / "index.html").read_text(
            encoding="utf-8")
        for row in rows[2:8]:  # each step's label and its figures, as the benchmark wrote them
            cells = [c.strip().replace("`", "") for c in row.strip("|").split("|")]
            assert all(html_cell in html for html_cell in cells if html_cell), (lang, row)


def test_class_pages_state_each_restriction_in_plain_words(built):
    from netorg.site.data import label

    ontology, owl = ontology_graph(), rdflib.OWL
    stated = 0
    for cls, (kind, slug) in term_index(ontology).items():
        if kind != "classes":
            continue
        lines = (site_dir() / "docs" / "en" / kind / f"{slug}.md").read_text(encoding="utf-8")
        sentences = [line for line in lines.splitlines() if line.startswith("- Every ")]
        for restriction in ontology.objects(cls, rdflib.RDFS.subClassOf):
            value = ontology.value(restriction, owl.hasValue)
            if isinstance(restriction, rdflib.BNode) and isinstance(value, rdflib.URIRef):
                prop = ontology.value(restriction, owl.onProperty)
                wanted = f"has [{label(ontology, prop, 'en')}]"
                assert any(
                    wanted in s and f": [{label(ontology, value, 'en')}]" in s for s in sentences
                ), f"{slug}: {wanted} ... {value}"
                stated += 1
    assert stated > 10


def test_case_pages_show_their_tensions(built):
    headings = {"en": "Tensions between the derived classes",
                "fr": "Tensions entre les classes déduites"}
    for lang, heading in headings.items():
        [benetton] = (built["out"] / lang / "cases").rglob("benetton-network*/index.html")
        html = benetton.read_text(encoding="utf-8")
        assert heading in html
        assert ("horizontal" if lang == "en" else "horizontale") in html
        [prato] = (built["out"] / lang / "cases").rglob("prato-textile-district*/index.html")
        assert heading not in prato.read_text(encoding="utf-8")


def test_how_to_add_a_form_is_in_both_languages(built):
    for lang, title in (("en", "How to add a form"), ("fr", "Comment ajouter une forme")):
        html = (built["out"] / lang / "add-a-form" / "index.html").read_text(encoding="utf-8")
        assert title in html and "MilieuInnovateur" in html  # code is split into spans


def test_generated_pages_are_marked_and_hand_written_ones_are_not(built):
    for lang in LANGS:
        docs = site_dir() / "docs" / lang
        for page in docs.rglob("*.md"):
            generated = page.relative_to(docs).parts[0] in GENERATED
            assert is_generated(page.read_text(encoding="utf-8")) == generated, page


def test_home_quick_start_is_the_readme_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.search(r"## Quick start\n+```bash\n(.*?)```", readme, re.S).group(1)
    for lang in LANGS:
        home = (site_dir() / "docs" / lang / "index.md").read_text(encoding="utf-8")
        assert f"```bash\n{commands}```" in home, lang


def test_every_interface_word_is_in_both_languages():
    assert all(set(entry) == set(LANGS) and all(entry.values()) for entry in words().values())


def test_strict_build_fails_on_a_broken_link(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[gone](missing.md)\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\n")
    with pytest.raises(BuildFailed, match=r"missing\.md"):
        run_mkdocs([tmp_path / "mkdocs.yml"], [tmp_path / "out"], strict=True)


# -- the site, in a browser ----------------------------------------------------------------------

PAGES = (
    "en/",
    "fr/",
    "en/classes/Cluster/",
    "fr/classes/FirmNetwork/",
    "en/properties/hasOrigin/",
    "en/individuals/VerticalOrientation/",
    "en/reference/typology/",
    "fr/reference/comparisons/",
    "en/reference/concept-map/",
    "en/reference/lists/",
    "fr/reference/bibliography/",
    "en/reference/shapes/",
    "en/reference/downloads/",
    "fr/reference/performance/",
    "en/cases/",
    "fr/queries/",
    "en/queries/typology-matrix/",
)


@pytest.mark.browser
def test_no_page_logs_a_console_error(built, browser):
    some_case = sorted((built["out"] / "en" / "cases").iterdir())[0].name
    some_concept = sorted((built["out"] / "fr" / "concepts").iterdir())[0].name
    pages = [*PAGES, f"en/cases/{some_case}/", f"fr/concepts/{some_concept}/"]
    with serve(built["out"]) as base:
        errors = {page: found for page in pages if (found := console_errors(browser, base + page))}
    assert errors == {}


@pytest.mark.browser
def test_console_check_catches_an_error(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<script>console.error("boom")</script><script src="gone.js"></script>'
    )
    with serve(tmp_path) as base:
        errors = console_errors(browser, base)
    assert any("boom" in e for e in errors) and any("gone.js" in e for e in errors)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_cluster(built, browser, lang):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    with serve(built["out"]) as base:
        browser.get(f"{base}{lang}/")
        browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
        box = WebDriverWait(browser, 10).until(
            expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input"))
        )
        box.send_keys("cluster")
        WebDriverWait(browser, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "li.md-search-result__item")
        )
        results = [
            e.text.casefold()
            for e in browser.find_elements(By.CSS_SELECTOR, "li.md-search-result__item")
        ]
        hrefs = [
            e.get_attribute("href")
            for e in browser.find_elements(By.CSS_SELECTOR, "li.md-search-result__item a")
        ]
    assert any("cluster" in text for text in results)
    assert any(f"/{lang}/classes/Cluster/" in (href or "") for href in hrefs)


@pytest.mark.browser
def test_language_switch_goes_to_the_same_page(built, browser):
    from selenium.webdriver.common.by import By

    with serve(built["out"]) as base:
        browser.get(f"{base}en/classes/Cluster/")
        link = browser.find_element(By.CSS_SELECTOR, 'a.md-select__link[hreflang="fr"]')
        browser.get(link.get_attribute("href"))
        assert browser.current_url.endswith("/fr/classes/Cluster/")
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
        assert "organisations variées" in browser.find_element(By.TAG_NAME, "article").text


@pytest.mark.browser
def test_screenshots_are_not_blank(built, browser):
    some_case = sorted((built["out"] / "en" / "cases").iterdir())[0].name
    shots = {
        "home": "en/",
        "class": "en/classes/Cluster/",
        "typology": "en/reference/typology/",
        "case": f"en/cases/{some_case}/",
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serve(built["out"]) as base:
        for name, page in shots.items():
            browser.get(base + page)
            path = SCREENSHOTS / f"{name}.png"
            assert browser.save_screenshot(str(path))
            colours, ink = colour_stats(path)
            print(f"screenshot {path}: {colours} colours, {ink:.1%} non-background")
            assert colours > 50 and ink > 0.02, f"{path} looks blank"


def test_blank_check_catches_a_blank_png(tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff" * 30 for _ in range(10))  # 10 white RGB rows of 10 pixels
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    (tmp_path / "blank.png").write_bytes(png)
    assert colour_stats(tmp_path / "blank.png") == (1, 0.0)
