"""Everything a reader can download and cite: the ontology in four serialisations, the corpus (as
Turtle, as the spreadsheet template, as its CSV folder zipped), the shapes, the query catalogue and
the empty template, each with its licence; and the page that lists them.

The files are made once for both languages (`data.cache`) and copied into each site's
`downloads/` folder. The shapes and queries are zipped as their hand-written files, comments kept.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from netorg.site.data import DCTERMS, SiteData
from netorg.site.markdown import escape, page, say, table

ONTOLOGY_FORMATS = (
    ("longturtle", "ttl", "Turtle"),
    ("json-ld", "jsonld", "JSON-LD"),
    ("xml", "rdf", "RDF/XML"),
    ("nt", "nt", "N-Triples"),
)
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Download:
    name: str  # the file name under downloads/
    what: str  # words.yml key of what it holds
    format: str
    content: bytes


def downloads(data: SiteData) -> list[Download]:
    """Every file of the downloads folder, made once."""
    if "downloads" not in data.cache:
        files = [
            Download(
                f"netorg.{suffix}",
                "downloads.ontology",
                name,
                data.ontology.serialize(format=fmt, encoding="utf-8"),
            )
            for fmt, suffix, name in ONTOLOGY_FORMATS
        ]
        files += corpus_files(data)
        files.append(Download("netorg-shapes.zip", "downloads.shapes", "ZIP (Turtle)",
                              zipped(shape_files(), licence_note())))
        files.append(Download("netorg-queries.zip", "downloads.queries", "ZIP (SPARQL)",
                              zipped(query_files(), licence_note())))
        if data.template is not None:
            files.append(Download("netorg-template.xlsx", "downloads.template", "Excel (.xlsx)",
                                  data.template.read_bytes()))
        data.cache["downloads"] = files
    return data.cache["downloads"]


def corpus_files(data: SiteData) -> list[Download]:
    """The corpus the site shows, as Turtle, as the spreadsheet and as its CSV folder (zipped)."""
    import tempfile

    from netorg.sheets.write import write_tabular

    if len(data.corpus) == 0:
        return []
    turtle = data.corpus.serialize(format="longturtle", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="netorg-corpus-") as work:
        book, folder = Path(work) / "corpus.xlsx", Path(work) / "corpus"
        write_tabular(data.corpus, book)
        write_tabular(data.corpus, folder)
        csv = {f"netorg-corpus/{p.name}": p.read_bytes() for p in sorted(folder.glob("*.csv"))}
        xlsx = book.read_bytes()
    return [
        Download("netorg-corpus.ttl", "downloads.corpus", "Turtle", turtle),
        Download("netorg-corpus.xlsx", "downloads.corpus", "Excel (.xlsx)", xlsx),
        Download("netorg-corpus-csv.zip", "downloads.corpus", "ZIP (CSV)",
                 zipped(csv, licence_note())),
    ]


def shape_files() -> dict[str, bytes]:
    from netorg.resources import shapes_dir

    return {f"shapes/{p.name}": p.read_bytes() for p in sorted(shapes_dir().glob("*.ttl"))}


def query_files() -> dict[str, bytes]:
    from netorg.resources import queries_dir

    return {f"queries/{p.name}": p.read_bytes() for p in sorted(queries_dir().glob("*.rq"))}


def licence_note() -> bytes:
    return (
        "netorg (https://w3id.org/netorg), by the netorg team.\n"
        f"Licence: Creative Commons Attribution 4.0 International (CC BY 4.0), {CC_BY}\n"
        "Cite as: The netorg team (2026). netorg: an ontology of network organisation.\n"
    ).encode()


def zipped(files: dict[str, bytes], licence: bytes) -> bytes:
    """A zip of `files` and a LICENCE.txt, with fixed dates so that a rebuild gives equal bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**files, "LICENCE.txt": licence}.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def write_downloads(data: SiteData, folder: Path) -> list[Path]:
    from netorg.atomic import write_bytes

    written = []
    for download in downloads(data):
        write_bytes(folder / download.name, download.content)
        written.append(folder / download.name)
    return written


def licence_of(data: SiteData) -> str:
    """The ontology's own dcterms:license (the same for every file of the project)."""
    from netorg.site.data import ontology_iri

    value = data.ontology.value(ontology_iri(data.ontology), DCTERMS.license)
    return str(value) if isinstance(value, URIRef) else CC_BY


def downloads_page(data: SiteData, lang: str) -> Iterator[tuple[str, str]]:
    licence = licence_of(data)
    licence_link = f"[`CC BY 4.0`]({licence})" if licence == CC_BY else f"<{licence}>"
    rows = [
        [
            f"[`{d.name}`](../downloads/{d.name})",
            say(d.what, lang),
            escape(d.format),
            _size(len(d.content), lang),
            licence_link,
        ]
        for d in downloads(data)
    ]
    header = [
        say("word.file", lang),
        say("word.contents", lang),
        say("word.format", lang),
        say("word.size", lang),
        say("word.licence", lang),
    ]
    yield "reference/downloads.md", page(
        say("page.downloads", lang),
        say("downloads.intro", lang, triples=len(data.ontology), cases=len(data.case_iris()))
        + "\n",
        table(header, rows),
        say("downloads.cite", lang) + "\n",
    )


def _size(n: int, lang: str) -> str:
    unit = say("word.kilobytes", lang)
    value = f"{max(1, round(n / 1024)):,}".replace(",", "\u202f" if lang == "fr" else ",")
    return f"{value}\u00a0{unit}"
