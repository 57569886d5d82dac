"""Blended electrodes (several active materials) from Python."""

import math

import pytest

import cellforge


def split_in_two(cell: cellforge.Cell, side: str) -> None:
    """Makes `side` a blend of two copies of its material, each with half the volume fraction."""
    e = getattr(cell, side)
    half = e.active_volume_fraction / 2
    e.active_volume_fraction = half
    p = e.add_phase(0)
    p.material = "copy"
    assert len(e.phases) == 2 and e.phases[1].active_volume_fraction == half


def test_two_identical_halves_behave_as_one_material():
    # The same particles split into two equal populations carry half the
    # current each: the cell cannot tell (known answer, up to solver tolerance).
    single = cellforge.simulate(model="dfn", mesh=10, crate=1, rtol=1e-8)
    cell = cellforge.Cell.builtin("chen2020")
    split_in_two(cell, "positive")
    blend = cellforge.simulate(cell, model="dfn", mesh=10, crate=1, rtol=1e-8)
    assert math.isclose(blend.capacity_Ah, single.capacity_Ah, rel_tol=1e-5)
    assert math.isclose(blend.energy_Wh, single.energy_Wh, rel_tol=1e-5)


def test_blend_parameters_and_flat_access():
    cell = cellforge.Cell.builtin("chen2020")
    assert cell.negative.ocp == "graphite_chen2020" and cell.negative.material == "graphite"
    split_in_two(cell, "negative")
    neg = cell.negative
    assert neg.phases[1].ocp == "graphite_chen2020"
    with pytest.raises(cellforge.InvalidInputError, match=r"blend of 2 materials: use negative.phases\[i\].ocp"):
        neg.ocp  # noqa: B018
    neg.phases[1].particle_radius_m = 2e-6
    assert neg.phases[1].particle_radius_m == 2e-6 and neg.phases[0].particle_radius_m == 5.86e-6
    neg.phases[1].active_volume_fraction = 0.6  # 0.375 + 0.6 + 0.25 > 1
    with pytest.raises(cellforge.InvalidInputError) as info:
        cell.validate()
    assert info.value.where == "negative.porosity+active_volume_fraction"
    neg.phases[1].active_volume_fraction = 0.375
    neg.phases[1].initial_concentration_mol_m3 = 1e5
    with pytest.raises(cellforge.InvalidInputError) as info:
        cell.validate()
    assert info.value.where == "negative.phases[1].initial_concentration_mol_m3"
    neg.remove_phase(1)
    assert len(neg.phases) == 1 and neg.ocp == "graphite_chen2020"
    with pytest.raises(cellforge.InvalidInputError, match="at least one"):
        neg.remove_phase(0)
    with pytest.raises(IndexError):
        neg.add_phase(3)  # no phase 3 to copy
    with pytest.raises(IndexError):
        neg.add_phase(-1)
    for _ in range(3):
        neg.add_phase(0)
    with pytest.raises(cellforge.InvalidInputError, match="at most 4"):
        neg.add_phase(0)


def test_blend_file_round_trip_and_cli(cli, tmp_path):
    cell = cellforge.Cell.builtin("chen2020")
    split_in_two(cell, "positive")
    cell.positive.phases[1].particle_radius_m = 3e-6
    cell.positive.phases[1].ocp = {"x": [0.0, 0.5, 1.0], "y": [4.4, 3.9, 3.4]}
    d = cell.to_dict()
    assert "phases" in d["positive"] and "ocp" not in d["positive"]
    assert "phases" not in d["negative"] and d["negative"]["material"] == "graphite"
    assert cellforge.Cell.from_dict(d).to_dict() == d
    cell.save(tmp_path / "blend.json")
    ref = cli("--cell", str(tmp_path / "blend.json"), "--model", "spme", "--crate", "1")
    sol = cellforge.simulate(cell, model="spme", crate=1)
    assert math.isclose(sol.capacity_Ah, ref["capacity_Ah"], rel_tol=1e-9)
    assert math.isclose(sol.energy_Wh, ref["energy_Wh"], rel_tol=1e-9)
