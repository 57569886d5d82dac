"""Bad input to the library areas from many threads at once: each call raises
the documented exception with the library's message; the interpreter survives
and the good calls in between return the same results as serially."""

import threading

import pytest

import cellforge

BAD = [
    (lambda s, src: s["Negative particle surface concentration"], KeyError),
    (lambda s, src: s.variable(3.5), TypeError),
    (lambda s, src: cellforge.design({"name": "x"}), cellforge.InvalidInputError),
    (lambda s, src: cellforge.claims(src / "examples" / "recipe_sn_ni.json", run={"first_charge_after_contact_h": "x"}),
     cellforge.InvalidInputError),
    (lambda s, src: cellforge.rate(crates=[float("inf")]), cellforge.InvalidInputError),
    (lambda s, src: cellforge.hppc(soc=2), cellforge.InvalidInputError),
    (lambda s, src: cellforge.bpx.read(src / "examples" / "recipe_sn_ni.json"), cellforge.InvalidInputError),
    (lambda s, src: cellforge.bpx.write("chen2020", src / "no" / "such" / "dir" / "x.json"), cellforge.FileError),
    (lambda s, src: cellforge.Experiment(["Charge at 1C until"]), cellforge.InvalidInputError),
]


def test_bad_input_under_threads(source_dir):
    sol = cellforge.simulate(model="spm", crate=1, mesh=6)
    good = cellforge.design(source_dir / "examples" / "recipe_sn_ni.json")
    errors = []

    def work(k):
        try:
            for i in range(len(BAD)):
                fn, exc = BAD[(i + k) % len(BAD)]
                with pytest.raises(exc):
                    fn(sol, source_dir)
                assert cellforge.design(source_dir / "examples" / "recipe_sn_ni.json") == good
        except BaseException as e:  # noqa: BLE001 - collected and reported
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
