"""The Python face: arrays, cycles, cells, pandas and plots."""

import math
import os

import numpy as np
import pytest

import cellforge


def test_solution_arrays():
    sol = cellforge.simulate(model="spm", crate=1)
    n = len(sol)
    assert n > 50
    for name in ("t", "current", "voltage", "capacity", "energy"):
        a = getattr(sol, name)
        assert a.dtype == np.float64 and a.shape == (n,) and np.isfinite(a).all()
    assert sol.step.dtype == np.int64 and sol.cycle.dtype == np.int64
    assert np.all(np.diff(sol.t) > 0)
    # constant current: I = 1C = nominal capacity in A, Q = I t
    assert np.allclose(sol.current, 5.0)
    assert np.allclose(sol.capacity, 5.0 * sol.t / 3600.0, rtol=1e-9)
    # energy is the integral of V dQ (trapezoids on the solver's rows)
    e = np.sum(0.5 * (sol.voltage[1:] + sol.voltage[:-1]) * np.diff(sol.capacity))
    assert math.isclose(sol.energy[-1], e, rel_tol=1e-3)
    assert sol["Voltage [V]"] is sol.voltage and np.array_equal(sol["Time [h]"], sol.t / 3600)
    assert sol["voltage_V"] is sol.voltage
    with pytest.raises(KeyError):
        sol["Nope"]
    assert sol.summary()["capacity_Ah"] == sol.capacity_Ah
    assert sol.solver_stats["steps"] > 0 and sol.solve_time_ms > 0


def test_higher_rate_gives_less_capacity():
    caps = [cellforge.simulate(model="dfn", mesh=10, crate=c).capacity_Ah for c in (0.5, 1, 2)]
    assert caps[0] > caps[1] > caps[2]


def test_output_dt_gives_uniform_rows():
    sol = cellforge.simulate(model="spm", output_dt=60)
    assert np.allclose(np.diff(sol.t)[:-1], 60.0)


def test_pybamm_style_protocol_list_and_cycles():
    steps = [("Discharge at 1C until 3.3 V", "Rest for 10 minutes", "Charge at 1C until 4.1 V")] * 2
    sol = cellforge.simulate(model="spm", protocol=steps)
    assert len(sol.cycles) == 2  # each tuple is one cycle, as in pybamm.Experiment
    c0 = sol.cycles[0]
    assert set(c0) == {"cycle", "charge_Ah", "discharge_Ah", "charge_Wh", "discharge_Wh", "coulombic_efficiency",
                       "energy_efficiency", "duration_s", "min_voltage_V", "max_voltage_V", "lli_pct",
                       "lam_neg_pct", "lam_pos_pct", "sei_thickness_m", "li_sei_Ah", "plated_li_Ah", "dead_li_Ah",
                       "crack_length_neg_m", "crack_length_pos_m", "crack_sei_thickness_m", "li_crack_sei_Ah"}
    assert c0["cycle"] == 1 and sol.cycles[1]["cycle"] == 2  # numbered from 1, as every output
    assert 3.3 - 1e-6 <= c0["min_voltage_V"] and c0["max_voltage_V"] <= 4.1 + 1e-6
    # charge and discharge in the cycle match the arrays
    q = sol.capacity[sol.cycle == 1]
    assert math.isclose(c0["discharge_Ah"] - c0["charge_Ah"], q[-1] - q[0], rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(c0["coulombic_efficiency"], c0["discharge_Ah"] / c0["charge_Ah"], rel_tol=1e-12)
    assert math.isclose(c0["energy_efficiency"], c0["discharge_Wh"] / c0["charge_Wh"], rel_tol=1e-12)
    # charging takes place at a higher voltage than the 3.3 V the discharge ended at
    assert c0["charge_Wh"] / c0["charge_Ah"] > 3.3
    assert set(np.unique(sol.cycle)) == {1, 2}
    no_charge = cellforge.simulate(model="spm", protocol="Discharge at 1C until 3 V")
    assert no_charge.cycles[0]["coulombic_efficiency"] is None  # undefined, as null in the CLI's JSON


def test_protocol_file(tmp_path, source_dir):
    p = tmp_path / "p.txt"
    p.write_text("repeat 2 {\n  Discharge at 2C for 5 minutes\n  Rest for 5 minutes\n}\n")
    sol = cellforge.simulate(model="spm", protocol=p)
    assert len(sol.cycles) == 2
    assert math.isclose(sol.capacity_Ah, 2 * 2 * 5.0 * 300 / 3600, rel_tol=1e-9)
    drive = source_dir / "tests" / "data" / "protocol" / "drive_current.csv"
    dsol = cellforge.simulate(model="spm", soc=0.5, drive_cycle=drive)
    assert dsol.duration_s == pytest.approx(40.0)
    # rows (0,0) (10,5) (20,-2) (40,1) A: net trapezoids 25 + 15 - 10 = 30 A s;
    # discharged only (the positive parts): 25 + 0.5*5*50/7 + 0.5*1*20/3 A s.
    # The counters integrate each solver step exactly for linear ramps, so
    # the net charge carries only the solver's own current error. The
    # discharged part splits each row interval where the current changes
    # sign inside it, as a linear ramp.
    assert dsol.capacity[-1] == pytest.approx(30 / 3600, rel=1e-6)
    assert dsol.capacity_Ah == pytest.approx((25 + 125 / 7 + 10 / 3) / 3600, rel=1e-5)


def test_cell_parameters_read_and_set():
    cell = cellforge.Cell.builtin("chen2020")
    assert cell.name == "chen2020" and cell.nominal_capacity_Ah == 5.0
    assert cell.negative.thickness_m == 85.2e-6 and cell.separator.thickness_m == 12e-6
    assert cell.temperature_K == 298.15 and cell.voltage_min_V == 2.5
    assert cell.negative.ocp == "graphite_chen2020"
    assert math.isclose(cell.negative.initial_stoichiometry, 29866 / 33133)
    cell.negative.initial_stoichiometry = 0.5
    assert cell.negative.initial_concentration_mol_m3 == 0.5 * 33133
    other = cell.copy()
    other.negative.thickness_m = 1e-5
    assert cell.negative.thickness_m == 85.2e-6  # independent
    assert "thickness_m" in cellforge.Electrode.parameter_names()
    assert dict(cell.separator) == {"thickness_m": 12e-6, "porosity": 0.47, "bruggeman_electrolyte": 1.5}
    assert "chen2020" in cellforge.builtin_cells()
    # cells(): one entry per built-in, in the same order, each loadable with its capacity
    listed = cellforge.cells()
    assert [c["name"] for c in listed] == cellforge.builtin_cells()
    for c in listed:
        assert c["chemistry"] and c["format"] and c["source"]
        lo, hi = c["voltage_cutoffs_V"]
        assert 0 < lo < hi
        assert cellforge.Cell.builtin(c["name"]).nominal_capacity_Ah == c["nominal_capacity_Ah"] > 0
    by_name = {c["name"]: c for c in listed}
    assert by_name["prada2013"]["voltage_cutoffs_V"] == (2.0, 3.6) and "LiFePO4" in by_name["prada2013"]["chemistry"]
    fns = {f["name"]: f for f in cellforge.material_functions()}
    assert fns["graphite_chen2020"]["role"] == "ocp" and "Chen" in fns["graphite_chen2020"]["source"]
    assert fns["nyman2008_conductivity"]["role"] == "electrolyte_conductivity"
    assert fns["nyman2008_diffusivity"]["role"] == "electrolyte_diffusivity"


def test_thinner_negative_limits_capacity():
    # Halving the negative coating halves its lithium: the cell is
    # negative-limited and discharges less.
    cell = cellforge.Cell.builtin("chen2020")
    base = cellforge.simulate(cell, model="spm", crate=0.2).capacity_Ah
    cell.negative.thickness_m /= 2
    thin = cellforge.simulate(cell, model="spm", crate=0.2).capacity_Ah
    assert thin < 0.6 * base


def test_temperature():
    cell = cellforge.Cell.builtin("chen2020")
    cold = cellforge.simulate(cell, model="spme", temperature_C=0)
    assert cold.temperature_C == pytest.approx(0.0)
    cell.temperature_K = 273.15
    assert cellforge.simulate(cell, model="spme").capacity_Ah == cold.capacity_Ah
    assert cold.capacity_Ah < cellforge.simulate(model="spme").capacity_Ah


def test_material_functions_as_constant_and_table():
    cell = cellforge.Cell.builtin("chen2020")
    ref = cellforge.simulate(cell, model="spme")
    cell.electrolyte.conductivity_S_m = 1.0
    assert cell.electrolyte.conductivity_S_m == 1.0
    assert cellforge.simulate(cell, model="spme").capacity_Ah != ref.capacity_Ah
    # a constant written as a two-point flat table behaves the same
    cell2 = cellforge.Cell.builtin("chen2020")
    cell2.electrolyte.conductivity_S_m = {"x": [0.0, 5000.0], "y": [1.0, 1.0]}
    assert cell2.electrolyte.conductivity_S_m == ((0.0, 5000.0), (1.0, 1.0))
    a = cellforge.simulate(cell, model="spme")
    b = cellforge.simulate(cell2, model="spme")
    assert math.isclose(a.capacity_Ah, b.capacity_Ah, rel_tol=1e-9)
    d = cell2.to_dict()
    assert d["electrolyte"]["conductivity_S_m"] == {"x": [0.0, 5000.0], "y": [1.0, 1.0]}
    assert cellforge.Cell.from_dict(d).to_dict() == d


def test_save_load_round_trip(tmp_path):
    cell = cellforge.Cell.builtin("chen2020")
    cell.name = "mine"
    cell.positive.porosity = 0.3
    cell.save(tmp_path / "mine.json")
    back = cellforge.Cell.load(tmp_path / "mine.json")
    assert back.to_dict() == cell.to_dict() and back.name == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.json"]  # no temporary left


def test_to_pandas_or_clear_import_error():
    sol = cellforge.simulate(model="spm", protocol="Discharge at 1C until 3 V; Charge at 1C until 4 V")
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pip install pandas"):
            sol.to_pandas()
        return
    df = sol.to_pandas()
    assert list(df.columns) == ["time_s", "current_A", "voltage_V", "capacity_Ah", "energy_Wh", "step", "cycle",
                                "negative_potential_V", "positive_potential_V", "positive_li_o", "li_metal_Ah",
                                "reservoir_li_Ah", "alloyed_li_Ah"]
    assert len(df) == len(sol)
    cyc = sol.cycles_to_pandas()
    assert len(cyc) == 2 and math.isnan(cyc["coulombic_efficiency"][0])


def test_plot_or_clear_import_error():
    sol = cellforge.simulate(model="spm")
    try:
        import matplotlib
    except ImportError:
        with pytest.raises(ImportError, match="pip install matplotlib"):
            sol.plot()
        return
    matplotlib.use("Agg")
    fig = sol.plot(kinds=["time", "current"])  # the panels: python/tests/test_plot.py
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 2


def test_version_matches_cmake(source_dir):
    import re

    text = (source_dir / "CMakeLists.txt").read_text()
    assert re.search(r"project\(cellforge VERSION ([0-9.]+)", text).group(1) == cellforge.__version__


def test_integrators_and_linear_solvers_agree():
    # cellforge's BDF and fixed-order LU (defaults) against SUNDIALS IDA and KLU:
    # the same discharge to within the tolerance's reach
    ref = cellforge.simulate(model="dfn", mesh=10, rtol=1e-8)
    for kw in ({"integrator": "ida"}, {"linear_solver": "klu"}, {"integrator": "ida", "linear_solver": "klu"}):
        sol = cellforge.simulate(model="dfn", mesh=10, rtol=1e-8, **kw)
        assert sol.capacity_Ah == pytest.approx(ref.capacity_Ah, rel=1e-6), kw
        assert sol.duration_s == pytest.approx(ref.duration_s, rel=1e-6), kw
    sim = cellforge.Simulation(model="spm", integrator="ida", linear_solver="klu")
    assert sim.solve().capacity_Ah == pytest.approx(cellforge.simulate(model="spm").capacity_Ah, rel=1e-5)


def test_spectral_particles_match_the_cli_and_fine_finite_volumes():
    # the spectral particles with 10 nodes land on the finite volumes' limit
    # (SPM: particles only): closer to 160 shells than 20 shells are
    spec = cellforge.simulate(model="spm", mesh_r=10, discretisation="spectral", rtol=1e-8)
    fine = cellforge.simulate(model="spm", mesh_r=160, rtol=1e-8, discretisation="fv")
    coarse = cellforge.simulate(model="spm", mesh_r=20, rtol=1e-8, discretisation="fv")
    assert abs(spec.capacity_Ah - fine.capacity_Ah) < 0.2 * abs(coarse.capacity_Ah - fine.capacity_Ah)
    assert cellforge.simulate(model="spm").capacity_Ah == pytest.approx(spec.capacity_Ah, rel=1e-5)  # the default
    sim = cellforge.Simulation(model="spm", mesh=10, mesh_r=6, discretisation="spectral")
    assert sim.solve().capacity_Ah == pytest.approx(
        cellforge.simulate(model="spm", mesh=10, mesh_r=6, discretisation="spectral").capacity_Ah, rel=1e-9)
