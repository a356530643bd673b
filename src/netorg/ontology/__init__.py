"""The ontology's own quality: `netorg check`'s SPARQL hygiene checks (`check`), the HermiT
reasoner through owlready2 (`reasoner`), the OWL API's OWL 2 DL profile check and its Java helper
(`profile`, `java/Check.java`), and the OWL snapshot of a classified case that lets HermiT confirm
the SHACL rules (`snapshot`).

May import: `netorg.shacl`, `netorg.sheets`, `netorg.rdf` and the shared top-level modules.
"""
