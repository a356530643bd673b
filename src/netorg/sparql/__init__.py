"""Asking questions: the query catalogue of `queries/` (`catalogue`), answers as plain rows
(`results`), the embedded Oxigraph store and its cache (`store`), SPARQL 1.1 endpoints
(`endpoint`), and `KnowledgeBase`, the one object a notebook needs (`kb`).

May import: `netorg.shacl`, `netorg.sheets`, `netorg.rdf`, `netorg.safe` and the shared top-level
modules.
"""
