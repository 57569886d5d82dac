"""The notebook gallery (examples/notebooks/*.py, jupytext percent format)
runs: each as a script, from the source tree, within seconds."""

import os
import subprocess
import sys

import pytest

from conftest import SOURCE_DIR

NOTEBOOKS = sorted((SOURCE_DIR / "examples" / "notebooks").glob("*.py"))


def test_the_gallery_is_there():
    names = {p.stem for p in NOTEBOOKS}
    assert {"getting_started", "pybamm_side_by_side", "seed_studies", "sweep", "cell_tests",
            "bpx_round_trip", "characterisation"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path):
    env = dict(os.environ, CF_SOURCE_DIR=str(SOURCE_DIR), MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, str(path)], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]
    assert out.stdout.strip(), "a notebook prints what it shows"
