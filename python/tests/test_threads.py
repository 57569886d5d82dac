"""Simulations release the GIL and share no state: concurrent runs give the
same arrays as serial ones, and Python code keeps running meanwhile."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import cellforge

COLUMNS = ("t", "current", "voltage", "capacity", "energy", "step", "cycle")


def cases():
    """Eight different runs (so a mix-up between threads would show)."""
    out = []
    for i in range(8):
        cell = cellforge.Cell.builtin("chen2020")
        cell.negative.thickness_m = (70 + 3 * i) * 1e-6
        out.append((cell, {"crate": 0.5 + 0.1 * i}))
    return out


def run(case):
    cell, kw = case
    return cellforge.simulate(cell, model="dfn", mesh=10, **kw)


def same(a, b):
    return all(np.array_equal(getattr(a, c), getattr(b, c)) for c in COLUMNS) and a.cycles == b.cycles


def test_eight_concurrent_runs_equal_serial_runs():
    cs = cases()
    serial = [run(c) for c in cs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(run, cs))
    for s, p in zip(serial, parallel):
        assert same(s, p)
    # and the runs do differ from each other
    assert len({round(s.capacity_Ah, 9) for s in serial}) == 8


def test_concurrent_protocol_runs():
    proto = "Discharge at 1C until 3.2 V; Rest for 5 minutes; Charge at 1C until 4.1 V"
    serial = cellforge.simulate(model="spme", protocol=proto)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: cellforge.simulate(model="spme", protocol=proto), range(8)))
    assert all(same(serial, r) for r in results)


def test_gil_is_released_during_a_run():
    # One long run in a thread; if the GIL were held the main thread could
    # not execute a single bytecode until it returned.
    done = threading.Event()
    started = threading.Event()

    def worker():
        started.set()
        cellforge.simulate(model="dfn", mesh=60, rtol=1e-8)
        done.set()

    t = threading.Thread(target=worker)
    t.start()
    started.wait()
    count = 0
    t0 = time.perf_counter()
    while not done.is_set():
        count += 1
    elapsed = time.perf_counter() - t0
    t.join()
    assert elapsed > 0.02, "the run was too short to tell"
    assert count > 1000, f"main thread ran {count} iterations in {elapsed * 1e3:.0f} ms"


def test_simulation_objects_reuse_the_plan_and_refuse_sharing():
    sim = cellforge.Simulation("chen2020", model="dfn", mesh=10)
    fresh = cellforge.simulate(mesh=10, crate=2)
    # a reused plan gives what a fresh one gives, run after run
    for _ in range(3):
        assert same(sim.solve(crate=2), fresh)
    # one Simulation per thread works in parallel
    sims = [cellforge.Simulation("chen2020", model="dfn", mesh=10) for _ in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda s: s.solve(crate=2), sims))
    assert all(same(r, fresh) for r in results)
    # sharing one between threads is refused, not raced
    shared = cellforge.Simulation("chen2020", model="dfn", mesh=40)
    errors = []

    def hammer():
        try:
            for _ in range(3):
                shared.solve()
        except RuntimeError as e:
            errors.append(str(e))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:  # depends on timing; when it happens the message says why
        assert "one Simulation per thread" in errors[0]


def test_changing_a_cell_during_runs_is_safe():
    # simulate() copies the cell at the call: a thread changing it meanwhile
    # (even swapping a table function) affects only later runs.
    cell = cellforge.Cell.builtin("chen2020")
    stop = threading.Event()

    def mutate():
        x = np.linspace(0.0, 1.0, 50)
        while not stop.is_set():
            cell.electrolyte.conductivity_S_m = (x * 2000 + 1, np.full(50, 1.0))
            cell.electrolyte.conductivity_S_m = "nyman2008_conductivity"

    t = threading.Thread(target=mutate)
    t.start()
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            sols = list(pool.map(lambda _: cellforge.simulate(cell, model="spme", mesh=8), range(8)))
    finally:
        stop.set()
        t.join()
    assert all(np.isfinite(s.voltage).all() for s in sols)
