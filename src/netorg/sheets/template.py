"""The spreadsheet template researchers fill in: an .xlsx workbook or a folder of CSV files.

The workbook has a bilingual `instructions` sheet, one sheet per table with a bold, frozen header
and drop-down lists on the controlled columns, and one worked example. Column meanings come from
the definitions of the properties the columns fill, and the controlled values from the ontology.
"""

from __future__ import annotations

from pathlib import Path

from netorg.atomic import atomic_path, write_text
from netorg.errors import UnusableInput
from netorg.sheets.codes import definitions, term_labels, vocabulary
from netorg.sheets.read import SHEETS, YEARS, Column
from netorg.sheets.workbook import Sheet, choices, workbook, write_csv_folder

EXAMPLE_ID = "example-case"

# One small invented case that shows every sheet filled in; it is not a real case study.
EXAMPLE: dict[str, list[dict[str, str]]] = {
    "cases": [{
        "case_id": EXAMPLE_ID, "name": "EXAMPLE - invented case, delete these rows",
        "country": "FR", "region": "Auvergne-Rhône-Alpes", "sector": "bar-turning (décolletage)",
        "nace": "25.62", "initiative": "actors", "declared_type": "système productif local",
        "governance": "Association Example Décolletage (example)",
        "founded": "1990", "lat": "46.07", "lon": "6.58",
        "source": "https://example.org/invented-source | An invented citation, for the example.",
        "checked": "2026-01-15",
    }],
    "members": [
        {"case_id": EXAMPLE_ID, "member_id": "acme", "name": "Acme Décolletage (example)",
         "type": "firm", "size": "small", "employees": "45", "pivot": "yes", "from": "1990"},
        {"case_id": EXAMPLE_ID, "member_id": "beta", "name": "Beta Usinage (example)",
         "type": "firm", "size": "", "employees": "8", "pivot": "no", "from": "1995"},
        {"case_id": EXAMPLE_ID, "member_id": "uni", "name": "Université Example (example)",
         "type": "university", "pivot": "no", "from": "2006", "to": "2012"},
    ],
    "relations": [
        {"case_id": EXAMPLE_ID, "source_member": "acme", "target_member": "beta",
         "type": "subcontracting", "formal": "yes", "market": "yes"},
        {"case_id": EXAMPLE_ID, "source_member": "acme", "target_member": "uni",
         "type": "joint_rd", "formal": "yes", "market": "unknown"},
    ],
    "recognitions": [
        {"case_id": EXAMPLE_ID, "label": "Système productif local (example)",
         "authority": "DATAR", "level": "state", "from": "1999", "to": "2004"},
    ],
}

def write_template(out: Path, example: bool = True) -> Path:
    """Write the empty template: an .xlsx workbook, or a folder of CSV files plus README.md."""
    out = Path(out)
    refuse_overwrite(out)
    if out.suffix.lower() == ".xlsx":
        book = workbook(_sheets(example), instructions=instruction_rows())
        with atomic_path(out) as tmp:
            book.save(tmp)
    else:
        write_csv_folder(_sheets(example=False), out)
        write_text(out / "README.md", instructions_markdown())
    return out


def refuse_overwrite(out: Path) -> None:
    """The template is empty: written over a filled-in spreadsheet, it would lose the user's rows.

    A CSV folder holding only headers (an earlier template) may be rewritten; anything else that
    the template would replace is `UnusableInput`.
    """
    if out.suffix.lower() == ".xlsx":
        if out.is_dir():
            raise UnusableInput(f"{out}: is a folder, not a file")
        if out.exists():
            raise UnusableInput(f"{out}: exists; the empty template would replace it (remove it "
                                "first or choose another name)")
        return
    readme = out / "README.md"
    if readme.is_file() and not readme.read_text(encoding="utf-8", errors="replace").startswith(
        instructions_markdown().splitlines()[0]
    ):
        raise UnusableInput(f"{readme}: exists and is not the template's; choose another folder")
    for sheet in SHEETS:
        path = out / f"{sheet}.csv"
        if path.is_file() and len(path.read_bytes().strip().splitlines()) > 1:
            raise UnusableInput(f"{path}: holds data rows; the empty template would replace them "
                                "(choose another folder)")


def _sheets(example: bool) -> dict[str, Sheet]:
    sheets: dict[str, Sheet] = {}
    for sheet, columns in SHEETS.items():
        header = [c.name for c in columns]
        rows = [[r.get(n, "") for n in header] for r in EXAMPLE[sheet]] if example else []
        sheets[sheet] = (header, rows)
    return sheets


# -- instructions ----------------------------------------------------------------------------------

INTRO = [
    ("netorg", "Modèle de saisie des études de cas de netorg. Remplissez une ligne par cas, "
     "membre, relation ou reconnaissance ; laissez vide ce que les sources ne disent pas.",
     "netorg case-study template. Fill in one row per case, member, relation or recognition; "
     "leave empty what the sources do not say."),
    ("", "Les valeurs contrôlées s'écrivent par leur code, ou par un libellé français ou anglais "
     "(« entreprise », « sous-traitance », « État »). Plusieurs sources se séparent par ' | '.",
     "Controlled values are written as their code, or as a French or English label "
     "('entreprise', 'sous-traitance', 'État'). Several sources are separated by ' | '."),
    ("", "Les lignes dont case_id vaut 'example-case' sont un exemple inventé : supprimez-les.",
     "Rows whose case_id is 'example-case' are an invented example: delete them."),
    ("", "Import : netorg import CE_FICHIER.xlsx --out cas.ttl ; chaque ligne refusée est "
     "signalée avec sa feuille, sa ligne et sa colonne.",
     "Import: netorg import THIS_FILE.xlsx --out cases.ttl; each rejected row is reported with "
     "its sheet, row and column."),
]


def instruction_rows() -> list[tuple[str, ...]]:
    """The rows of the instructions sheet: intro, every column of every sheet, every value."""
    rows: list[tuple[str, ...]] = [*INTRO, ()]
    for sheet, columns in SHEETS.items():
        rows.append((f"{sheet}", "", ""))
        rows.append(("colonne / column", "signification", "meaning", "valeurs / values"))
        for column in columns:
            fr, en = column_meaning(column)
            rows.append((column.name, fr, en, value_summary(column)))
        rows.append(())
    rows.append(("valeurs / values", "", ""))
    rows.append(("code", "libellé", "label", "colonne / column"))
    for name, used_in in _vocabularies_used().items():
        for term in vocabulary(name).terms:
            rows.append((term.code, term.label("fr"), term.label("en"), used_in))
    return rows


# What to write in each column whose meaning the ontology defines, said for the person filling the
# sheet (the ontology's definitions say what a property is, in the genus-differentia style of a
# vocabulary; these say what to type). The column's name comes first, from the property's label.
GUIDE: dict[str, tuple[str, str]] = {
    "country": ("Le pays du cas, en code ISO à deux lettres (FR, MA, IT) ; il fixe les seuils de "
                "taille des entreprises. Un cas transfrontalier donne le pays de son site "
                "principal et nomme les autres dans region.",
                "The case's country, as its two-letter ISO code (FR, MA, IT); it sets the firms' "
                "size thresholds. A cross-border case gives the country of its main site and "
                "names the others in region."),
    "region": ("La région, la province ou le bassin où se trouve le cas, comme le disent les "
               "sources.", "The region, province or area where the case lies, as the sources "
               "call it."),
    "sector": ("L'activité principale des membres, en quelques mots.",
               "The members' main activity, in a few words."),
    "nace": ("Le code NACE Rév. 2 de cette activité : une division (25), un groupe (25.6) ou une "
             "classe (25.62). La colonne est au format texte : 30.30 reste 30.30.",
             "The NACE Rev. 2 code of that activity: a division (25), a group (25.6) or a class "
             "(25.62). The column is formatted as text: 30.30 stays 30.30."),
    "initiative": ("Qui a lancé la collaboration selon les sources : les acteurs eux-mêmes ou les "
                   "pouvoirs publics.", "Who started the collaboration according to the "
                   "sources: the actors themselves or public authorities."),
    "declared_type": ("Ce que les sources disent que le cas est, dans leurs mots (« cluster », "
                      "« SPL ») : netorg le compare au type qu'il déduit des faits.",
                      "What the sources say the case is, in their own words ('cluster', 'SPL'): "
                      "netorg compares it with the type it derives from the facts."),
    "governance": ("Le nom de l'organisation qui anime et représente le cas (l'association d'un "
                   "pôle, la société de gestion d'une technopole), tel que les sources le donnent.",
                   "The name of the organisation that runs and represents the case (a pôle's "
                   "association, a technopole's management company), as the sources give it."),
    "checked": ("La date à laquelle vous avez vérifié les faits du cas contre ses sources "
                "(AAAA-MM-JJ).",
                "The date on which you last checked the case's facts against its sources "
                "(YYYY-MM-DD)."),
    "founded": ("L'année où, selon les sources, le cas est né.",
                "The year in which, according to the sources, the case was born."),
    "size": ("La classe de taille que les sources donnent à l'entreprise ; laissez vide pour que "
             "netorg la déduise de l'effectif.", "The size class the sources give the firm; "
             "leave empty to let netorg derive it from the headcount."),
    "employees": ("Le nombre de salariés selon les sources, en chiffres (45).",
                  "The number of employees according to the sources, in figures (45)."),
    "source_member": ("Le member_id d'où part la relation (par exemple le donneur d'ordres).",
                      "The member_id the relation starts from (e.g. the principal)."),
    "target_member": ("Le member_id où aboutit la relation (par exemple le sous-traitant).",
                      "The member_id the relation ends at (e.g. the subcontractor)."),
    "type": ("La nature de la relation.", "The nature of the relation."),
    "formal": ("oui quand la relation repose sur un accord écrit ou institué ; vide si les sources "
               "ne le disent pas.", "yes when the relation rests on a written or instituted "
               "agreement; empty when the sources do not say."),
    "market": ("oui quand la relation passe par un échange payant ; vide si les sources ne le "
               "disent pas.", "yes when the relation goes through a paid exchange; empty when "
               "the sources do not say."),
    "label": ("Le nom du label ou du programme, tel que l'autorité l'écrit.",
              "The name of the label or programme, as the authority writes it."),
    "authority": ("L'autorité publique qui a accordé la reconnaissance.",
                  "The public authority that granted the recognition."),
    "level": ("L'échelon territorial de cette autorité.", "The territorial level of that "
              "authority."),
}


def column_meaning(column: Column) -> tuple[str, str]:
    """French and English meaning, for people: the column's own text, else the label of its
    property (from the ontology) and what to write in it."""
    if column.en or column.prop is None:
        return column.fr, column.en
    labels = term_labels(str(column.prop))
    fr, en = GUIDE.get(column.name, ("", ""))
    if not en:  # a column with no guide yet: the ontology's definition, better than nothing
        texts = definitions(str(column.prop))
        fr, en = texts.get("fr", ""), texts.get("en", "")
    return (_titled(labels.get("fr"), fr), _titled(labels.get("en"), en))


def _titled(label: str | None, text: str) -> str:
    return f"{label[:1].upper()}{label[1:]}. {text}" if label else text


def value_summary(column: Column) -> str:
    required = "required / obligatoire. " if column.required else ""
    kinds = {
        "id": "identifier / identifiant",
        "ref": "an identifier of another sheet / un identifiant d'une autre feuille",
        "text": "free text / texte libre",
        "nace": "NACE Rev. 2 code, as text / code NACE Rév. 2, en texte (25, 25.6, 25.62)",
        "country": "ISO 3166-1 alpha-2 (FR, IT, MA, TN, GB, US, ...)",
        "year": f"year / année ({YEARS[0]}-{YEARS[1]})",
        "date": "date / date (YYYY-MM-DD)",
        "count": "whole number / nombre entier >= 0",
        "latitude": "-90 .. 90",
        "longitude": "-180 .. 180",
        "flag": "yes, no, unknown / oui, non, inconnu",
        "sources": "URL or citation / URL ou référence, ' | '",
    }
    if column.kind == "term":
        text = ", ".join(choices(column))
    elif column.kind == "flag" and column.name == "pivot":
        text = "yes, no / oui, non"
    elif column.prop is not None and column.prop.endswith("#naceCode"):
        text = kinds["nace"]
    else:
        text = kinds[column.kind]
    return required + text


def _vocabularies_used() -> dict[str, str]:
    used: dict[str, str] = {}
    for sheet, columns in SHEETS.items():
        for column in columns:
            if column.vocabulary:
                place = f"{sheet}.{column.name}"
                used[column.vocabulary] = f"{used[column.vocabulary]}, {place}" if (
                    column.vocabulary in used
                ) else place
    return used


def instructions_markdown() -> str:
    """The instructions as Markdown, for the README.md beside the CSV template."""
    lines = ["# netorg case-study template / modèle de saisie", ""]
    for _, fr, en in INTRO:
        lines += [f"- {en}", f"  *{fr}*"]
    for sheet, columns in SHEETS.items():
        lines += ["", f"## `{sheet}.csv`", "",
                  "| column | meaning | signification | values / valeurs |", "|---|---|---|---|"]
        for column in columns:
            fr, en = column_meaning(column)
            cells = (en, fr, value_summary(column))
            lines.append(f"| `{column.name}` | " + " | ".join(map(_escape, cells)) + " |")
    lines += ["", "## Controlled values / valeurs contrôlées", "",
              "| code | label | libellé | column / colonne |", "|---|---|---|---|"]
    for name, used_in in _vocabularies_used().items():
        for term in vocabulary(name).terms:
            cells = (term.label("en"), term.label("fr"), used_in)
            lines.append(f"| `{term.code}` | " + " | ".join(map(_escape, cells)) + " |")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("|", "\\|")
