"""What the reference scripts of validation/ share beyond PyBaMM: where the
checkout is, and writing a reference CSV whole or not at all."""

import os


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_csv(path, header, columns):
    """Columns of numbers under a header line, each value to 10 significant
    digits."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(",".join(header) + "\n")
        for row in zip(*columns):
            fh.write(",".join(f"{v:.10g}" for v in row) + "\n")
    os.replace(tmp, path)  # never leave a half-written file behind
