"""Lithium-metal, anode-free and reservoir cells in Python: every cell-file
key reads and writes (load -> save -> load gives the same cell, which
simulates the same, for every example cell), and the process columns."""

import math

import numpy as np
import pytest

import cellforge

EXAMPLE_CELLS = ["chen2020_cell", "chen2020_thin_cell", "hard_carbon_hev_cell", "li_metal_cell", "li_reservoir_cell",
                 "li_reservoir_lmo_cell", "sn_ni_cell"]
PROTOCOL = "Rest for 30 minutes; Charge at C/2 for 20 minutes; Discharge at C/2 for 10 minutes"


@pytest.mark.parametrize("name", EXAMPLE_CELLS)
def test_round_trip_every_example(source_dir, tmp_path, name):
    cell = cellforge.Cell.load(source_dir / "examples" / f"{name}.json")
    cell.save(tmp_path / "back.json")
    back = cellforge.Cell.load(tmp_path / "back.json")
    assert back.to_dict() == cell.to_dict()
    a = cellforge.simulate(cell, protocol=PROTOCOL, mesh=8)
    b = cellforge.simulate(back, protocol=PROTOCOL, mesh=8)
    assert len(a) == len(b)
    assert np.array_equal(a.voltage, b.voltage) and np.array_equal(a.li_metal, b.li_metal)


def test_lithium_metal_keys(source_dir):
    cell = cellforge.Cell.load(source_dir / "examples" / "li_metal_cell.json")
    neg = cell.negative
    assert neg.type == "lithium_metal" and neg.plating_efficiency == 0.99 and neg.lithium_mol_m2 == 0
    assert neg.phases == ()
    d = cell.to_dict()["negative"]
    assert d == {"type": "lithium_metal", "lithium_mol_m2": 0.0, "exchange_current_A_m2": 70.6,
                 "plating_efficiency": 0.99}
    with pytest.raises(cellforge.InvalidInputError, match="no particles"):
        neg.porosity = 0.3
    with pytest.raises(cellforge.InvalidInputError, match="cannot become porous"):
        neg.type = "porous"
    neg.lithium_mol_m2 = -1
    with pytest.raises(cellforge.InvalidInputError, match="lithium_mol_m2"):
        cell.validate()
    # a porous negative turned lithium metal drops its particles
    c = cellforge.Cell.builtin("chen2020")
    c.negative.type = "lithium_metal"
    assert c.negative.phases == () and c.negative.plating_efficiency == 0.9925
    with pytest.raises(cellforge.InvalidInputError, match="only the negative"):
        c.positive.type = "lithium_metal"


def test_reservoir_and_plating_keys(source_dir):
    cell = cellforge.Cell.load(source_dir / "examples" / "li_reservoir_cell.json")
    r = cell.reservoir
    assert r is not None and math.isclose(r.lithium_mol, 0.098048) and r.area_m2 == 1e-4
    assert cell.positive.li_o_at_full == 1.0
    assert cell.to_dict()["reservoir"]["connected_to"] == "positive"
    r.path_length_m = 1e-3
    assert "path_length_m" in cell.to_dict()["reservoir"] and "ionic_resistance_ohm" not in cell.to_dict()["reservoir"]
    cell.remove_reservoir()
    assert cell.reservoir is None and "reservoir" not in cell.to_dict()
    c = cellforge.Cell.builtin("chen2020")
    assert c.negative.plating_exchange_current_A_m2 is None
    c.negative.plating_exchange_current_A_m2 = 2.0
    d = c.to_dict()
    assert d["negative"]["plating_exchange_current_A_m2"] == 2.0
    assert cellforge.Cell.from_dict(d).negative.plating_exchange_current_A_m2 == 2.0
    c.add_reservoir(lithium_mol=0.01, area_m2=1e-3)
    assert cellforge.Cell.from_dict(c.to_dict()).reservoir.lithium_mol == 0.01


def test_process_columns(source_dir):
    cell = cellforge.Cell.load(source_dir / "examples" / "li_reservoir_cell.json")
    sol = cellforge.simulate(cell, protocol="Rest for 2 hours; Charge at C/10 for 1 hour", mesh=8)
    # the reservoir's lithium goes into the positive at rest, then plates on the copper
    rest = sol.step == 1
    assert sol.positive_li_o[0] == pytest.approx(0.5) and sol.positive_li_o[rest][-1] == pytest.approx(0.75, abs=1e-3)
    assert sol.reservoir_li[0] > 2.6 and sol.reservoir_li[-1] < 1e-3
    assert sol.li_metal[0] == 0 and sol.li_metal[-1] > 0.3
    assert np.all(np.isfinite(sol.positive_potential)) and np.all(np.isfinite(sol.negative_potential))
    assert sol["positive_potential_V"] is sol.positive_potential
    v = sol.positive_potential - sol.negative_potential
    assert np.max(np.abs(v[rest] - sol.voltage[rest])) < 0.05  # at rest the cell voltage is their difference
