"""Build the documentation site from the knowledge base: generated Markdown, then mkdocs.

The mkdocs project is `site/`: hand-written pages (home, about, how to cite) live in
`site/docs/<lang>/`, and the build wipes and rewrites the generated folders beside them (their
pages start with a "generated" marker). Each language is its own mkdocs site (`mkdocs.yml` for
English, `mkdocs.fr.yml` for French) so that no page, menu or search index mixes languages; both
are written side by side under `out/en/` and `out/fr/`, and `out/index.html` leads to them.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from netorg.errors import NetorgError, UnusableInput

# the folders of site/docs/<lang>/ that the build owns (everything else there is hand-written)
GENERATED = (
    "classes",
    "properties",
    "individuals",
    "concepts",
    "cases",
    "queries",
    "reference",
    "downloads",
)
CONFIGS = {"en": "mkdocs.yml", "fr": "mkdocs.fr.yml"}


class BuildFailed(NetorgError):
    """mkdocs refused the site (in strict mode, any warning: a broken link, a missing page)."""

    exit_code = 1


@dataclass
class BuildReport:
    out: Path
    pages: dict[str, int] = field(default_factory=dict)  # language -> HTML pages written
    markdown: dict[str, int] = field(default_factory=dict)  # language -> generated Markdown pages
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return sum(self.pages.values())

    def summary(self) -> str:
        per_lang = ", ".join(f"{lang}: {n}" for lang, n in self.pages.items())
        return f"{self.page_count} pages ({per_lang}) in {self.seconds:.1f} s -> {self.out}"


def site_dir() -> Path:
    from netorg.site.markdown import site_dir as folder

    site = folder()
    if not (site / "mkdocs.yml").is_file():
        raise UnusableInput(
            f"{site}/mkdocs.yml: no such file (the docs build needs a netorg checkout)"
        )
    return site


def default_out() -> Path:
    return site_dir() / "build"


def build_site(
    out: Path | None = None,
    strict: bool = True,
    *,
    cases: list[Path] | None = None,
    corpus: bool = True,
    cli: argparse.ArgumentParser | Callable[[str], argparse.ArgumentParser] | None = None,
) -> BuildReport:
    """Generate every page from the knowledge base and build both language sites into `out`.

    `cases` are the user's own case files, shown with the bundled corpus or, with `corpus=False`,
    alone; `cli` is `netorg`'s argument parser, from which the command-line reference is written: a
    function of the language (`netorg.cli.build_parser`) gives each site the help in its language.
    """
    from netorg.site.data import LANGS, gather, site_cases

    site = site_dir()
    out = Path(out) if out is not None else site / "build"
    if out.exists() and not out.is_dir():
        raise UnusableInput(f"{out}: exists and is not a folder")
    started = time.perf_counter()
    report = BuildReport(out=out)
    with _locked(site), tempfile.TemporaryDirectory(prefix="netorg-docs-") as work:
        data = gather(Path(work), site_cases([Path(p) for p in cases or []], corpus))
        data.cache["cli"] = cli
        for lang in LANGS:
            report.markdown[lang] = write_pages(data, site / "docs" / lang, lang)
        report.warnings = run_mkdocs(
            [site / CONFIGS[lang] for lang in LANGS], [out / lang for lang in LANGS], strict
        )
        for lang in LANGS:
            relative_404(out / lang, lang)
            report.pages[lang] = sum(1 for _ in (out / lang).rglob("*.html"))
    write_root(out)
    report.seconds = time.perf_counter() - started
    return report


def write_pages(data, docs: Path, lang: str) -> int:
    """Wipe the generated folders of `docs` and write them anew; return the page count."""
    from netorg.atomic import write_text
    from netorg.site.cases import case_pages
    from netorg.site.clireference import cli_pages
    from netorg.site.corpus import corpus_pages
    from netorg.site.diagnosis import diagnosis_pages
    from netorg.site.downloads import downloads_page, write_downloads
    from netorg.site.metadata import metadata_pages
    from netorg.site.performance import performance_pages
    from netorg.site.queries import query_pages
    from netorg.site.reference import reference_pages
    from netorg.site.terms import term_pages

    for name in GENERATED:
        shutil.rmtree(docs / name, ignore_errors=True)
    count = 0
    for generator in (term_pages, reference_pages, case_pages, query_pages,
                      performance_pages, corpus_pages, diagnosis_pages, downloads_page,
                      metadata_pages,
                      lambda data, lang: cli_pages(data.cache.get("cli"), lang)):
        for path, text in generator(data, lang):
            write_text(docs / path, text)
            count += 1
    write_downloads(data, docs / "downloads")
    return count
def run_mkdocs(configs: list[Path], outs: list[Path], strict: bool) -> list[str]:
    """Build the language sites, one mkdocs process each, side by side (each takes seconds of
    CPU); in strict mode a warning fails the build, named in the error."""
    import subprocess
    import sys

    runs = []
    for config, site_out in zip(configs, outs, strict=True):
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--clean",
            "--config-file",
            str(config),
            "--site-dir",
            str(site_out),
            *(["--strict"] if strict else []),
        ]
        runs.append(
            (
                config,
                subprocess.Popen(
                    command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                ),
            )
        )
    warnings, failures = [], []
    for config, process in runs:
        output, _ = process.communicate()
        found = [
            line.split("-", 1)[-1].strip()
            for line in output.splitlines()
            if line.startswith(("WARNING", "ERROR"))
        ]
        warnings += [f"{config.name}: {line}" for line in found]
        if process.returncode != 0:
            failures.append(
                f"{config.name}: " + ("; ".join(found[:5]) or output.strip().splitlines()[-1])
            )
    if failures:
        raise BuildFailed("mkdocs build failed: " + " | ".join(failures))
    return warnings


# Finds the language site's root in the address the 404 page is shown at (any depth, any folder),
# makes it the base of every relative link, and points material's own configuration at it.
_BASE_SCRIPT = """<script>(function () {
  var m = location.pathname.match(/^(.*?\\/)(en|fr)\\//);
  var root = m ? m[1] + m[2] + "/" : "/%(lang)s/";
  document.write('<base href="' + root + '">');
  window.__netorgRoot = root;
})();</script>"""
_CONFIG_SCRIPT = """<script>(function () {
  var c = document.getElementById("__config"), j = JSON.parse(c.textContent);
  j.base = window.__netorgRoot.replace(/\\/$/, "");
  j.search = window.__netorgRoot + j.search.replace(/^\\/+/, "");
  c.textContent = JSON.stringify(j);
})();</script>"""


def relative_404(site_out: Path, lang: str) -> None:
    """mkdocs writes the 404 page's links from the server's root ("/assets/...", "/."), which break
    when the site is served from a folder; rewrite them relative to a <base> the page computes."""
    from netorg.atomic import write_text

    path = site_out / "404.html"
    if not path.is_file():
        return
    html = path.read_text(encoding="utf-8")
    html = html.replace('="//../', '="../').replace('href="/', 'href="').replace('src="/', 'src="')
    html = html.replace("<head>", "<head>" + _BASE_SCRIPT % {"lang": lang}, 1)
    config_end = html.find("</script>", html.find('id="__config"'))
    if config_end >= 0:
        at = config_end + len("</script>")
        html = html[:at] + _CONFIG_SCRIPT + html[at:]
    write_text(path, html)


def write_root(out: Path) -> None:
    """`out/index.html`: sends readers to the site in their browser's language (else English)."""
    from netorg.atomic import write_text

    write_text(
        out / "index.html",
        """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>netorg</title>
<meta http-equiv="refresh" content="0; url=en/">
<script>
if ((navigator.language || "").toLowerCase().startsWith("fr")) location.replace("fr/");
</script>
</head><body><p><a href="en/" hreflang="en">netorg documentation</a></p>
<p><a href="fr/" hreflang="fr" lang="fr">documentation de netorg</a></p></body></html>
""",
    )


def serve_site(
    out: Path | None = None, port: int = 8000, build: bool = True, **options
) -> None:
    """Build (unless told not to, `options` as `build_site`'s), then serve `out` on 127.0.0.1
    until interrupted."""
    import functools
    import http.server

    out = Path(out) if out is not None else default_out()
    if not 0 <= port <= 65535:
        raise UnusableInput(f"port {port}: expected 0 to 65535 (0: any free port)")
    if build:
        print(build_site(out, **options).summary())
    elif not (out / "index.html").is_file():
        raise UnusableInput(f"{out}: no built site here (index.html); run without --no-build")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise UnusableInput(f"127.0.0.1:{port}: cannot serve ({exc.strerror or exc})") from None
    with server:
        print(f"serving {out} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
        server.serve_forever()


@contextmanager
def _locked(site: Path) -> Iterator[None]:
    """One build at a time writes the generated pages of `site` (tests run in parallel)."""
    import fcntl

    with open(site / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
