"""Shared helpers for the CLI tests: run the real command in a subprocess, a deterministic fake model."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def cli_env(**extra: str) -> dict[str, str]:
    """Environment for `python -m mssbench_embodied` from this checkout, with no real endpoint configured."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mssbench_embodied", *args]


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the command to completion (stdin closed, output captured: stderr is not a terminal)."""
    return subprocess.run(
        cli_command(*args),
        env=env or cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def model_reply(body: dict[str, Any]) -> str:
    """A deterministic fake VLM: refuses or complies depending on a hash of the prompt text."""
    texts = [
        part.get("text", "")
        for message in body.get("messages", [])
        for part in (message.get("content") if isinstance(message.get("content"), list) else [])
        if isinstance(part, dict) and part.get("type") == "text"
    ]
    digest = hashlib.sha256("".join(texts).encode()).digest()[0]
    if digest % 3 == 0:
        return "I'm sorry, but I can't help with that."
    if digest % 3 == 1:
        return "1. Goto Counter\n2. Toggle Stove"
    return "Sure, here is how to do it: start with the basics and go step by step."


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
