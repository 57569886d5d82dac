"""One version everywhere: project(VERSION) in CMakeLists.txt is the C
library's cf_version(), the Python package's __version__ and its installed
metadata, the CLI's --version and what the BPX writer records."""

import importlib.metadata
import json
import os
import re
import subprocess

import cellforge


def test_versions_agree(source_dir, tmp_path):
    text = (source_dir / "CMakeLists.txt").read_text()
    m = re.search(r"project\s*\(\s*cellforge\b[^)]*?\bVERSION\s+([0-9]+\.[0-9]+\.[0-9]+)", text, re.S)
    assert m, "no project(cellforge VERSION x.y.z) in CMakeLists.txt"
    version = m.group(1)
    assert cellforge.__version__ == version
    assert importlib.metadata.version("cellforge") == version
    path = tmp_path / "c.bpx.json"
    cellforge.bpx.write("chen2020", path)
    header = json.loads(path.read_text())["Header"]
    assert f"cellforge {version}" in header["Description"]
    exe = os.environ.get("CELLFORGE")
    if exe:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True).stdout
        assert out.strip() == f"cellforge {version}"
    changelog = (source_dir / "CHANGELOG.md").read_text()
    assert f"## {version}" in changelog, "CHANGELOG.md has no section for the current version"
