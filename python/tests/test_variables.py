"""The model's variables by PyBaMM's names: values against PyBaMM's DFN on
the same mesh, conservation, shapes and grids, errors, partial runs, threads
and the CLI's --variables."""

import json
import math
import subprocess
import os
import threading

import numpy as np
import pytest

import cellforge

REF_FILE = "tests/data/pybamm/dfn_1C_variables.json"


@pytest.fixture(scope="module")
def dfn():
    # rows at 600, 1800, 3000 s (multiples of output_dt) and at the cut-off; PyBaMM's finite volumes and mesh
    return cellforge.simulate("chen2020", model="dfn", crate=1, output_dt=600, discretisation="fv")


def test_values_match_pybamm_dfn(dfn, source_dir):
    ref = json.loads((source_dir / REF_FILE).read_text())
    assert len(ref["values"]) == 4
    for key, row in ref["values"].items():
        k = int(np.argmin(abs(dfn.t - float(key))))
        assert abs(dfn.t[k] - float(key)) < 1e-3 * float(key)  # the cut-off: both codes' own, to 0.1 %
        for name, want in row.items():
            want = np.ravel(np.asarray(want, dtype=float))
            got = np.ravel(dfn[name][k])
            assert got.shape == want.shape, name
            scale = max(float(np.max(abs(want))), 1e-12)
            # measured worst: 3e-4 of the scale (negative interfacial current at the cut-off)
            assert np.max(abs(got - want)) <= 1e-3 * scale, (name, key, np.max(abs(got - want)), scale)


def test_grids_match_pybamm_mesh(dfn, source_dir):
    ref = json.loads((source_dir / REF_FILE).read_text())["grids"]
    v = dfn.variable("Electrolyte concentration [mol.m-3]")
    assert v.domain == "cell" and v.r is None
    np.testing.assert_allclose(v.x, ref["x [m]"], rtol=1e-12, atol=0)
    np.testing.assert_allclose(dfn.variable("Negative particle surface concentration [mol.m-3]").x, ref["x_n [m]"],
                               rtol=1e-12)
    np.testing.assert_allclose(dfn.variable("Positive electrode potential [V]").x, ref["x_p [m]"], rtol=1e-12)
    np.testing.assert_allclose(dfn.variable("X-averaged negative particle concentration [mol.m-3]").r, ref["r_n [m]"],
                               rtol=1e-12)
    p = dfn.variable("Positive particle concentration [mol.m-3]")
    assert p.values.shape == (len(dfn), 20, 20) and p.unit == "mol.m-3"
    np.testing.assert_allclose(p.r, ref["r_p [m]"], rtol=1e-12)


@pytest.mark.parametrize("model", ["spm", "spme", "dfn"])
def test_lithium_is_conserved(model):
    sol = cellforge.simulate(model=model, crate=2, mesh=10)
    total = sol["Total lithium [mol]"]
    assert np.max(abs(total - total[0])) < 1e-9 * total[0]
    particles = sol["Total lithium in particles [mol]"]
    assert np.max(abs(particles - particles[0])) < 1e-9 * particles[0]
    assert np.max(abs(sol["Loss of lithium inventory [%]"])) < 1e-7
    neg, pos = sol["Total lithium in negative electrode [mol]"], sol["Total lithium in positive electrode [mol]"]
    np.testing.assert_allclose(neg + pos, particles, rtol=1e-12)
    # what left the negative is the charge passed: Q = F dN
    moved_Ah = (neg[0] - neg) * 96485.33212 / 3600
    np.testing.assert_allclose(moved_Ah, sol["Discharge capacity [A.h]"], atol=1e-6 * sol.capacity_Ah)
    cap = sol["Total lithium capacity [A.h]"]
    assert math.isclose(cap[-1], total[-1] * 96485.33212 / 3600, rel_tol=1e-12)


def test_reaction_currents_add_up_to_the_cell_current(dfn):
    # the integral of a j over each electrode times the area is +-I (DFN)
    cell = cellforge.Cell.builtin("chen2020")
    area = cell.electrode_area_m2
    for side, sign in (("Negative", 1), ("Positive", -1)):
        v = dfn.variable(f"{side} electrode volumetric interfacial current density [A.m-3]")
        width = v.x[1] - v.x[0]  # a uniform mesh in each electrode
        total = v.values.sum(axis=1) * width * area
        np.testing.assert_allclose(sign * total, dfn.current, rtol=1e-5)


def test_derived_quantities_agree(dfn):
    cell = cellforge.Cell.builtin("chen2020")
    cs = dfn["Negative particle surface concentration [mol.m-3]"]
    sto = dfn["Negative particle surface stoichiometry"]
    np.testing.assert_allclose(sto * cell.negative.max_concentration_mol_m3, cs, rtol=1e-12)
    np.testing.assert_allclose(dfn["X-averaged negative particle surface concentration [mol.m-3]"], cs.mean(axis=1),
                               rtol=1e-12)
    eta = dfn["Negative electrode reaction overpotential [V]"]
    dphi = dfn["Negative electrode surface potential difference [V]"]
    ocp = dfn["Negative electrode open-circuit potential [V]"]
    np.testing.assert_allclose(eta, dphi - ocp, atol=1e-12)
    # the terminal voltage: the positive's solid potential beside its collector
    phi_p = dfn["Positive electrode potential [V]"]
    assert np.max(abs(phi_p[:, -1] - dfn.voltage)) < 2e-3
    # the first and last x cells' electrolyte potential are the electrode potentials' references
    np.testing.assert_allclose(-dfn["Electrolyte potential [V]"][:, 0], dfn.negative_potential, atol=1e-12)
    assert dfn["Time [h]"][-1] == pytest.approx(dfn.t[-1] / 3600)
    np.testing.assert_allclose(dfn["Power [W]"], dfn.current * dfn.voltage)


def test_variables_follow_the_model():
    spm = cellforge.simulate(model="spm", crate=1, mesh=8)
    spme = cellforge.simulate(model="spme", crate=1, mesh=8)
    assert "Electrolyte concentration [mol.m-3]" not in spm.variables
    assert "Electrolyte concentration [mol.m-3]" in spme.variables
    assert "Electrolyte potential [V]" not in spme.variables
    assert spm["Negative particle concentration [mol.m-3]"].shape == (len(spm), 8)
    assert spme["Electrolyte concentration [mol.m-3]"].shape == (len(spme), 24)
    # the SPM's electrode sees the x-averaged particle
    np.testing.assert_allclose(spm["Negative particle surface concentration [mol.m-3]"],
                               spm["X-averaged negative particle surface concentration [mol.m-3]"])
    assert spm.search("overpotential") == [n for n in spm.variables if "overpotential" in n]
    assert len(spm.search("OVERPOTENTIAL")) == 4


def test_blend_phases_are_named_as_in_pybamm():
    cell = cellforge.Cell.builtin("chen2020")
    half = cell.positive.active_volume_fraction / 2
    cell.positive.active_volume_fraction = half
    cell.positive.add_phase(0)
    sol = cellforge.simulate(cell, model="dfn", mesh=8, crate=1)
    names = sol.variables
    assert "Positive primary particle surface concentration [mol.m-3]" in names
    assert "Positive secondary particle surface concentration [mol.m-3]" in names
    assert "Positive particle surface concentration [mol.m-3]" not in names
    a = sol["Positive electrode primary volumetric interfacial current density [A.m-3]"]
    b = sol["Positive electrode secondary volumetric interfacial current density [A.m-3]"]
    np.testing.assert_allclose(a + b, sol["Positive electrode volumetric interfacial current density [A.m-3]"])
    np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6 * np.max(abs(a)))  # identical halves


def test_unknown_names_and_wrong_types():
    sol = cellforge.simulate(model="spm", crate=1, mesh=5)
    with pytest.raises(KeyError, match=r"did you mean 'Negative particle surface concentration \[mol.m-3\]'"):
        sol["Negative particle surface concentration"]
    with pytest.raises(KeyError, match="Electrolyte"):
        sol["Electrolyte potential [V]"]  # not in the SPM
    with pytest.raises(TypeError):
        sol[3]
    with pytest.raises(TypeError):
        sol.variable(None)


def test_without_states_only_the_columns():
    sol = cellforge.simulate(model="spm", crate=1, mesh=5, store_states=False)
    assert sol.state_memory_bytes == 0
    assert np.array_equal(sol["Voltage [V]"], sol.voltage)
    with pytest.raises(cellforge.InvalidInputError, match="did not store"):
        sol["Total lithium [mol]"]
    with pytest.raises(TypeError):
        cellforge.simulate(model="spm", crate=1, mesh=5, store_states=1)
    dfn = cellforge.simulate(model="dfn", crate=1)
    # the documented cost: unknowns x 8 bytes per row
    assert dfn.state_memory_bytes == len(dfn) * 8 * cellforge.Simulation("chen2020").unknowns


def test_simulation_solutions_have_variables():
    sim = cellforge.Simulation("chen2020", model="spme", mesh=8)
    a = sim.solve(crate=1)
    b = sim.solve(crate=2)
    assert a["Electrolyte concentration [mol.m-3]"].shape[1] == 24
    assert b["X-averaged negative particle surface concentration [mol.m-3]"][-1] < \
        a["X-averaged negative particle surface concentration [mol.m-3]"][0]
    one = cellforge.simulate("chen2020", model="spme", mesh=8, crate=2)
    np.testing.assert_array_equal(b["Electrolyte concentration [mol.m-3]"], one["Electrolyte concentration [mol.m-3]"])


def test_partial_solutions_carry_the_states():
    with pytest.raises(cellforge.LimitError) as info:
        cellforge.simulate(model="dfn", crate=1, max_steps=40)
    sol = info.value.solution
    assert sol is not None and not sol.completed
    cs = sol["Negative particle surface concentration [mol.m-3]"]
    nodes = len(sol.variable("Negative particle surface concentration [mol.m-3]").x)  # the default mesh's
    assert nodes > 1 and cs.shape == (len(sol), nodes) and np.all(np.isfinite(cs))
    full = cellforge.simulate(model="dfn", crate=1)
    np.testing.assert_array_equal(cs, full["Negative particle surface concentration [mol.m-3]"][:len(sol)])


def test_threads_reading_variables():
    sols = [cellforge.simulate(model="dfn", crate=c, mesh=8) for c in (0.5, 1, 2)]
    names = ["Electrolyte potential [V]", "Negative particle concentration [mol.m-3]", "Total lithium [mol]",
             "X-averaged positive electrode reaction overpotential [V]"]
    serial = [[np.array(s[n]) for n in names] for s in sols]
    fresh = [cellforge.simulate(model="dfn", crate=c, mesh=8) for c in (0.5, 1, 2)]
    errors = []

    def work(i):
        try:
            for _ in range(3):
                for k, s in enumerate(fresh):
                    for j, n in enumerate(names):
                        assert np.array_equal(s[n], serial[k][j])
                try:
                    fresh[i % 3]["no such variable"]
                except KeyError:
                    pass
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_charge_at_constant_rate_reports_its_charge(cli):
    sol = cellforge.simulate(crate=-1)
    assert sol.charge_Ah > 3 and sol.charge_Ah == pytest.approx(sol.capacity_Ah, rel=1e-12)
    assert sol.charge_Wh == pytest.approx(sol.energy_Wh, rel=1e-12)
    out = cli("--crate", "-1")
    assert out["charge_Ah"] == pytest.approx(sol.charge_Ah, rel=1e-9)
    assert cellforge.simulate(crate=1).charge_Ah == 0.0


def test_cli_variables_match_python(tmp_path):
    exe = os.environ.get("CELLFORGE")
    if not exe:
        pytest.skip("set CELLFORGE to compare with the CLI")
    names = ["Negative particle surface concentration [mol.m-3]", "Total lithium [mol]",
             "X-averaged negative particle concentration [mol.m-3]"]
    out = subprocess.run([exe, "simulate", "--model", "dfn", "--mesh", "6", "--output-dt", "900",
                          "--variables", ",".join(names), "--json", "--out", str(tmp_path / "v.csv")],
                         capture_output=True, text=True, check=True)
    js = json.loads(out.stdout)["variables"]
    sol = cellforge.simulate(model="dfn", mesh=6, output_dt=900)
    for n in names:
        np.testing.assert_allclose(np.array(js[n]["values"]), sol[n], rtol=1e-9)
    assert js[names[0]]["domain"] == "negative electrode" and len(js[names[0]]["x_m"]) == 6
    assert js[names[1]]["x_m"] is None and js[names[2]]["r_m"] is not None
    header = (tmp_path / "v.csv").read_text().splitlines()[0].split(",")
    assert header[9].startswith(names[0] + "@x=") and len(header) == 9 + 6 + 1 + 6
    bad = subprocess.run([exe, "simulate", "--variables", "Electrolyte potentail [V]"], capture_output=True,
                         text=True)
    assert bad.returncode == 2 and "did you mean 'Electrolyte potential [V]'" in bad.stderr


PROTOCOL_AGEING = "Charge at 1C until 4.2 V; Hold at 4.2 V until C/20; Discharge at 1C until 2.5 V"


@pytest.mark.parametrize("model", ["spm", "spme", "dfn"])
def test_side_reactions_take_the_lithium_the_cell_loses(model):
    # SEI growth and O'Kane plating on: what the particles and electrolyte lose is
    # what the SEI and the plated (and dead) lithium took, row by row
    sol = cellforge.simulate(model=model, mesh=10, sei="solvent-diffusion-limited", plating="partially-reversible",
                             protocol=PROTOCOL_AGEING)
    lost = sol["Total lithium lost [mol]"]
    sei = sol["Loss of lithium to negative SEI [mol]"]
    plated = sol["Loss of lithium to negative lithium plating [mol]"]
    side = sol["Total lithium lost to side reactions [mol]"]
    assert lost[0] == 0 and sei[0] == pytest.approx(0, abs=1e-15)
    assert sei[-1] > 0 and np.all(np.diff(sei) >= -1e-18)  # an SEI only grows
    np.testing.assert_allclose(side, sei + plated, rtol=1e-12, atol=0)
    scale = lost[-1]
    # measured 1e-10 to 3e-10 of the loss (SPM, SPMe, DFN)
    assert scale > 0 and np.max(abs(lost - (side - side[0]))) < 1e-8 * scale, np.max(abs(lost - side))
    F_Ah = 96485.33212 / 3600
    np.testing.assert_allclose(sol["Loss of capacity to negative SEI [A.h]"], sei * F_Ah, rtol=1e-12)
    np.testing.assert_allclose(sol["Total capacity lost to side reactions [A.h]"], side * F_Ah, rtol=1e-12)
    # the per-cycle ageing column says the same
    assert math.isclose(sol.cycles[-1]["li_sei_Ah"], sei[-1] * F_Ah, rel_tol=1e-6)
    th = sol.variable("Negative SEI thickness [m]")
    values = np.reshape(th.values, (len(sol), -1))
    assert th.domain == "negative electrode" and values.shape[1] == (10 if model == "dfn" else 1)
    assert np.all(values[-1] > values[0])
    xav = sol["X-averaged negative SEI thickness [m]"]
    assert math.isclose(xav[-1], sol.cycles[-1]["sei_thickness_m"], rel_tol=1e-9)


@pytest.mark.parametrize("model", ["spm", "spme", "dfn"])
def test_sei_on_cracks_takes_the_lithium_the_cell_loses(model):
    # SEI on the negative's cracks beside the SEI: the side reactions hold what the cell lost
    sol = cellforge.simulate(model=model, mesh=10, sei="solvent-diffusion-limited",
                             cracking_negative="cracking-with-sei", cracking_positive="cracking",
                             protocol=PROTOCOL_AGEING)
    lost = sol["Total lithium lost [mol]"]
    sei = sol["Loss of lithium to negative SEI [mol]"]
    cracks = sol["Loss of lithium to negative SEI on cracks [mol]"]
    side = sol["Total lithium lost to side reactions [mol]"]
    assert cracks[0] == pytest.approx(0, abs=1e-15) and cracks[-1] > sei[-1] > 0
    np.testing.assert_allclose(side, sei + cracks, rtol=1e-12, atol=0)
    assert np.max(abs(lost - (side - side[0]))) < 1e-8 * lost[-1]
    F_Ah = 96485.33212 / 3600
    np.testing.assert_allclose(sol["Loss of capacity to negative SEI on cracks [A.h]"], cracks * F_Ah, rtol=1e-12)
    assert math.isclose(sol.cycles[-1]["li_crack_sei_Ah"], cracks[-1] * F_Ah, rel_tol=1e-6)
    for side_name, key in (("negative", "crack_length_neg_m"), ("positive", "crack_length_pos_m")):
        length = sol.variable(f"{side_name.capitalize()} particle crack length [m]")
        assert length.domain == f"{side_name} electrode"
        xav = sol[f"X-averaged {side_name} particle crack length [m]"]
        assert math.isclose(xav[-1], sol.cycles[-1][key], rel_tol=1e-9) and xav[-1] > xav[0]
        assert xav[0] == pytest.approx(2e-8, rel=1e-12)  # O'Kane's initial crack, x-averaged
    th = sol["X-averaged negative SEI on cracks thickness [m]"]
    assert math.isclose(th[-1], sol.cycles[-1]["crack_sei_thickness_m"], rel_tol=1e-9) and th[-1] > th[0]


def test_no_side_reactions_no_loss():
    sol = cellforge.simulate(model="dfn", mesh=10, crate=1)
    assert "Loss of lithium to negative SEI [mol]" not in sol.variables
    assert np.max(abs(sol["Total lithium lost to side reactions [mol]"])) == 0
    assert np.max(abs(sol["Total lithium lost [mol]"])) < 1e-9 * sol["Total lithium [mol]"][0]


# (cell, simulate() arguments, models): a lithium-metal negative and a reservoir are DFN only,
# and these are anode-free, so they charge first
CELLS_FOR_ALL = [("chen2020", {}, "spm spme dfn"),
                 ("chen2020", {"sei": "reaction-limited", "plating": "reversible"}, "spm spme dfn"),
                 ("okane2022", {}, "spm spme dfn"), ("examples/hard_carbon_hev_cell.json", {}, "spm spme dfn"),
                 ("chen2020", {"sei": "reaction-limited", "cracking_negative": "cracking-with-sei",
                               "cracking_positive": "cracking"}, "spm spme dfn"),
                 ("examples/li_metal_cell.json", {"crate": -0.5}, "dfn"),
                 ("examples/li_reservoir_cell.json", {"crate": -0.5}, "dfn")]
RUNS = [(c, k, m) for c, k, models in CELLS_FOR_ALL for m in models.split()]


def _run_id(c, k, m):
    return f"{c}{'+ageing' if 'sei' in k else ''}{'+cracks' if 'cracking_negative' in k else ''}-{m}"


@pytest.mark.parametrize("cell,kw,model", RUNS, ids=[_run_id(c, k, m) for c, k, m in RUNS])
def test_every_listed_variable_evaluates(cell, kw, model, source_dir):
    path = source_dir / cell
    sol = cellforge.simulate(str(path) if path.is_file() else cell, model=model, mesh=8, **{"crate": 1, **kw})
    names = sol.variables
    assert len(names) == len(set(names)) and len(names) > 30
    for name in names:
        v = sol.variable(name)
        values = np.asarray(v.values)
        assert values.shape[0] == len(sol), name
        assert np.all(np.isfinite(values)), name
        if v.x is not None and len(v.x) > 1:
            assert values.shape[1] == len(v.x), name
