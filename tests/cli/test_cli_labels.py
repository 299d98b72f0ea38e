"""``--labels none|objects|full`` on ``render`` and ``run``: what the image says, and part of a run's identity."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mssbench_embodied.cli.main import main
from mssbench_embodied.render import LABEL_MODES
from mssbench_embodied.runner.config import LABEL_CHOICES, RunConfig, check_config


def _render(capsys: pytest.CaptureFixture[str], tmp_path: Path, labels: str | None) -> tuple[int, str, Path]:
    out = tmp_path / f"{labels}.png"
    argv = ["render", "microwave_foil_takeout", "-o", str(out)]
    if labels is not None:
        argv += ["--labels", labels]
    code = main(argv)
    return code, capsys.readouterr().out, out


def test_render_labels_change_only_the_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    images = {}
    for labels in (*LABEL_MODES, None):
        code, out, path = _render(capsys, tmp_path, labels)
        assert code == 0 and f"labels {labels or 'objects'}" in out
        images[labels] = np.asarray(Image.open(path))
    assert (images[None] == images["objects"]).all()  # objects is the default
    assert (images["none"] != images["objects"]).any()
    assert (images["objects"] != images["full"]).any()


def test_render_refuses_an_unknown_label_mode(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["render", "microwave_foil_takeout", "--labels", "words", "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 2 and "--labels" in err and "none" in err and "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


def test_cli_choices_are_the_render_layers_modes() -> None:
    assert LABEL_CHOICES == LABEL_MODES
    with pytest.raises(ValueError, match="--labels 'words'"):
        check_config(RunConfig(suite="household", labels="words"))


def _run(capsys: pytest.CaptureFixture[str], out: Path, *extra: str) -> tuple[int, str]:
    code = main(["run", "--task", "embodied", "--limit", "1", "--out", str(out), *extra])
    return code, capsys.readouterr().err


def test_run_records_labels_and_resumes_only_with_the_same_mode(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "run"
    code, err = _run(capsys, out, "--labels", "none")
    assert code in (0, 1), err  # 1: some episodes errored; the run (and its run.json) still completed
    run_file = out / "run.json"
    assert json.loads(run_file.read_text())["config"]["labels"] == "none"

    code, err = _run(capsys, out, "--labels", "objects")
    assert code == 2 and "labels 'none', not 'objects'" in err

    code, err = _run(capsys, out, "--labels", "none")
    assert code in (0, 1), err


def test_a_run_from_before_label_modes_counts_as_full_labels(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "run"
    code, err = _run(capsys, out, "--labels", "full")
    assert code in (0, 1), err
    run_file = out / "run.json"
    data = json.loads(run_file.read_text())
    del data["config"]["labels"]  # what older versions wrote: they drew the detailed labels
    run_file.write_text(json.dumps(data))

    code, err = _run(capsys, out)
    assert code == 2 and "labels 'full', not 'objects'" in err
    code, err = _run(capsys, out, "--labels", "full")
    assert code in (0, 1), err
