"""SHACL over the case data: the compiler from SHACL shapes to SPARQL for Oxigraph (`compile`),
validation (`validate`), the SHACL-AF rules that classify each case with its reasons
(`classify`), and the batch path that splits large inputs per case into worker processes
(`batch`), and the findings put back in the cells the user typed (`locate`). pySHACL is the
second engine of both.

May import: `netorg.sheets`, `netorg.rdf` and the shared top-level modules.
"""
