"""RDF plumbing under every feature: read RDF files into rdflib graphs or pyoxigraph stores with
located syntax errors (`read`), write sorted Turtle with the project's prefixes (`write`), and
convert terms between rdflib and pyoxigraph (`terms`).

May import: the shared top-level modules (`netorg`, `netorg.errors`, `netorg.atomic`,
`netorg.resources`, `netorg.progress`) and `netorg.safe` only; never a feature subpackage.
"""
