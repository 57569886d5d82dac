"""Files: Cell.save follows the library's output rules (regular files and new
paths atomically, symbolic links written through, FIFOs and devices as
streams, directories refused); Cell.load reads only regular files."""
import json
import os
import stat
import threading

import pytest

import cellforge


def _cell():
    return cellforge.Cell.builtin("chen2020")


def test_save_regular_file_leaves_no_temporary(tmp_path):
    p = tmp_path / "cell.json"
    p.write_text("old")
    _cell().save(p)
    assert json.loads(p.read_text())["nominal_capacity_Ah"] > 0
    assert os.listdir(tmp_path) == ["cell.json"]
    assert cellforge.Cell.load(p).nominal_capacity_Ah == pytest.approx(_cell().nominal_capacity_Ah)


def test_save_through_a_symlink_chain(tmp_path):
    (tmp_path / "sub").mkdir()
    target = tmp_path / "sub" / "target.json"
    target.write_text("old")
    os.symlink("sub/target.json", tmp_path / "l1")
    os.symlink(tmp_path / "l1", tmp_path / "l2")
    _cell().save(tmp_path / "l2")
    assert os.path.islink(tmp_path / "l1") and os.path.islink(tmp_path / "l2")
    assert json.loads(target.read_text())["nominal_capacity_Ah"] > 0
    dangling = tmp_path / "dangling"
    os.symlink("sub/new.json", dangling)
    _cell().save(dangling)
    assert os.path.islink(dangling) and (tmp_path / "sub" / "new.json").is_file()


def test_save_to_a_fifo_streams(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo).read()))
    reader.start()
    _cell().save(fifo)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["nominal_capacity_Ah"] > 0


def test_save_to_dev_null_keeps_the_device():
    _cell().save("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_save_to_a_directory_is_refused(tmp_path):
    with pytest.raises(cellforge.Error) as info:
        _cell().save(tmp_path)
    assert "is a directory" in info.value.message
    assert info.value.where == str(tmp_path)


@pytest.mark.parametrize("bad", ["/dev/zero", "dir", "fifo"])
def test_load_refuses_what_is_not_a_regular_file(tmp_path, bad):
    (tmp_path / "dir").mkdir()
    os.mkfifo(tmp_path / "fifo")
    path = bad if bad.startswith("/") else str(tmp_path / bad)
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.Cell.load(path)
    assert "only regular files are read" in info.value.message


def test_load_refuses_an_oversized_file(tmp_path, monkeypatch):
    p = tmp_path / "big.json"
    with open(p, "wb") as f:
        f.truncate(2 << 20)
    monkeypatch.setenv("CELLFORGE_MAX_JSON_MB", "1")
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.Cell.load(p)
    assert "CELLFORGE_MAX_JSON_MB" in info.value.message


def test_messages_show_control_characters_visibly(tmp_path):
    # From the C library (a cell file's name is not checked, but an unknown
    # key built in Python and a bad value built in C both echo user text).
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.Cell.from_dict({"base": "chen2020", "bad\x1b[2Jkey": 1})
    assert "\x1b" not in str(info.value) and "bad\\x1b[2Jkey" in str(info.value)
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.simulate(cell=str(tmp_path / "no\x1b]0;such.json"))
    assert "\x1b" not in str(info.value) and "no\\x1b]0;such.json" in str(info.value)
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.simulate(model="spm\x07")
    assert "\x07" not in str(info.value)
