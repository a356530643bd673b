"""The indicators, criteria and successive aggregation against values computed by hand on a
register of three communes (tests/diagnose_helpers.py)."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest

from diagnose_helpers import fixture
from netorg.diagnose.model import model
from netorg.diagnose.run import expression


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    frame = ibis.duckdb.connect().execute(expression(fixture(), model()))
    return frame.set_index(["unit", "activity"]).sort_index()


def test_location_quotients_and_focus(table):
    # E = 30, E(ind) = 12; c1: 8 of 10 -> (8 * 30) / (10 * 12) = 2
    assert table.loc[("c1", "ind"), "lq"] == 2.0
    assert table.loc[("c2", "ind"), "lq"] == 0.25
    assert table.loc[("c3", "ind"), "lq"] == 0.75
    assert table.loc[("c1", "ind"), "focus"] == 0.8
    # within P1 (c1 + c2: 9 of 20): (8 * 20) / (10 * 9)
    assert table.loc[("c1", "ind"), "lq_parent"] == pytest.approx(16 / 9, abs=0, rel=1e-15)
    # provinces are sums of their communes
    assert table.loc[("P1", "ind"), "establishments"] == 9
    assert table.loc[("P1", "ind"), "lq"] == pytest.approx(9 * 30 / (20 * 12), rel=1e-15)


def test_mix_indices(table):
    # c1 shares 0.8 / 0.2 against 0.4 / 0.6: Krugman 0.4 + 0.4; HHI 0.64 + 0.04
    assert table.loc[("c1", "ind"), "krugman"] == pytest.approx(0.8, rel=1e-15)
    assert table.loc[("c1", "com"), "krugman"] == pytest.approx(0.8, rel=1e-15)
    assert table.loc[("c1", "ind"), "hhi"] == pytest.approx(0.68, rel=1e-15)
    assert table.loc[("X", "ind"), "krugman"] == 0.0


def test_profile_indicators(table):
    row = table.loc[("c1", "ind")]
    assert row["sme_share"] == 0.9 and row["large_share"] == 0.1
    assert row["founded_before_1981"] == 0.5 and row["founded_before_1956"] == 0.2
    assert row["support"] == 40.0  # 100 x (3 + 1) / 10
    assert row["mean_size"] == 4.0  # 40 jobs / 10 sized establishments
    assert row["density"] == 8.0  # 1000 x 8 / 1000 inhabitants
    assert row["profile_scope"] == "unit"
    assert table.loc[("X", "ind"), "density"] == pytest.approx(1000 * 12 / 3500, rel=1e-15)


def test_criteria_from_the_ontology(table):
    c1, c2 = table.loc[("c1", "ind")], table.loc[("c2", "ind")]
    # LQ 2 reaches the specialisation threshold of 2 exactly; 0.25 does not
    assert c1["met_specialisation_star"] and not c2["met_specialisation_star"]
    # top 10 % of 3 communes: only the first (fewer than 0.3 units rank above it)
    assert c1["met_size_star"] and not c2["met_size_star"]
    assert c1["stars"] == 3 and c1["candidate"] and not c2["candidate"]
    # 0.9 SME against the country's 29/30: weaker fabric; 5/10 old against 6/30: deeper history
    assert not c1["met_sme_fabric"] and c1["met_historical_depth"]
    # large share 0.1 against 1/30: at least twice the country -> firm-network hint
    assert c1["met_large_establishments"] and c1["hint"] == "firm_network"
    assert pd.isna(c2["hint"])


def test_thresholds_are_read_from_the_ontology(monkeypatch):
    """Lowering the specialisation threshold in the ontology's data changes the verdict."""
    from dataclasses import replace

    m = model()
    lowered = tuple(replace(c, threshold=0.7) if c.code == "specialisation_star" else c
                    for c in m.criteria)
    frame = ibis.duckdb.connect().execute(expression(fixture(), replace(m, criteria=lowered)))
    frame = frame.set_index(["unit", "activity"])
    assert frame.loc[("c3", "ind"), "met_specialisation_star"]
    assert m.sme_ceiling("MA") == 200 and m.sme_ceiling("FR") == 250


def test_candidates_climb_while_the_parent_is_marked():
    from diagnose_helpers import UNITS_CHAIN, X_CHAIN
    from netorg.diagnose.aggregate import territories

    con = ibis.duckdb.connect()
    out = con.execute(territories(ibis.memtable(X_CHAIN), ibis.memtable(UNITS_CHAIN), model()))
    out = out.set_index("unit")
    # a and b are marked and share the marked province P, whose region R is not marked
    assert out.loc["a", "territory"] == "P" and out.loc["b", "territory"] == "P"
    assert out.loc["a", "territory_level"] == "province" and out.loc["a", "members"] == 2
    # P's LQ (3.0) is higher than a's (2.5): the concentration is clearest at the province
    assert out.loc["a", "clearest_level"] == "province"
    # c is marked but its parent Q is not: it stays on its own
    assert out.loc["c", "territory"] == "c" and out.loc["c", "members"] == 1
    assert pd.isna(out.loc["d", "territory"]) and out.loc["d", "members"] == 0


def _sized_facts(m):
    from pathlib import Path

    from netorg.diagnose.register import facts

    fixtures = Path(__file__).parent / "fixtures" / "diagnose"
    mapping = {"id": "siret", "unit": "commune", "activity": "naf", "size_class": "tranche",
               "founded": "creation"}
    return facts([fixtures / "register_sizes.csv", fixtures / "units.csv"], m, mapping, "FR",
                 "sirene")


def test_a_threshold_inside_a_band_leaves_the_figure_unknown():
    """The bands are the ontology's: move the SIRENE limit at 50 to 40 and the large-establishment
    threshold (50 jobs) falls inside the 40-99 band, so the large counts become unknown while the
    SME counts, whose ceiling is still a limit, stay."""
    import rdflib

    from netorg.diagnose.model import NETORG, build, model

    cells = _sized_facts(model()).cells.to_pandas().set_index(["unit", "activity"])
    assert cells.loc[("c1", "25.62"), "large"] == 3 and cells.loc[("c1", "25.62"), "sme"] == 7

    g = rdflib.Graph()
    g += model().graph
    g.set((NETORG.SireneTranche12, NETORG.jobsBelow, rdflib.Literal(40)))
    g.set((NETORG.SireneTranche21, NETORG.jobsFrom, rdflib.Literal(40)))
    moved = _sized_facts(build(g))
    cells = moved.cells.to_pandas().set_index(["unit", "activity"])
    assert cells["large"].isna().all()
    assert cells.loc[("c1", "25.62"), "sme"] == 7 and cells.loc[("c1", "25.62"), "sized"] == 8
    assert moved.profile.to_pandas()["large"].isna().all()


def test_jobs_win_over_the_band_and_a_band_only_row_leaves_jobs_unknown(tmp_path):
    """A register with both columns: a row's jobs size it when given (300 jobs in tranche 01 is
    large, not an SME), else its band; a cell with a band-only row has no jobs total."""
    import shutil
    from pathlib import Path

    from netorg.diagnose.register import facts

    fixtures = Path(__file__).parent / "fixtures" / "diagnose"
    register = tmp_path / "register.csv"
    register.write_text("siret,commune,naf,effectif,tranche\n"
                        "e1,c1,25.62,3,\ne2,c1,25.62,,32\ne3,c2,47.11,300,01\n", encoding="utf-8")
    shutil.copy(fixtures / "units.csv", tmp_path / "units.csv")
    mapping = {"id": "siret", "unit": "commune", "activity": "naf", "jobs": "effectif",
               "size_class": "tranche"}
    got = facts([register, tmp_path / "units.csv"], model(), mapping, "FR", "sirene")
    cells = got.cells.to_pandas().set_index(["unit", "activity"])
    c1, c2 = cells.loc[("c1", "25.62")], cells.loc[("c2", "47.11")]
    assert (c1["sized"], c1["sme"], c1["large"]) == (2, 1, 1) and pd.isna(c1["jobs"])
    assert (c2["sized"], c2["sme"], c2["large"], c2["jobs"]) == (1, 0, 1, 300)
    profile = got.profile.to_pandas().set_index("unit")
    assert pd.isna(profile.loc["c1", "jobs"]) and profile.loc["c2", "jobs"] == 300
