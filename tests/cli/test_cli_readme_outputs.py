"""README examples write under runs/ (ignored by git), never into the repository root."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.cli.helpers import REPO, cli_command, cli_env

OUTPUT_FLAG = re.compile(r"mssbench-embodied\s.*?(?:\s-o|\s--output|\s--out)\s+(\S+)")


def readme_commands() -> list[str]:
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", (REPO / "README.md").read_text(), re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.startswith("mssbench-embodied ")]


def test_every_readme_output_goes_under_runs() -> None:
    outputs = [m.group(1) for line in readme_commands() if (m := OUTPUT_FLAG.search(line))]
    assert len(outputs) >= 4  # run --out, compare -o, render -o ...
    assert [o for o in outputs if not o.startswith("runs/")] == []
    assert "runs/" in (REPO / ".gitignore").read_text().splitlines()


def test_quickstart_compare_and_render_leave_the_working_folder_clean(tmp_path: Path) -> None:
    lines = [line.split("#")[0].split() for line in readme_commands()[:4]]
    assert [words[1] for words in lines] == ["run", "run", "compare", "render"]
    for words in lines:
        if words[1] == "run":
            words += ["--limit", "1"]  # the README's runs, shortened
        done = subprocess.run(
            cli_command(*words[1:]), cwd=tmp_path, env=cli_env(), capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, (words, done.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["runs"]
