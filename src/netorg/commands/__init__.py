"""One thin module per `netorg` sub-command: it parses its arguments, calls the library and
prints; each imports heavy libraries only when it runs, so that `netorg --help` stays fast.

May import: `netorg.diagnose`, `netorg.site`, `netorg.sparql`, `netorg.ontology`,
`netorg.shacl`, `netorg.sheets`, `netorg.rdf`, `netorg.safe` and the shared top-level modules.
"""

import argparse


def positive_int(text: str) -> int:
    """An argparse type for counts such as `--jobs`: 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        from netorg.commands._language import argparse_text

        raise argparse.ArgumentTypeError(
            argparse_text("%s: expected 1 or more worker processes") % text
        )
    return value
