"""The lumped thermal model from Python: the same numbers as the CLI, the
temperature and heat columns, and the refusals (docs/thermal.md)."""

import math

import numpy as np
import pytest

import cellforge


def test_lumped_matches_cli(cli):
    ref = cli("--thermal", "lumped", "--crate", "2", "--mesh", "8")
    sol = cellforge.simulate(thermal="lumped", crate=2, mesh=8)
    assert sol.thermal == "lumped" and ref["thermal"] == "lumped"
    for key in ("final_temperature_C", "max_temperature_C", "capacity_Ah", "final_voltage_V"):
        assert math.isclose(getattr(sol, key), ref[key], rel_tol=1e-9), (key, getattr(sol, key), ref[key])
    assert sol.temperature[0] == pytest.approx(25.0)
    assert sol.final_temperature_C == pytest.approx(sol.temperature[-1])
    assert sol.max_temperature_C == pytest.approx(float(np.max(sol.temperature)))
    assert sol["temperature_C"] is sol.temperature
    assert sol["Volume-averaged cell temperature [C]"] is sol.temperature
    # the sources add up to the total (the DFN's discrete energy balance)
    parts = (sol.heat_ohmic_solid + sol.heat_ohmic_electrolyte + sol.heat_reaction + sol.heat_reversible
             + sol.heat_collector)
    # (to the solver tolerance: within 0.3 % at the default rtol 1e-6; tests/test_thermal.c: 1e-8 at 1e-10)
    assert np.allclose(parts, sol.heat_total, rtol=1e-2, atol=1e-3)
    assert np.all(sol.heat_total[1:] > 0)
    assert sol.summary()["max_temperature_C"] == sol.max_temperature_C


def test_isothermal_columns():
    sol = cellforge.simulate(crate=1, mesh=6, temperature_C=10)
    assert sol.thermal == "isothermal"
    assert np.allclose(sol.temperature, 10.0)
    assert np.all(sol.heat_total == 0)


def test_simulation_reuses_lumped_plan():
    sim = cellforge.Simulation(thermal="lumped", mesh=6, model="spme")
    a = sim.solve(crate=1)
    b = sim.solve(crate=1)  # each solve starts from the initial state, 25 degC
    assert a.final_temperature_C == pytest.approx(b.final_temperature_C, rel=1e-12)
    assert a.temperature[0] == pytest.approx(25.0)


def test_refusals():
    with pytest.raises(cellforge.InvalidInputError, match="allowed: isothermal, lumped"):
        cellforge.simulate(thermal="x-full")


def test_through_cell_matches_cli(cli):
    ref = cli("--thermal", "x", "--crate", "2", "--mesh", "8")
    sol = cellforge.simulate(thermal="x", crate=2, mesh=8)
    assert sol.thermal == "x" and ref["thermal"] == "x"
    for key in ("final_temperature_C", "max_temperature_C", "capacity_Ah", "final_voltage_V"):
        assert math.isclose(getattr(sol, key), ref[key], rel_tol=1e-9), (key, getattr(sol, key), ref[key])
    # the mean, the hottest point and the layers: the hottest is at least the mean
    assert np.all(sol.temperature_max >= sol.temperature - 1e-12)
    assert sol.max_temperature_C == pytest.approx(float(np.max(sol.temperature_max)))
    layers = (sol.temperature_negative_collector, sol.temperature_negative, sol.temperature_separator,
              sol.temperature_positive, sol.temperature_positive_collector)
    assert all(np.all(layer <= sol.temperature_max + 1e-12) for layer in layers)
    assert sol["temperature_separator_C"] is sol.temperature_separator
    assert sol.temperature[-1] > 35


def test_through_cell_refusals():
    with pytest.raises(cellforge.InvalidInputError, match="DFN only"):
        cellforge.simulate(thermal="x", model="spme", mesh=6)


def test_temperature_stops():
    # a step ends where the cell reaches a temperature; a cooling rest waits for it
    sol = cellforge.simulate(thermal="lumped", model="spm", protocol="Discharge at 3C until 40 oC; Rest until 30 oC")
    assert sol.max_temperature_C == pytest.approx(40.0, abs=1e-3)
    assert sol.final_temperature_C == pytest.approx(30.0, abs=1e-3)
    with pytest.raises(cellforge.InvalidInputError, match="thermal lumped"):
        cellforge.simulate(model="spm", protocol="Rest until 30 oC")
