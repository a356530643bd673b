"""The site's performance page: the benchmark table as last measured, with its machine.

The figures are not retyped here: the page shows `benchmarks/results.md`, which
`benchmarks/run.py` writes, so the site and the measurements cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

TITLE = {"en": "Performance", "fr": "Performances"}
INTRO = {
    "en": (
        "netorg validates and classifies case studies set at a time on Oxigraph, chunk by chunk "
        "in worker processes (see *Working at scale* in the README). `python benchmarks/run.py` "
        "measures it on generated cases against pyoxigraph's bare parse of the same data and "
        "against pySHACL over rdflib; each step runs in a process of its own. What follows is "
        "the last table it wrote, as it wrote it.\n"
    ),
    "fr": (
        "netorg valide et classe les études de cas en une passe par règle sur Oxigraph, par lots "
        "dans des processus parallèles (voir *Working at scale* dans le README). "
        "`python benchmarks/run.py` le mesure sur des cas générés, face à la simple lecture des "
        "mêmes données par pyoxigraph et à pySHACL sur rdflib ; chaque étape tourne dans un "
        "processus à part. Voici le dernier tableau qu'il a écrit, tel quel : il est "
        "en anglais, comme les notes de mesure qui le suivent.\n"
    ),
}
MISSING = {
    "en": "No measurement is bundled with this copy: run `python benchmarks/run.py` in a checkout.",
    "fr": "Aucune mesure n'accompagne cette copie : lancez `python benchmarks/run.py` depuis les "
          "sources.",
}


def results_file() -> Path:
    from netorg.resources import root

    return root() / "benchmarks" / "results.md"


def performance_pages(data: object, lang: str) -> Iterator[tuple[str, str]]:
    from netorg.site.markdown import page

    path = results_file()
    if path.is_file():
        # the file's own title becomes a section of the page
        body = path.read_text(encoding="utf-8").replace("# Benchmark", "## Benchmark", 1)
        if lang != "en":  # the benchmark writes English only: say so, and mark it as English
            body = f'<div lang="en" markdown>\n\n{body}\n\n</div>'
    else:
        body = MISSING[lang]
    yield "reference/performance.md", page(TITLE[lang], INTRO[lang] + "\n" + body + "\n")
