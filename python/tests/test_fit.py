"""cellforge.fit / fit_ocv: the same fit as `cellforge fit`, from a file or
from arrays; known parameters recovered from synthetic data; bad input
refused as the CLI refuses it."""

import numpy as np
import pytest

import cellforge


def synthetic(seed: int = 11):
    """chen2020 (SPM) with the negative's solid diffusivity at 1.5e-14 m2/s,
    from SOC 0.9: 1C for 40 min and 30 min rest, every 10 s, 2 mV noise."""
    cell = cellforge.Cell.builtin("chen2020")
    cell.negative.phases[0].diffusivity_m2_s = 1.5e-14
    t = np.arange(0.0, 4201.0, 10.0)
    current = np.where(t <= 2400, 5.0, 0.0)
    drive = "time_s,current_A\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(t.tolist(), current.tolist()))
    return cell, t, current, drive


def test_fit_recovers_from_arrays(tmp_path):
    cell, t, current, drive = synthetic()
    path = tmp_path / "drive.csv"
    path.write_text(drive)
    sol = cellforge.simulate(cell, model="spm", soc=0.9, protocol=f'Run "{path}" (10 second period)')
    keep = np.concatenate(([True], np.diff(sol.t) > 0))
    v = np.interp(t, sol.t[keep], sol.voltage[keep]) + np.random.default_rng(5).normal(0, 2e-3, t.size)
    r = cellforge.fit("chen2020", (t, current, v), {"negative.diffusivity_m2_s": (1e-15, 1e-12)},
                      model="spm", initial_soc=0.9, sigma=2e-3)
    p = r.parameters["negative.diffusivity_m2_s"]
    assert p["lower"] <= 1.5e-14 <= p["upper"]
    assert p["upper"] / p["lower"] < 1.2
    assert 1.6e-3 < r.rms_V < 2.4e-3
    assert r.model_voltage.shape == t.shape
    out = tmp_path / "fitted.json"
    r.save_cell(out)
    fitted = cellforge.Cell.load(str(out))
    assert fitted.negative.phases[0].diffusivity_m2_s == pytest.approx(r.value("negative.diffusivity_m2_s"))


def test_fit_file_matches_cli(source_dir):
    data = source_dir / "examples" / "fit" / "discharge_rest.csv"
    if not data.exists():
        pytest.skip("examples/ not in this tree")
    r = cellforge.fit("chen2020", data, {"negative.diffusivity_m2_s": (1e-15, 1e-12),
                                         "positive.diffusivity_m2_s": (1e-16, 1e-13),
                                         "initial_soc": (0.5, 1.0)}, model="spm")
    # the truth of examples/fit/make_examples.py
    for key, true in (("negative.diffusivity_m2_s", 1.2e-14), ("positive.diffusivity_m2_s", 8e-15),
                      ("initial_soc", 0.9)):
        assert r.parameters[key]["lower"] <= true <= r.parameters[key]["upper"], (key, r.parameters[key])


def test_fit_ocv(source_dir):
    data = source_dir / "examples" / "fit" / "ocv_c50.csv"
    if not data.exists():
        pytest.skip("examples/ not in this tree")
    r = cellforge.fit_ocv("chen2020", data)
    assert set(r.parameters) == {"negative.sto_start", "positive.sto_start", "negative.capacity_Ah",
                                 "positive.capacity_Ah"}
    assert r.rms_V < 3e-3


def test_fit_pulses_gitt(source_dir):
    data = source_dir / "examples" / "fit" / "gitt.csv"
    if not data.exists():
        pytest.skip("examples/ not in this tree")
    r = cellforge.fit_pulses("chen2020", data, "gitt", model="spm")
    assert r.parameter == "positive.diffusivity_m2_s"
    assert len(r.pulses) == 3
    for p in r.pulses:
        assert p["fitted"] and p["lower"] <= 1e-14 <= p["upper"]


def test_fit_bad_input():
    t = np.array([0.0, 10.0, 10.0, 20.0])
    with pytest.raises(cellforge.InvalidInputError, match="time must increase strictly"):
        cellforge.fit("chen2020", (t, t * 0 + 5, t * 0 + 4), {"initial_soc": (0, 1)}, model="spm")
    t = np.arange(0.0, 50.0, 10.0)
    with pytest.raises(cellforge.InvalidInputError, match="current.sign"):
        cellforge.fit("chen2020", (t, -5 + 0 * t, 4.1 - 0.01 * t), {"initial_soc": (0, 1)}, model="spm")
    with pytest.raises(cellforge.InvalidInputError, match="porosty"):
        cellforge.fit("chen2020", (t, 5 + 0 * t, 4.1 - 0.01 * t), {"negative.porosty": (0.1, 0.5)}, model="spm")
