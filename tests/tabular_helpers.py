"""Build spreadsheet sources (CSV folders and workbooks) for the tabular tests."""

from __future__ import annotations

import copy
from pathlib import Path

from netorg.safe.text import SafeWriter
from netorg.sheets.read import SHEETS

# A valid source: two cases, with French values, sources, blanks and a multi-line name.
BASE: dict[str, list[dict[str, str]]] = {
    "cases": [
        {"case_id": "valley", "name": "Vallée, \"test\"", "country": "FR", "region": "Savoie",
         "sector": "décolletage", "nace": "25.62", "initiative": "actors",
         "declared_type": "système productif local", "founded": "1900", "lat": "46.07",
         "lon": "6.58", "source": "https://example.org/s1 | A citation, with a comma"},
        {"case_id": "pole", "name": "Pôle\nsur deux lignes", "country": "ma",
         "initiative": "unknown", "declared_type": "pôle de compétitivité"},
        {"case_id": "solo", "name": "A case with nothing else", "initiative": "public"},
    ],
    "members": [
        {"case_id": "valley", "member_id": "acme", "name": "Acme", "type": "entreprise",
         "size": "petite", "employees": "45", "pivot": "oui", "from": "1950",
         "source": "https://example.org/m1"},
        {"case_id": "valley", "member_id": "uni", "name": "Université X", "type": "université",
         "pivot": "non", "from": "2006", "to": "2010"},
        {"case_id": "pole", "member_id": "acme", "name": "Acme Maroc", "type": "firm",
         "size": "unknown", "employees": "1 200", "pivot": "no"},
        {"case_id": "pole", "member_id": "etat", "name": "Ministère", "type": "État"},
        {"case_id": "pole", "member_id": "agency", "name": "Agence",
         "type": "agence de développement"},
    ],
    "relations": [
        {"case_id": "valley", "source_member": "acme", "target_member": "uni",
         "type": "R&D conjointe", "formal": "oui", "market": "inconnu"},
        {"case_id": "valley", "source_member": "uni", "target_member": "acme",
         "type": "sous-traitance", "formal": "no", "market": "yes",
         "source": "Interview, 2010"},
        {"case_id": "pole", "source_member": "etat", "target_member": "acme",
         "type": "cooperation"},
    ],
    "recognitions": [
        {"case_id": "valley", "label": "SPL", "authority": "DATAR", "level": "État",
         "from": "1999", "to": "2004"},
        {"case_id": "pole", "label": "Cluster", "authority": "Ministère", "level": "région",
         "from": "2011"},
    ],
}


def base() -> dict[str, list[dict[str, str]]]:
    return copy.deepcopy(BASE)


def header(sheet: str) -> list[str]:
    return [column.name for column in SHEETS[sheet]]


def write_csv(folder: Path, data: dict[str, list[dict[str, str]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, rows in data.items():
        names = header(sheet)
        names += [k for row in rows for k in row if k not in names]
        with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = SafeWriter(handle)  # the CSV convention: a formula-like cell gets a "'"
            writer.writerow(names)
            writer.writerows([row.get(n, "") for n in names] for row in rows)
    return folder


def write_xlsx(path: Path, data: dict[str, list[dict[str, str]]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet, rows in data.items():
        ws = book.create_sheet(sheet)
        names = header(sheet)
        ws.append(names)
        for row in rows:
            ws.append([row.get(n, "") or None for n in names])
            for cell in ws[ws.max_row]:
                cell.data_type = "s" if cell.value is not None else cell.data_type
    book.save(path)
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file under `folder`."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
