"""Case data as people type it: the spreadsheet template (`template`, `workbook`), reading CSV
folders and workbooks into a graph (`read`) or straight to N-Triples (`stream`), writing a graph
back to them (`write`), the controlled values read from the ontology (`codes`), what the user
names on the command line turned into one graph of case studies, RDF or spreadsheet (`inputs`),
and where each case and its parts were read, beside the graph (`origins`).

May import: `netorg.rdf`, `netorg.safe` and the shared top-level modules.
"""
