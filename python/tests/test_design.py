"""Recipes, design, claims and design-around from Python, against the CLI."""

import json
import os
import subprocess

import pytest

import cellforge

RECIPES = ["recipe_sn_ni.json", "recipe_li_reservoir.json", "recipe_hard_carbon.json",
           "recipe_commercial_graphite_nmc.json"]


@pytest.fixture(scope="module")
def exe():
    path = os.environ.get("CELLFORGE")
    if not path:
        pytest.skip("set CELLFORGE to compare with the CLI")
    return path


def cli_json(exe, *args):
    out = subprocess.run([exe, *args, "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", RECIPES)
def test_design_is_the_cli_design(exe, source_dir, name):
    path = source_dir / "examples" / name
    d = cellforge.design(path)
    assert d == cli_json(exe, "design", str(path))  # one writer: the same object
    r = cellforge.Recipe.load(path)
    assert r.design() == d and r.name == d["name"]
    # the numbers hang together: Wh/kg is energy over mass
    c = d["cell"]
    assert c["wh_per_kg"] == pytest.approx(c["energy_Wh"] / c["mass_g"] * 1000, rel=1e-9)


@pytest.mark.parametrize("name", RECIPES)
def test_claims_are_the_cli_claims(exe, source_dir, name):
    path = source_dir / "examples" / name
    mine = cellforge.claims(path)
    theirs = cli_json(exe, "claims", str(path))["claims"]
    assert [(c["seed"], c["claim"], c["status"]) for c in mine] == \
        [(c["seed"], c["claim"], c["status"]) for c in theirs]
    for a, b in zip(mine, theirs):
        assert a["range"] == b["range"] and a["depends_on"] == b["depends_on"]
        for k, v in b["values"].items():
            assert a["values"][k] == (pytest.approx(v, rel=1e-9) if isinstance(v, float) else v)
    assert {c["seed"] for c in mine} <= set(cellforge.claim_seeds())


def test_editing_a_recipe(source_dir, tmp_path):
    r = cellforge.Recipe.load(source_dir / "examples" / "recipe_sn_ni.json")
    before = r.design()["negative"]["thickness_um"]
    r2 = r.copy()
    r2["negative.porosity"] = 0.30
    after = r2.design()["negative"]
    # the same loading packed denser: thinner by (1 - 0.45) / (1 - 0.30)
    assert after["thickness_um"] == pytest.approx(before * 0.55 / 0.70, rel=1e-9)
    assert r["negative.porosity"] == 0.45  # the copy is independent
    r2.save(tmp_path / "r.json")
    assert cellforge.Recipe.load(tmp_path / "r.json").design() == r2.design()
    r2["negative.porosity"] = 1.5
    with pytest.raises(cellforge.InvalidInputError, match=r"negative\.porosity.*\[0, 0\.95\]"):
        r2.validate()
    with pytest.raises(KeyError, match="no_such_key"):
        r["negative.no_such_key"]
    with pytest.raises(TypeError):
        cellforge.design(42)
    with pytest.raises(TypeError):
        r[""]


def test_recipe_cell_simulates_as_the_cli(exe, source_dir):
    path = source_dir / "examples" / "recipe_sn_ni.json"
    cell = cellforge.Recipe.load(path).to_cell()
    sol = cellforge.simulate(cell, model="spme", crate=1)
    # a recipe's discharge starts full (assembled discharged: the CLI's default SOC 1)
    theirs = cli_json(exe, "simulate", "--cell", str(path), "--model", "spme")
    assert sol.capacity_Ah == pytest.approx(theirs["capacity_Ah"], rel=1e-9)


def test_claims_with_a_run_record(exe, source_dir, tmp_path):
    path = source_dir / "examples" / "recipe_li_reservoir.json"
    protocol = "Rest for 2 hours; Charge at C/10 until 4.2 V"
    sol = cellforge.simulate(cellforge.Recipe.load(path).to_cell(), protocol=protocol)
    rec = tmp_path / "rec.json"
    subprocess.run([exe, "simulate", "--cell", str(path), "--protocol", protocol, "--record", str(rec)],
                   capture_output=True, check=True)
    record = json.loads(rec.read_text())
    for k, v in sol.process_record.items():
        assert record[k] == pytest.approx(v, rel=1e-8, abs=1e-12), k
    assert sol.process_record["first_charge_after_contact_h"] == pytest.approx(2.0)
    with_run = cellforge.claims(path, run=sol)
    theirs = cli_json(exe, "claims", str(path), "--run", str(rec))["claims"]
    assert [c["status"] for c in with_run] == [c["status"] for c in theirs]
    assert cellforge.claims(path, run=rec) == cellforge.claims(path, run=record)
    with pytest.raises(ValueError, match="process record"):
        cellforge.claims(path, run=cellforge.simulate(model="spm", crate=1, mesh=5))


def test_design_around_is_the_cli_design_around(exe, source_dir):
    path = source_dir / "examples" / "recipe_li_reservoir.json"
    mine = cellforge.design_around(path, "001", 1)
    theirs = cli_json(exe, "claims", str(path), "--design-around", "001", "1")
    assert mine["seed"] == theirs["seed"] and mine["status"] == theirs["status"]
    assert [c["variable"] for c in mine["changes"]] == [c["variable"] for c in theirs["changes"]]
    for a, b in zip(mine["changes"], theirs["changes"]):
        assert a["to"] == (b["to"] if isinstance(b["to"], str) else pytest.approx(b["to"], rel=1e-9))
        assert a["new_status"] == b["new_status"]
    with pytest.raises(cellforge.InvalidInputError):
        cellforge.design_around(path, "no-such-seed", 1)


def test_materials_are_the_cli_materials(exe):
    facts = cellforge.materials()
    assert facts == cli_json(exe, "materials")  # one writer: the same array
    assert {"graphite", "nmc811"} <= {f["material"] for f in facts}
    for f in facts:
        # c_max = density x capacity x 3.6 / F (docs/materials.md), to tests/test_materials.c's 0.1 %
        assert f["c_max_mol_m3"] == pytest.approx(f["c_max_from_density_and_capacity"], rel=1e-3), f["material"]
        assert 0 <= f["sto_window"][0] < f["sto_window"][1] <= 1 and f["window_V"][0] < f["window_V"][1]


@pytest.mark.parametrize("seed,claim", [("000", 2), ("002", 10), ("001", 1)])
def test_explain_claim_is_the_cli_explain(exe, seed, claim):
    mine = cellforge.explain_claim(seed, claim)
    assert mine == cli_json(exe, "claims", "--explain", seed, str(claim))
    assert mine["seed"].startswith(seed) and mine["claim"] == claim and mine["text"] and mine["check"]


def test_explain_claim_errors():
    with pytest.raises(cellforge.InvalidInputError):
        cellforge.explain_claim("999", 1)
    with pytest.raises(cellforge.InvalidInputError):
        cellforge.explain_claim("000", 999)
    with pytest.raises(cellforge.InvalidInputError, match="claim"):
        cellforge.explain_claim("000", 0)
    with pytest.raises(TypeError):
        cellforge.explain_claim(0, 1)
    with pytest.raises(TypeError):
        cellforge.explain_claim("000", "2")
