"""SEI growth from Python: the same numbers as the CLI's --sei, the ageing
columns of each cycle, and bad names refused as the CLI refuses them."""

import math

import pytest

import cellforge

PROTOCOL = "Discharge at 1C until 2.5 V; Charge at 0.5C until 4.2 V; Hold at 4.2 V until C/20"


def test_sei_matches_cli(cli):
    ref = cli("--model", "spme", "--sei", "solvent-diffusion", "--protocol", PROTOCOL)
    sol = cellforge.simulate(model="spme", sei="solvent-diffusion-limited", protocol=PROTOCOL)
    assert len(sol.cycles) == len(ref["cycles"]) == 3
    for mine, theirs in zip(sol.cycles, ref["cycles"]):
        for key, value in theirs.items():
            if value is None:
                assert mine[key] is None, key
            else:
                assert math.isclose(mine[key], value, rel_tol=1e-9, abs_tol=1e-15), (key, mine[key], value)
    last = sol.cycles[-1]
    # the SEI grew, and what it took is the lithium inventory the particles lost
    assert last["sei_thickness_m"] > 5e-9 and last["li_sei_Ah"] > 0
    assert last["lli_pct"] > 0 and last["lam_neg_pct"] == 0 and last["plated_li_Ah"] == 0


def test_simulation_keeps_sei():
    sim = cellforge.Simulation(model="spm", sei="reaction-limited")
    a = sim.solve(protocol=PROTOCOL)
    plain = cellforge.Simulation(model="spm").solve(protocol=PROTOCOL)
    # the SEI film's resistance and lost lithium: less charge back than without it
    assert a.cycles[0]["li_sei_Ah"] > 0 and plain.cycles[0]["li_sei_Ah"] == 0
    assert a.cycles[1]["charge_Ah"] < plain.cycles[1]["charge_Ah"]


def test_bad_sei_name():
    with pytest.raises(cellforge.InvalidInputError, match="unknown SEI model 'ec-reaction'"):
        cellforge.simulate(model="spm", sei="ec-reaction", crate=1)


def test_plating_matches_cli(cli):
    ref = cli("--model", "spm", "--plating", "partially-reversible", "--sei", "reaction", "--protocol", PROTOCOL)
    sol = cellforge.simulate(model="spm", plating="partially-reversible", sei="reaction", protocol=PROTOCOL)
    for mine, theirs in zip(sol.cycles, ref["cycles"]):
        for key in ("discharge_Ah", "lli_pct", "plated_li_Ah", "dead_li_Ah"):
            assert math.isclose(mine[key], theirs[key], rel_tol=1e-9, abs_tol=1e-15), key
    assert sol.cycles[-1]["plated_li_Ah"] > 0 and sol.cycles[-1]["dead_li_Ah"] > 0


def test_okane2022_ages_by_default():
    sol = cellforge.simulate("okane2022", model="spm", protocol=PROTOCOL)
    last = sol.cycles[-1]
    assert last["sei_thickness_m"] > 5e-9 and last["plated_li_Ah"] > 0 and last["lli_pct"] > 0
    assert last["lam_neg_pct"] > 0 and last["lam_pos_pct"] > 0
    assert last["li_crack_sei_Ah"] > 0 and last["crack_length_neg_m"] > 2e-8 and last["crack_length_pos_m"] == 0
    off = cellforge.simulate("okane2022", model="spm", protocol=PROTOCOL, sei="none", plating="none",
                             lam_negative="none", lam_positive="none", cracking_negative="none")
    assert off.cycles[-1]["lli_pct"] == pytest.approx(0, abs=1e-9) and off.cycles[-1]["li_sei_Ah"] == 0


def test_bad_plating():
    with pytest.raises(cellforge.InvalidInputError, match="unknown lithium plating model 'sometimes'"):
        cellforge.simulate(model="spm", plating="sometimes", crate=1)
    with pytest.raises(cellforge.InvalidInputError, match="lithium-metal negative"):
        cell = cellforge.Cell.builtin("chen2020")
        cell.negative.type = "lithium_metal"
        cellforge.simulate(cell, model="dfn", plating="reversible", crate=1)


def test_lam_matches_cli(cli):
    ref = cli("--model", "spme", "--lam-negative", "stress-driven", "--lam-positive", "stress-driven",
              "--protocol", PROTOCOL)
    sol = cellforge.simulate(model="spme", lam_negative="stress-driven", lam_positive="stress-driven",
                             protocol=PROTOCOL)
    for mine, theirs in zip(sol.cycles, ref["cycles"]):
        for key in ("discharge_Ah", "lli_pct", "lam_neg_pct", "lam_pos_pct"):
            assert math.isclose(mine[key], theirs[key], rel_tol=1e-9, abs_tol=1e-15), key
    # The material lost grows step by step (each ';' step is a cycle here). Only
    # tensile surface stress removes material: the negative's during the
    # discharge (it delithiates), the positive's from the charge on.
    assert 0 < sol.cycles[0]["lam_neg_pct"] < sol.cycles[-1]["lam_neg_pct"]
    assert sol.cycles[0]["lam_pos_pct"] == 0 < sol.cycles[1]["lam_pos_pct"] < sol.cycles[-1]["lam_pos_pct"]
    sim = cellforge.Simulation(model="spm", lam_negative="stress-driven")
    assert sim.solve(protocol=PROTOCOL).cycles[-1]["lam_pos_pct"] == 0


def test_bad_lam():
    with pytest.raises(cellforge.InvalidInputError, match="unknown loss-of-active-material model 'stress'"):
        cellforge.simulate(model="spm", lam_negative="stress", crate=1)
    with pytest.raises(cellforge.InvalidInputError, match="reaction-driven"):
        cellforge.simulate(model="spm", lam_positive="reaction-driven", crate=1)


def test_cracking_matches_cli(cli):
    args = dict(sei="reaction-limited", cracking_negative="cracking-with-sei", cracking_positive="cracking")
    ref = cli("--model", "spm", "--sei", "reaction-limited", "--cracking-negative", "cracking-with-sei",
              "--cracking-positive", "cracking", "--protocol", PROTOCOL)
    sol = cellforge.simulate(model="spm", protocol=PROTOCOL, **args)
    for mine, theirs in zip(sol.cycles, ref["cycles"]):
        for key in ("discharge_Ah", "lli_pct", "crack_length_neg_m", "crack_length_pos_m", "crack_sei_thickness_m",
                    "li_crack_sei_Ah"):
            assert math.isclose(mine[key], theirs[key], rel_tol=1e-9, abs_tol=1e-15), key
    # the negative's cracks lengthen, the SEI on them takes lithium, growing
    first, last = sol.cycles[0], sol.cycles[-1]
    assert 2e-8 < first["crack_length_neg_m"] < last["crack_length_neg_m"]
    assert 0 < first["li_crack_sei_Ah"] < last["li_crack_sei_Ah"]
    sim = cellforge.Simulation(model="spm", **args)
    assert sim.solve(protocol=PROTOCOL).cycles[-1]["li_crack_sei_Ah"] == last["li_crack_sei_Ah"]
    plain = cellforge.simulate(model="spm", protocol=PROTOCOL, sei="reaction-limited")
    assert plain.cycles[-1]["crack_length_neg_m"] == 0 and plain.cycles[-1]["lli_pct"] < last["lli_pct"]


def test_bad_cracking():
    with pytest.raises(cellforge.InvalidInputError, match="unknown particle-cracking model 'cracks'"):
        cellforge.simulate(model="spm", cracking_negative="cracks", crate=1)
    with pytest.raises(cellforge.InvalidInputError, match="needs SEI growth"):
        cellforge.simulate(model="spm", cracking_negative="cracking-with-sei", crate=1)
