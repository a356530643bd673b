"""The territorial diagnosis on the site (issue 16, point 6): every candidate linked to its own
page, in both languages, and the charts of LQ against size, the stars and the historical depth,
worded in the page's language. Uses the session's one build (`built`, from test_docs_site)."""

from __future__ import annotations

import re
import shutil
from html import unescape

import pytest

from docs_support import english_words
from netorg.site.data import LANGS
from netorg.site.markdown import say
from test_docs_site import built  # noqa: F401 - the shared fixture


@pytest.fixture(scope="module")
def candidates():
    from netorg.diagnose.cases import case_ids
    from netorg.diagnose.run import diagnose

    frame = diagnose(level="commune")
    return set(case_ids(frame[frame["candidate"]]))


def test_generated_pages_link_every_candidate_to_its_own_page(candidates):
    from netorg.diagnose.model import model
    from netorg.site.diagnosis import diagnosis_pages

    for lang in LANGS:
        pages = dict(diagnosis_pages(None, lang))
        main = pages.pop("reference/diagnosis.md")
        linked = set(re.findall(r"\]\(diagnosis/([^)]+)\.md\)", main))
        assert linked == candidates, lang
        assert set(pages) == {f"reference/diagnosis/{c}.md" for c in candidates}, lang
        assert all("](../diagnosis.md)" in text for text in pages.values()), lang
        states = {say(f"diagnosis.{k}", lang) for k in ("met", "unmet", "unknown")}
        for text in pages.values():  # each criterion's verdict, then what the audit must find
            verdicts = text.split("## " + say("diagnosis.verdicts", lang))[1].split("\n## ")[0]
            cells = [line.split(" | ")[1] for line in verdicts.splitlines()[4:] if line]
            assert len(cells) == len(model().criteria) and set(cells) <= states, lang
            audit = text.split("## " + say("diagnosis.audit", lang))[1].split("\n## ")[0]
            assert audit.count("\n- ") >= 1, lang


def test_built_candidate_links_and_chart_links_open_pages(built, candidates):  # noqa: F811
    for lang in LANGS:
        folder = built["out"] / lang / "reference" / "diagnosis"
        html = (folder / "index.html").read_text(encoding="utf-8")
        table_links = set(re.findall(r'<a href="([^"#]+)/"><', html)) & candidates
        bar_links = set(re.findall(r'<a href="(diagnosis-[^"]+)/"><rect', html))
        assert table_links == candidates and bar_links == candidates, lang
        for case in candidates:
            page = (folder / case / "index.html").read_text(encoding="utf-8")
            assert say("diagnosis.audit", lang) in unescape(page), (lang, case)


def test_charts_are_drawn_with_titles_and_axes_in_the_page_language(built):  # noqa: F811
    from netorg.diagnose.run import diagnose

    stars = diagnose(level="commune")["stars"]
    for lang in LANGS:
        html = unescape((built["out"] / lang / "reference" / "diagnosis" / "index.html")
                        .read_text(encoding="utf-8"))
        svgs = re.findall(r"<svg[^>]*netorg-diagram.*?</svg>", html, re.S)
        titles = [re.search(r"<title>(.*?)</title>", svg).group(1) for svg in svgs]
        assert titles.count(say("diagnosis.chart_lq", lang)) == 4, lang
        star_svg = next(s for s in svgs if "<title>" + say("diagnosis.chart_stars", lang)
                         in s)
        drawn = sum(int(n) for n in re.findall(r'>(\d+)</text>', star_svg))
        assert drawn == int((stars > 0).sum()), lang  # every starred commune is in a bar
        depth = [s for s in svgs if say("diagnosis.depth_axis", lang) in s]
        assert depth and all("stroke-dasharray" in s for s in depth), lang


def test_english_scan_reads_the_french_candidate_pages(built, tmp_path, candidates):  # noqa: F811
    case = sorted(candidates)[0]
    source = built["out"] / "fr" / "reference" / "diagnosis" / case / "index.html"
    page = tmp_path / "fr" / "reference" / "diagnosis" / case / "index.html"
    page.parent.mkdir(parents=True)
    shutil.copy(source, page)
    assert english_words(tmp_path / "fr") == {}
    html = source.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", "<p>What the audit must establish.</p></article>"))
    assert english_words(tmp_path / "fr") != {}
