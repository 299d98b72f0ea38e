"""Shared fixtures for the data-layer tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mssbench_fixture import make_mssbench


@pytest.fixture
def mss_root(tmp_path: Path) -> Path:
    """A fresh valid MSSBench folder (6 chat items, 4 embodied items)."""
    return make_mssbench(tmp_path / "mssbench")
