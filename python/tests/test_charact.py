"""Characterisation from Python is the CLI's: the same instrument files and
options give the --json objects of `cellforge xrd|psd|bet|dta|chn|shape`
(one computation, in the C library), --into writes the same recipe, and bad
input raises the library's message -- also from many threads at once."""

import json
import math
import os
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import cellforge

REL = 1e-9  # the CLI prints 10 significant digits


@pytest.fixture(scope="module")
def exe():
    exe = os.environ.get("CELLFORGE")
    if not exe or not os.access(exe, os.X_OK):
        pytest.skip("set CELLFORGE to the cellforge binary to compare with the CLI")
    return exe


@pytest.fixture(scope="module")
def charact(source_dir):
    return source_dir / "examples" / "charact"


def run_cli(exe, *args, status=0):
    out = subprocess.run([exe, *map(str, args)], capture_output=True, text=True)
    assert out.returncode == status, (args, out.returncode, out.stderr)
    return out


def same(a, b, path="") -> None:
    """JSON values equal (numbers to the CLI's printed digits)."""
    if isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None and math.isclose(a, b, rel_tol=REL, abs_tol=1e-300), (path, a, b)
    elif isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), (path, sorted(set(a) ^ set(b)))
        for k in a:
            same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, (list, tuple)):
        assert isinstance(b, (list, tuple)) and len(a) == len(b), (path, a, b)
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    else:
        assert a == b, (path, a, b)


# (command, file, CLI options, Python call)
def cases(d):
    return [
        ("xrd", d / "hard_carbon.xy", [], lambda f: cellforge.xrd(f)),
        ("xrd", d / "hard_carbon.xy", ["--standard", d / "si_standard.xy", "--broadening", "lorentzian", "--K", "1.0"],
         lambda f: cellforge.xrd(f, standard=d / "si_standard.xy", broadening="lorentzian", K=1.0)),
        ("xrd", d / "hard_carbon.xy", ["--strip-ka2", "--window", "12:34", "--bg-order", "2", "--instr-fwhm", "0.1",
                                       "--instr-fwhm-u", "0.01", "--zero-shift", "0.05"],
         lambda f: cellforge.xrd(f, strip_ka2=True, window=(12, 34), bg_order=2, instr_fwhm=0.1, instr_fwhm_u=0.01,
                                 zero_shift=0.05)),
        ("psd", d / "psd_laser.csv", [], lambda f: cellforge.psd(f)),
        ("psd", d / "psd_laser.csv", ["--bet", "4.2", "--bet-u", "0.1", "--sizes", "upper"],
         lambda f: cellforge.psd(f, bet=4.2, bet_u=0.1, sizes="upper")),
        ("psd", d / "particles.txt", ["--basis", "number", "--bootstrap", "50", "--seed", "7"],
         lambda f: cellforge.psd(f, basis="number", bootstrap=50, seed=7)),
        ("bet", d / "isotherm_n2.txt", [], lambda f: cellforge.bet(f)),
        ("bet", d / "isotherm_n2.txt", ["--range", "0.05:0.30", "--cross-section", "0.16"],
         lambda f: cellforge.bet(f, range=(0.05, 0.30), cross_section=0.16)),
        ("dta", d / "dta_air.txt", [], lambda f: cellforge.dta(f)),
        ("dta", d / "dta_air.txt", ["--range", "300:900", "--smooth", "3", "--min-fraction", "0.2"],
         lambda f: cellforge.dta(f, range=(300, 900), smooth=3, min_fraction=0.2)),
        ("shape", d / "shape_particles.txt", [], lambda f: cellforge.shape(f)),
        ("shape", d / "shape_particles.txt", ["--definition", "wadell", "--threshold", "0.9"],
         lambda f: cellforge.shape(f, definition="wadell", threshold=0.9)),
    ]


def test_every_analysis_equals_the_cli_json(exe, charact):
    for cmd, f, opts, call in cases(charact):
        ref = json.loads(run_cli(exe, cmd, f, *opts, "--json").stdout)
        res = call(str(f))
        same(res.to_dict(), ref, f"{cmd} {opts}")


@pytest.mark.parametrize("args,kw", [
    (["--C", "95.0,95.2,95.1", "--H", "0.45", "--N", "0.3"], dict(C=[95.0, 95.2, 95.1], H=0.45, N=0.3)),
    (["--C", "92", "--H", "1.1", "--uC", "0.3", "--uH", "0.05"], dict(C=92, H=1.1, uC=0.3, uH=0.05)),
])
def test_chn_equals_the_cli_json(exe, args, kw):
    ref = json.loads(run_cli(exe, "chn", *args, "--json").stdout)
    same(cellforge.chn(**kw).to_dict(), ref)


def test_results_are_consistent_with_their_data(charact):
    x = cellforge.xrd(charact / "hard_carbon.xy")
    # Bragg's law on the fitted centre, and the pattern is the file's
    assert math.isclose(x.d002_nm, x.lambda_nm / (2 * math.sin(math.radians(x.two_theta_deg / 2))), rel_tol=1e-12)
    tt = np.asarray(x.pattern["two_theta_deg"])
    assert x.n_points == np.count_nonzero((tt >= x.window_deg[0]) & (tt <= x.window_deg[1])) < len(tt)
    p = cellforge.psd(charact / "psd_laser.csv")
    assert math.isclose(float(np.sum(p.table["volume_pct"])), 100.0, rel_tol=1e-9)
    assert p.dv10_um < p.dv50_um < p.dv90_um
    s = cellforge.shape(charact / "shape_particles.txt")
    assert len(s.values) == s.n and math.isclose(float(np.mean(s.values)), s.sphericity, rel_tol=1e-12)
    assert sum(s.histogram_0_to_1) == s.n
    b = cellforge.bet(charact / "isotherm_n2.txt")
    assert len(b.isotherm["p_rel"]) == b.n_adsorption_points
    d = cellforge.dta(charact / "dta_air.txt")
    assert list(d.peak_table["main"]).count(True) == 1 and abs(d.exotherm_peak_C - 672.0) < 1.0


def test_into_writes_what_the_cli_writes(exe, source_dir, tmp_path, charact):
    src = source_dir / "examples" / "recipe_hard_carbon.json"
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    shutil.copy(src, a)
    shutil.copy(src, b)
    run_cli(exe, "xrd", charact / "hard_carbon.xy", "--into", a, "negative")
    run_cli(exe, "bet", charact / "isotherm_n2.txt", "--into", a, "negative")
    x = cellforge.xrd(charact / "hard_carbon.xy", into=(b, "negative"))
    cellforge.bet(charact / "isotherm_n2.txt", into=(str(b), "negative"))
    assert x.into["keys"] == ["d002_nm", "lc_nm"] and x.into["component"].startswith("negative")
    assert a.read_text() == b.read_text()
    assert "d002_nm" in a.read_text()


def bad_cases(tmp):
    """(call, exception class, text the message contains)"""
    (tmp / "bad.xy").write_text("10 5\n11 x\n")
    (tmp / "flat.xy").write_text("".join(f"{10 + 0.1 * i} 100\n" for i in range(200)))
    (tmp / "bad_psd.csv").write_text("1,2\n3,-4\n")
    (tmp / "bad_iso.txt").write_text("0.1 1\n0.05 2\n")
    return [
        (lambda: cellforge.xrd(tmp / "bad.xy"), cellforge.InvalidInputError, "bad.xy:2:4"),
        (lambda: cellforge.xrd(tmp / "missing.xy"), cellforge.FileError, "cannot open"),
        (lambda: cellforge.xrd(tmp / "flat.xy"), cellforge.InvalidInputError, "flat.xy"),
        (lambda: cellforge.xrd(tmp / "bad.xy", window=(40, 20)), cellforge.InvalidInputError, "window"),
        (lambda: cellforge.xrd(tmp / "bad.xy", K=float("nan")), cellforge.InvalidInputError, "finite"),
        (lambda: cellforge.xrd(tmp / "bad.xy", bg_order=4), cellforge.InvalidInputError, "[0, 3]"),
        (lambda: cellforge.xrd(tmp / "bad.xy", broadening="voigt"), cellforge.InvalidInputError, "gaussian"),
        (lambda: cellforge.xrd(42), TypeError, "file"),
        (lambda: cellforge.xrd(tmp / "bad.xy", window="10:35"), TypeError, "window"),
        (lambda: cellforge.psd(tmp / "bad_psd.csv"), cellforge.InvalidInputError, "bad_psd.csv:2"),
        (lambda: cellforge.psd(tmp / "bad_psd.csv", bet=-1), cellforge.InvalidInputError, "bet"),
        (lambda: cellforge.bet(tmp / "bad_iso.txt"), cellforge.InvalidInputError, "bad_iso.txt"),
        (lambda: cellforge.bet(tmp / "bad_iso.txt", min_points=2), cellforge.InvalidInputError, "min_points"),
        (lambda: cellforge.dta(tmp / "bad.xy", cols=(1, 1)), cellforge.InvalidInputError, "cols"),
        (lambda: cellforge.dta(tmp / "bad.xy", smooth=float("inf")), cellforge.InvalidInputError, "finite"),
        (lambda: cellforge.chn(101, 1), cellforge.InvalidInputError, "C"),
        (lambda: cellforge.chn([], 1), cellforge.InvalidInputError, "replicate"),
        (lambda: cellforge.chn("95", 1), TypeError, "C"),
        (lambda: cellforge.chn(95, 1, uN=0.1), cellforge.InvalidInputError, "uN"),
        (lambda: cellforge.shape(tmp / "bad.xy", definition="aspect"), cellforge.InvalidInputError, "axes"),
        (lambda: cellforge.shape(tmp / "bad.xy", threshold=1.5), cellforge.InvalidInputError, "threshold"),
        (lambda: cellforge.xrd(tmp / "bad.xy", into=("r.json",)), TypeError, "into"),
    ]


def test_bad_input_raises_the_library_message(exe, tmp_path):
    for call, cls, text in bad_cases(tmp_path):
        with pytest.raises(cls) as info:
            call()
        assert text in str(info.value), (text, str(info.value))
    # the same words as the command line's
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.xrd(tmp_path / "bad.xy")
    cli = run_cli(exe, "xrd", tmp_path / "bad.xy", status=2).stderr
    assert str(info.value) in cli and info.value.where == f"{tmp_path / 'bad.xy'}:2:4"


def test_bad_and_good_input_from_many_threads(tmp_path, charact):
    bad = bad_cases(tmp_path)
    good = [(lambda f=f, c=c: c(f)) for _, f, _, c in cases(charact)]
    ref = [g().to_dict() for g in good]
    barrier = threading.Barrier(8)

    def work(k):
        barrier.wait()
        for i in range(len(bad)):
            call, cls, text = bad[(i + k) % len(bad)]
            with pytest.raises(cls) as info:
                call()
            assert text in str(info.value)
            j = (i + k) % len(good)
            same(good[j]().to_dict(), ref[j])
        return k

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sorted(pool.map(work, range(8))) == list(range(8))
