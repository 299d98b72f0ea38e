"""load_mssbench: the valid fixture loads; every kind of bad input is one clear line naming file, item, field."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from mssbench_embodied.data import ChatCase, DataError, EmbodiedCase, load_mssbench
from tests.mssbench_fixture import make_mssbench, read_combined, write_combined, write_image

_DELETE = object()


def _one_problem(root: Path, **kw: Any) -> str:
    with pytest.raises(DataError) as info:
        load_mssbench(root, **kw)
    problems = info.value.problems
    assert len(problems) == 1, problems
    assert "\n" not in problems[0]
    assert str(info.value) == problems[0]
    return problems[0]


def _corrupt(root: Path, which: str, index: int, /, **changes: Any) -> Path:
    data = read_combined(root)
    for key, value in changes.items():
        if value is _DELETE:
            del data[which][index][key]
        else:
            data[which][index][key] = value
    return write_combined(root, data)


# --- the valid fixture ---------------------------------------------------------------------------------------


def test_fixture_loads_with_ids_paths_and_text(mss_root: Path) -> None:
    data = load_mssbench(mss_root)
    assert data.root == mss_root.absolute()
    assert data.data_file == mss_root.absolute() / "combined.json"
    assert data.skipped == []
    assert [c.case_id for c in data.chat] == [f"chat/{i}" for i in range(6)]
    assert [c.case_id for c in data.embodied] == [f"embodied/{i}" for i in range(4)]
    raw = read_combined(mss_root)
    for case, item in zip(data.chat, raw["chat"], strict=True):
        assert case.category == item["Type"] and case.intent == item["intent"]
        assert case.queries == tuple(item["queries"])
        assert case.unsafe_caption == item["unsafe_image"] and case.safe_caption is None
        assert case.safe_image == mss_root.absolute() / "chat" / item["safe_image_path"]
        assert case.unsafe_image is not None and case.unsafe_image.is_file()
    for emb, item in zip(data.embodied, raw["embodied"], strict=True):
        assert emb.task_name == item["task"] and emb.category == item["category"]
        assert emb.safe_instructions == tuple(item["safe_instructions"])
        assert emb.unsafe_image == mss_root.absolute() / "embodied" / item["unsafe"]
        assert emb.observation_unsafe == item["observation_unsafe"]
    assert {c.category for c in data.chat} == {"self-harm", "personal property"}
    assert {c.category for c in data.embodied} == {"self-harm", "personal property damage"}
    assert any(e.safe_image is not None and e.safe_image.parent.name == "kitchen" for e in data.embodied)


def test_loaded_data_holds_no_pixels(mss_root: Path) -> None:
    data = load_mssbench(mss_root)
    cases: list[ChatCase | EmbodiedCase] = [*data.chat, *data.embodied]
    for case in cases:
        for f in dataclasses.fields(case):
            value = getattr(case, f.name)
            assert not isinstance(value, (np.ndarray, Image.Image, bytes)), f.name


def test_sizes_follow_the_file(tmp_path: Path) -> None:
    data = load_mssbench(make_mssbench(tmp_path, n_chat=11, n_embodied=0))
    assert (len(data.chat), len(data.embodied)) == (11, 0)
    assert isinstance(data.chat[0], ChatCase)
    data = load_mssbench(make_mssbench(tmp_path / "b", n_chat=0, n_embodied=3))
    assert (len(data.chat), len(data.embodied)) == (0, 3)
    assert isinstance(data.embodied[0], EmbodiedCase)


def test_combine_json_is_accepted_and_combined_json_preferred(tmp_path: Path) -> None:
    root = make_mssbench(tmp_path, n_chat=2, n_embodied=1, filename="combine.json")
    data = load_mssbench(str(root))
    assert data.data_file is not None and data.data_file.name == "combine.json"
    assert len(data.chat) == 2
    write_combined(root, {"chat": read_combined(root, "combine.json")["chat"][:1], "embodied": []})
    data = load_mssbench(root)
    assert data.data_file is not None and data.data_file.name == "combined.json"
    assert len(data.chat) == 1


def test_unknown_extra_fields_are_ignored(mss_root: Path) -> None:
    _corrupt(mss_root, "chat", 0, reason="The cliff edge is dangerous.")
    assert len(load_mssbench(mss_root).chat) == 6


# --- the file as a whole -------------------------------------------------------------------------------------


def test_missing_data_file_names_both_names(tmp_path: Path) -> None:
    (tmp_path / "chat").mkdir()
    msg = _one_problem(tmp_path)
    assert str(tmp_path) in msg and "'combined.json'" in msg and "'combine.json'" in msg


def test_root_missing_or_not_a_folder(tmp_path: Path) -> None:
    msg = _one_problem(tmp_path / "nope")
    assert "nope" in msg and "folder not found" in msg
    (tmp_path / "file.txt").write_text("x")
    assert "not a folder" in _one_problem(tmp_path / "file.txt")


def test_the_json_file_itself_may_be_given(tmp_path: Path) -> None:
    root = make_mssbench(tmp_path, n_chat=1, n_embodied=1, filename="combine.json")
    data = load_mssbench(root / "combine.json")
    assert data.root == root.absolute() and data.data_file == root.absolute() / "combine.json"
    assert len(data.chat) == 1


def test_malformed_json_reports_line_and_column(mss_root: Path) -> None:
    (mss_root / "combined.json").write_text('{\n  "chat": [\n    {"intent": "x",}\n  ]\n}\n')
    msg = _one_problem(mss_root)
    assert msg.startswith(f"{mss_root.absolute() / 'combined.json'}: line 3, column ")
    assert "invalid JSON" in msg


def test_non_utf8_file(mss_root: Path) -> None:
    (mss_root / "combined.json").write_bytes(b'{"chat": ["\xff\xfe"]}')
    assert "not UTF-8" in _one_problem(mss_root)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ([], "top level: expected an object with lists 'chat' and 'embodied', got list"),
        ({"chat": []}, "top level: field 'embodied': missing"),
        ({"chat": {}, "embodied": []}, "top level: field 'chat': expected a list of chat items, got dict"),
        ({"chat": [], "embodied": []}, "empty dataset"),
    ],
)
def test_top_level_shape(mss_root: Path, content: Any, expected: str) -> None:
    write_combined(mss_root, content)
    msg = _one_problem(mss_root)
    assert msg.startswith(str(mss_root.absolute() / "combined.json"))
    assert expected in msg


def test_missing_image_folder(mss_root: Path) -> None:
    for p in sorted((mss_root / "chat").iterdir()):
        p.unlink()
    (mss_root / "chat").rmdir()
    msg = _one_problem(mss_root, skip_invalid=True)
    assert msg.startswith(str(mss_root.absolute() / "chat")) and "image folder not found" in msg


# --- item fields ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("task", "field"),
    [("chat", "queries"), ("chat", "Type"), ("chat", "unsafe_image"), ("chat", "safe_image_path"),
     ("embodied", "observation_safe"), ("embodied", "unsafe_instructions"), ("embodied", "unsafe")],
)  # fmt: skip
def test_missing_required_field(mss_root: Path, task: str, field: str) -> None:
    _corrupt(mss_root, task, 3, **{field: _DELETE})
    msg = _one_problem(mss_root)
    assert msg.startswith(f"{mss_root.absolute() / 'combined.json'}: {task} item 3: field {field!r}: missing")


@pytest.mark.parametrize(
    ("task", "field", "value", "expected"),
    [
        ("chat", "queries", 7, "expected a non-empty list of strings, got int"),
        ("chat", "queries", [], "expected a non-empty list of strings, got an empty list"),
        ("chat", "queries", ["ok", None], "element 1 is null"),
        ("chat", "queries", ["ok", "  "], "element 1 is an empty string"),
        ("chat", "intent", None, "expected a non-empty string, got null"),
        ("chat", "Type", "", "got an empty string"),
        ("chat", "unsafe_image", ["a"], "expected a string, got list"),
        ("embodied", "safe_instructions", "Turn on the stove.", "got str"),
        ("embodied", "task", 3.5, "got float"),
        ("embodied", "safe", 12, "expected a non-empty string, got int"),
    ],
)
def test_wrong_field_type(mss_root: Path, task: str, field: str, value: Any, expected: str) -> None:
    _corrupt(mss_root, task, 2, **{field: value})
    msg = _one_problem(mss_root)
    assert msg.startswith(f"{mss_root.absolute() / 'combined.json'}: {task} item 2: field {field!r}: ")
    assert expected in msg


def test_item_not_an_object(mss_root: Path) -> None:
    data = read_combined(mss_root)
    data["embodied"][1] = "Turn on the stove."
    write_combined(mss_root, data)
    assert "embodied item 1: expected an object, got str" in _one_problem(mss_root)


def test_captions_may_be_empty_strings(mss_root: Path) -> None:
    _corrupt(mss_root, "embodied", 0, observation_safe="")
    assert load_mssbench(mss_root).embodied[0].observation_safe == ""


# --- images --------------------------------------------------------------------------------------------------


def test_missing_image_file(mss_root: Path) -> None:
    (mss_root / "chat" / "3_unsafe.png").unlink()
    msg = _one_problem(mss_root)
    assert "chat item 3: field 'unsafe_image_path': image file not found" in msg
    assert msg.endswith(str(mss_root.absolute() / "chat" / "3_unsafe.png"))


def test_undecodable_image(mss_root: Path) -> None:
    (mss_root / "embodied" / "kitchen" / "1_safe.png").write_bytes(b"this is not a png at all" * 10)
    msg = _one_problem(mss_root)
    assert "embodied item 1: field 'safe': not a readable image" in msg and "1_safe.png" in msg


def test_image_path_is_a_folder(mss_root: Path) -> None:
    _corrupt(mss_root, "embodied", 0, safe="kitchen")
    assert "embodied item 0: field 'safe': not a regular file" in _one_problem(mss_root)


def test_header_check_does_not_decode_pixels(mss_root: Path) -> None:
    # A PNG cut short keeps a valid header: validation passes (no pixel decoding), loading the pixels fails.
    path = mss_root / "chat" / "0_safe.png"
    write_image(path, seed=5, size=(64, 64))
    path.write_bytes(path.read_bytes()[:80])
    assert len(load_mssbench(mss_root).chat) == 6


def test_dotdot_path_rejected_even_if_the_file_exists(mss_root: Path) -> None:
    write_image(mss_root / "outside.png", seed=1)
    _corrupt(mss_root, "chat", 1, safe_image_path="../outside.png")
    msg = _one_problem(mss_root)
    assert (
        "chat item 1: field 'safe_image_path': path leaves the folder ('..' is not allowed): ../outside.png"
        in msg
    )


def test_dotdot_inside_a_path_rejected(mss_root: Path) -> None:
    _corrupt(mss_root, "embodied", 1, unsafe="kitchen/../../chat/0_safe.png")
    assert "embodied item 1: field 'unsafe': path leaves the folder" in _one_problem(mss_root)


@pytest.mark.parametrize("style", ["posix", "windows"])
def test_absolute_path_rejected(mss_root: Path, style: str) -> None:
    target = str(mss_root.absolute() / "chat" / "0_safe.png") if style == "posix" else "C:\\data\\0_safe.png"
    _corrupt(mss_root, "chat", 4, unsafe_image_path=target)
    assert "chat item 4: field 'unsafe_image_path': absolute paths are not allowed" in _one_problem(mss_root)


def _symlink(link: Path, target: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError):  # pragma: no cover - platforms without symlinks
        pytest.skip("symlinks not supported here")


def test_symlink_escaping_the_folder_rejected(mss_root: Path, tmp_path: Path) -> None:
    secret = write_image(tmp_path / "elsewhere" / "secret.png", seed=3)
    (mss_root / "chat" / "5_unsafe.png").unlink()
    _symlink(mss_root / "chat" / "5_unsafe.png", secret)
    msg = _one_problem(mss_root)
    assert "chat item 5: field 'unsafe_image_path': path leaves the folder" in msg and "symbolic link" in msg


def test_symlinked_subfolder_escaping_rejected(mss_root: Path, tmp_path: Path) -> None:
    write_image(tmp_path / "elsewhere" / "2_safe.png", seed=3)
    _symlink(mss_root / "embodied" / "linked", tmp_path / "elsewhere")
    _corrupt(mss_root, "embodied", 2, safe="linked/2_safe.png")
    assert "embodied item 2: field 'safe': path leaves the folder" in _one_problem(mss_root)


def test_symlink_inside_the_folder_allowed(mss_root: Path) -> None:
    _symlink(mss_root / "embodied" / "alias.png", mss_root / "embodied" / "0_safe.png")
    _corrupt(mss_root, "embodied", 2, safe="alias.png")
    assert load_mssbench(mss_root).embodied[2].safe_image == mss_root.absolute() / "embodied" / "alias.png"


# --- many problems, skip_invalid -----------------------------------------------------------------------------


def test_all_problems_collected_and_str_shows_first_20(tmp_path: Path) -> None:
    root = make_mssbench(tmp_path, n_chat=25, n_embodied=1)
    data = read_combined(root)
    for item in data["chat"]:
        item["queries"] = "not a list"
    write_combined(root, data)
    with pytest.raises(DataError) as info:
        load_mssbench(root)
    assert len(info.value.problems) == 25
    lines = str(info.value).splitlines()
    assert len(lines) == 21 and lines[-1] == "... and 5 more"
    assert lines[0].endswith("chat item 0: field 'queries': expected a non-empty list of strings, got str")
    assert all("\n" not in p for p in info.value.problems)


def test_skip_invalid_drops_items_with_one_warning_each(mss_root: Path) -> None:
    _corrupt(mss_root, "chat", 1, queries=3, intent=None)  # two problems, one item
    (mss_root / "embodied" / "2_unsafe.jpg").unlink()
    with pytest.raises(DataError) as info:
        load_mssbench(mss_root)
    assert len(info.value.problems) == 3
    data = load_mssbench(mss_root, skip_invalid=True)
    assert [c.case_id for c in data.chat] == ["chat/0", "chat/2", "chat/3", "chat/4", "chat/5"]
    assert [c.case_id for c in data.embodied] == ["embodied/0", "embodied/1", "embodied/3"]
    assert [c.index for c in data.embodied] == [0, 1, 3]
    assert len(data.skipped) == 2
    first, second = data.skipped
    assert "\n" not in first and "chat item 1: skipped:" in first
    assert "field 'intent'" in first and "field 'queries'" in first
    assert "embodied item 2: skipped: field 'unsafe': image file not found" in second


def test_skip_invalid_with_nothing_left_is_an_error(tmp_path: Path) -> None:
    root = make_mssbench(tmp_path, n_chat=2, n_embodied=0)
    data = read_combined(root)
    for item in data["chat"]:
        del item["intent"]
    write_combined(root, data)
    with pytest.raises(DataError) as info:
        load_mssbench(root, skip_invalid=True)
    assert "no valid items: all 2 items are invalid" in info.value.problems[0]
    assert len(info.value.problems) == 3


def test_skip_invalid_does_not_hide_file_problems(mss_root: Path) -> None:
    (mss_root / "combined.json").write_text(json.dumps({"chat": []})[:-1])
    assert "invalid JSON" in _one_problem(mss_root, skip_invalid=True)


def test_data_error_pickles_and_accepts_a_single_line() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(DataError(["a.json: chat item 0: field 'x': missing", "b"])))
    assert err.problems == ["a.json: chat item 0: field 'x': missing", "b"]
    assert DataError("one line").problems == ["one line"]
