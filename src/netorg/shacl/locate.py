"""Findings in the user's own terms: the cell they typed, and the warnings about the inputs.

Validation findings name a focus node and a path; classification findings name what they are
about. `netorg.sheets.origins` knows which row of which sheet (or which RDF file) each node was
read from; this module puts that location on every finding, and writes the notices that are about
the inputs rather than the data: a case_id read from two inputs, an `--as-of` year no case can be
seen in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from netorg.plural import render

if TYPE_CHECKING:  # pragma: no cover
    from netorg.shacl.classify import ClassificationResult
    from netorg.shacl.validate import ValidationReport
    from netorg.sheets.origins import Location, Origins


@dataclass(frozen=True)
class Notice:
    """A warning about the inputs or the options, in both languages, with where it is."""

    severity: str  # warning
    message_en: str
    message_fr: str
    case: str | None = None
    locations: tuple[Location, ...] = ()

    def message(self, lang: str = "en") -> str:
        return self.message_fr if lang == "fr" else self.message_en

    def to_json(self) -> dict:
        from dataclasses import asdict

        return {"severity": self.severity, "case": self.case, "message_en": self.message_en,
                "message_fr": self.message_fr, "locations": [asdict(p) for p in self.locations]}


def locate_report(report: ValidationReport, origins: Origins) -> ValidationReport:
    """The report with each finding's location: its focus node's row and its path's column."""
    from netorg.sheets.origins import order

    located = [replace(f, location=origins.locate(f.focus, f.path)) for f in report.results]
    # within a case, in the order the user reads the sheets (the report's order breaks ties)
    cases = {f.case: i for i, f in reversed(list(enumerate(located)))}
    report.results = [f for _, f in sorted(enumerate(located), key=lambda pair: (
        cases[pair[1].case], order(pair[1].location), pair[0]))]
    return report


def locate_classification(result: ClassificationResult, origins: Origins) -> ClassificationResult:
    """Each case with its row, and each finding with the row of the fact it rests on (the first
    membership, relation or recognition it is derived from), else of what it is about."""
    for case in result.cases:
        case.location = origins.locate(case.case)
        for name in ("reasons", "conflicts", "missing"):
            findings = getattr(case, name)
            setattr(case, name, [replace(f, location=_finding_location(f, case, origins))
                                 for f in findings])
    return result


def _finding_location(finding, case, origins: Origins) -> Location | None:
    from netorg.sheets.origins import order

    about = origins.locate(finding.about)
    rests_on = [place for node in finding.derived_from
                if (place := origins.locate(node)) is not None and place != case.location]
    if about is not None and about != case.location:
        return about
    return min(rests_on, key=order) if rests_on else about


def duplicate_notices(origins: Origins) -> list[Notice]:
    """A warning for each case_id read from two inputs or more: their facts are merged."""
    from netorg import CASE_NS

    notices = []
    for case_id, places in origins.duplicates():
        where = ", ".join(p.where() for p in places)
        notices.append(Notice(
            "warning",
            f"case_id '{case_id}' comes from {len(places)} inputs ({where}); their facts are "
            "merged into one case: give each case its own case_id, or keep it in one input",
            f"le case_id « {case_id} » vient de {len(places)} entrées ({where}) ; leurs faits "
            "sont fusionnés en un seul cas : donnez à chaque cas son propre case_id, ou gardez-le "
            "dans une seule entrée",
            CASE_NS + case_id, tuple(places)))
    return notices


def as_of_notices(result: ClassificationResult, present: int | None = None) -> list[Notice]:
    """A warning when `--as-of` is before the founding of every case, or after the present."""
    import datetime

    as_of = result.as_of
    if as_of is None:
        return []
    present = present or datetime.date.today().year
    if as_of > present:
        return [Notice(
            "warning",
            f"--as-of {as_of} is after the present year ({present}): memberships and recognitions "
            "with no end year count as still in force",
            f"--as-of {as_of} est postérieur à l'année en cours ({present}) : les adhésions et "
            "reconnaissances sans année de fin comptent comme toujours en vigueur")]
    founded = [case.founded for case in result.cases if case.founded is not None]
    if founded and as_of < min(founded):
        n = len(founded)
        en = ("{n, plural, one {the only case with a founding year was founded in} "
              "other {all # cases with a founding year were founded in or after}}")
        fr = ("{n, plural, one {le seul cas dont l'année de fondation est connue a été fondé en} "
              "other {les # cas dont l'année de fondation est connue ont été fondés en}}")
        return [Notice(
            "warning",
            f"--as-of {as_of} is before every founding year: {render(en, 'en', n=n)} "
            f"{min(founded)}; was another year meant?",
            f"--as-of {as_of} précède toutes les années de fondation : {render(fr, 'fr', n=n)} "
            f"{min(founded)}{' ou après' if n > 1 else ''} ; une autre année était-elle voulue ?")]
    return []
