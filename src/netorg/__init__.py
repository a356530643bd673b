"""netorg: the knowledge base of network organisation (districts, SPL, clusters, pôles).

Heavy libraries (rdflib, pyoxigraph, pyshacl, owlready2) are imported lazily so that the
command line starts fast; `netorg.KnowledgeBase` and `netorg.diagnose` are resolved on first
use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

NS = "https://w3id.org/netorg#"
CASE_NS = "https://w3id.org/netorg/case/"
WORK_NS = "https://w3id.org/netorg/work/"
ONTOLOGY_IRI = "https://w3id.org/netorg"

if TYPE_CHECKING:  # pragma: no cover
    from netorg.sparql.kb import KnowledgeBase

__all__ = ["CASE_NS", "NS", "ONTOLOGY_IRI", "WORK_NS", "KnowledgeBase", "__version__",
           "diagnose"]


def __getattr__(name: str) -> Any:
    if name == "KnowledgeBase":
        from netorg.sparql.kb import KnowledgeBase

        return KnowledgeBase
    if name == "diagnose":  # the subpackage, callable: netorg.diagnose(...) returns a DataFrame
        import netorg.diagnose as diagnose

        return diagnose
    raise AttributeError(f"module 'netorg' has no attribute {name!r}")
