"""Shared fixtures: the CLI binary ($CELLFORGE, set by CTest) and the source
tree ($CF_SOURCE_DIR, default: this checkout)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("CF_SOURCE_DIR", Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def cli():
    """A function running `cellforge simulate ... --json` and returning the parsed JSON."""
    exe = os.environ.get("CELLFORGE")
    if not exe or not os.access(exe, os.X_OK):
        pytest.skip("set CELLFORGE to the cellforge binary to compare with the CLI")

    def run(*args: str, status: int = 0) -> dict:
        """status: the exit status expected (3: the run stopped early)."""
        out = subprocess.run([exe, "simulate", *args, "--json"], capture_output=True, text=True)
        assert out.returncode == status, (out.returncode, out.stderr)
        return json.loads(out.stdout)

    return run
