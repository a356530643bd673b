"""A small register of three communes whose indicators are computed by hand in the tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netorg.diagnose.sources import Facts

UNITS = pd.DataFrame({
    "code": ["X", "R1", "P1", "P2", "c1", "c2", "c3"],
    "name": ["Country", "Region", "Province 1", "Province 2", "One", "Two", "Three"],
    "level": ["country", "region", "province", "province", "commune", "commune", "commune"],
    "parent": [None, "X", "R1", "R1", "P1", "P1", "P2"],
    "population": pd.array([None, None, None, None, 1000, 2000, 500], dtype="Int64"),
})
# establishments by commune and activity: ind 8/1/3 (12), com 2/9/7 (18); 30 in all
CELLS = pd.DataFrame({
    "unit": ["c1", "c1", "c2", "c2", "c3", "c3"],
    "activity": ["ind", "com", "ind", "com", "ind", "com"],
    "establishments": [8, 2, 1, 9, 3, 7],
})


def cells(frame: pd.DataFrame = CELLS) -> pd.DataFrame:
    out = frame.copy()
    for name in ("jobs", "sized", "sme", "large", "dated", "before_1981", "before_1956"):
        out[name] = pd.array([pd.NA] * len(out), dtype="Int64")
    return out


PROFILE = pd.DataFrame({
    "unit": ["c1", "c2", "c3"], "establishments": [10, 10, 10], "jobs": [40, 20, 15],
    "sized": [10, 10, 10], "sme": [9, 10, 10], "large": [1, 0, 0], "dated": [10, 10, 10],
    "before_1981": [5, 1, 0], "before_1956": [2, 0, 0], "public": [3, 1, 1],
    "nonprofit": [1, 0, 1],
}).astype({c: "Int64" for c in ("establishments", "jobs", "sized", "sme", "large", "dated",
                                 "before_1981", "before_1956", "public", "nonprofit")})


def fixture() -> Facts:
    return Facts(units=UNITS, cells=cells(), profile=PROFILE, country="MA", source="fixture",
                 activity_labels={"ind": {"en": "industry", "fr": "industrie"}})


def generated(seed: int = 7, communes: int = 60, activities: int = 12, district: int = 0
              ) -> Facts:
    """A random register in a four-level hierarchy, summed into cells (same shape as a real one).

    `district` more establishments of activity 99.1 go to the communes of cercle k00, so that
    marked units share marked parents and successive aggregation has territories to merge."""
    rng = np.random.default_rng(seed)
    codes = [f"c{i:03d}" for i in range(communes)]
    cercles = [f"k{i % 20:02d}" for i in range(communes)]
    provinces = {f"k{i:02d}": f"p{i % 6}" for i in range(20)}
    regions = {f"p{i}": f"r{i % 2}" for i in range(6)}
    units = pd.concat([
        pd.DataFrame({"code": codes, "level": "commune", "parent": cercles,
                      "population": rng.integers(500, 50_000, communes)}),
        pd.DataFrame({"code": list(provinces), "level": "cercle",
                      "parent": list(provinces.values())}),
        pd.DataFrame({"code": list(regions), "level": "province",
                      "parent": list(regions.values())}),
        pd.DataFrame({"code": ["r0", "r1"], "level": "region", "parent": ["X", "X"]}),
        pd.DataFrame({"code": ["X"], "level": "country", "parent": [None]}),
    ], ignore_index=True)
    units["name"] = units["code"]
    units["population"] = units["population"].astype("Int64")
    n = 5000
    register = pd.DataFrame({
        "unit": rng.choice(codes, n, p=_skew(rng, communes)),
        "activity": rng.choice([f"{a:02d}.1" for a in range(activities)], n,
                               p=_skew(rng, activities)),
        "jobs": np.minimum(rng.zipf(1.8, n), 400), "founded": rng.integers(1930, 2024, n),
    })
    if district:
        home = [code for code, cercle in zip(codes, cercles, strict=True) if cercle == "k00"]
        register = pd.concat([register, pd.DataFrame({
            "unit": np.resize(home, district), "activity": "99.1",
            "jobs": rng.integers(1, 30, district), "founded": rng.integers(1930, 2024, district),
        })], ignore_index=True)
    register = register.assign(
        sized=1, sme=(register.jobs < 200).astype(int), large=(register.jobs >= 50).astype(int),
        dated=1, before_1981=(register.founded < 1981).astype(int),
        before_1956=(register.founded < 1956).astype(int))
    sums = ["jobs", "sized", "sme", "large", "dated", "before_1981", "before_1956"]
    grouped = register.groupby(["unit", "activity"], as_index=False)
    cells_ = grouped[sums].sum().join(grouped.size()["size"].rename("establishments"))
    profile = cells_.groupby("unit", as_index=False)[["establishments", *sums]].sum()
    profile["public"] = pd.array([pd.NA] * len(profile), dtype="Int64")
    profile["nonprofit"] = pd.array([pd.NA] * len(profile), dtype="Int64")
    return Facts(units=units, cells=cells_.astype({c: "Int64" for c in sums}), profile=profile,
                 country="FR", source="generated")


def _skew(rng: np.random.Generator, n: int) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** 1.1
    rng.shuffle(weights)
    return weights / weights.sum()
UNITS_CHAIN = pd.DataFrame({
    "code": ["X", "R", "P", "Q", "a", "b", "c", "d"],
    "level": ["country", "region", "province", "province", "commune", "commune", "commune",
              "commune"],
    "parent": [None, "X", "R", "R", "P", "P", "Q", "Q"],
})
X_CHAIN = pd.DataFrame({
    "unit": ["R", "P", "Q", "a", "b", "c", "d"],
    "activity": ["i"] * 7,
    "level": ["region", "province", "province", "commune", "commune", "commune", "commune"],
    "parent": ["X", "R", "R", "P", "P", "Q", "Q"],
    "lq": [1.0, 3.0, 1.0, 2.5, 2.2, 4.0, 0.5],
    "candidate": [False, True, False, True, True, True, False],
})
