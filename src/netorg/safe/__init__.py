"""What keeps hostile input harmless, shared by every room that reads or writes for people: CSV
cells no spreadsheet runs and terminal text that cannot drive the terminal (`text`), XML without
DTDs, hence without entity bombs or external entities (`xmlguard`).

May import: the shared top-level modules only; never a feature subpackage.
"""
