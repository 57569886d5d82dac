"""Stoichiometry-dependent solid diffusivity and swelling electrodes from
Python: the same parameters and outputs as cell files and the CLI."""

import math

import numpy as np
import pytest

import cellforge


def test_diffusivity_function_of_stoichiometry(source_dir, cli):
    bpx = source_dir / "tests" / "data" / "bpx" / "chen2020_ecker_dsto.bpx.json"
    cell = cellforge.Cell.load(bpx)
    assert isinstance(cell.negative.diffusivity_m2_s, str)  # Ecker's expression in x
    sol = cellforge.simulate(cell, model="spm")
    assert sol.capacity_Ah == pytest.approx(cli("--cell", str(bpx), "--model", "spm")["capacity_Ah"], rel=1e-9)
    # a built-in D(sto), a table, and back to a number
    c = cellforge.Cell.builtin("chen2020")
    c.negative.diffusivity_m2_s = "graphite_diffusivity_ecker2015"
    assert c.negative.diffusivity_m2_s == "graphite_diffusivity_ecker2015"
    q_fn = cellforge.simulate(c, model="spm").capacity_Ah
    c.negative.diffusivity_m2_s = ([0.0, 1.0], [3e-14, 3e-14])
    c.negative.diffusivity_m2_s = 3.3e-14
    assert c.negative.diffusivity_m2_s == 3.3e-14
    q_const = cellforge.simulate(c, model="spm").capacity_Ah
    assert q_const == pytest.approx(cellforge.simulate("chen2020", model="spm").capacity_Ah, rel=1e-12)
    assert abs(q_fn - q_const) > 1e-3
    with pytest.raises(cellforge.InvalidInputError):
        c.negative.diffusivity_m2_s = "nyman2008_diffusivity"  # an electrolyte function


def test_thickness_swelling_outputs(source_dir):
    cell = cellforge.Cell.load(source_dir / "examples" / "sn_ni_cell.json")
    cell.negative.porosity = 0.10  # the recipe's solids kept: little pore room
    with pytest.raises(cellforge.Error):
        cellforge.simulate(cell, crate=0.5, mesh=8)  # held thickness: the pores close
    cell.negative.thickness_swelling = 1.0
    sol = cellforge.simulate(cell, crate=0.5, mesh=8)
    assert np.all(np.abs(sol.neg_porosity - 0.10) < 1e-6)
    assert sol["neg_thickness_change_pct"][0] > 20
    assert sol.neg_thickness_change_pct[-1] < sol.neg_thickness_change_pct[0]
    assert not math.isnan(sol.pos_porosity[0])
    with pytest.raises(cellforge.InvalidInputError):
        cell.negative.thickness_swelling = 2.0
        cell.validate()
