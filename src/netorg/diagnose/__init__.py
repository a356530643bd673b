"""Territorial diagnosis, the first of the paper's twelve steps: find candidate networks in
establishment statistics, ideally from the commune up by successive aggregation (section 3 of
Marghich & Errabih, 2016), and hand them to the knowledge base as candidates to audit.

What is computed and decided is data in `ontology/parts/diagnosis.ttl` (`model` reads it); the
figures come from the bundled HCP 2024 census (`census`) or from an establishment register with a
column mapping (`register`), checked row by row. The indicators are Ibis expressions (`indicators`),
run by DuckDB, Spark or any engine Ibis reaches (`backends`), on units and activities numbered
for the time of the computation (`keys`); the criteria and rules are evaluated
in the same expressions (`criteria`), the units are merged level by level (`aggregate`), the
sentences are written in French or English (`reasons`), and candidates become case studies of the
spreadsheet template (`cases`). `run.diagnose` ties them together.

May import: `netorg.sheets`, `netorg.rdf` and the shared top-level modules.
"""

import sys
from types import ModuleType


class _CallableModule(ModuleType):
    """`netorg.diagnose(...)` runs the diagnosis although `netorg.diagnose` is this package."""

    def __call__(self, *args, **kwargs):
        from netorg.diagnose.run import diagnose

        return diagnose(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
