"""The bilingual documentation site, generated from the knowledge base for mkdocs-material: what
it reads (`data`), Markdown helpers (`markdown`), one module per kind of page (`terms`, `cases`,
`queries`, `reference`, `performance`, `corpus`, `diagnosis` and its candidates'
`diagnosis_cases`), the prose of axioms (`axioms`), SVG drawings (`svg`, and the diagnosis's
charts in `diagnosis_charts`), and the build itself (`build`).

May import: `netorg.diagnose`, `netorg.sparql`, `netorg.ontology`, `netorg.shacl`,
`netorg.sheets`, `netorg.rdf` and the shared top-level modules.
"""
