"""The examples in the llm-layer docstrings (client, retries, images, options, loopback server) run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "mssbench_embodied.llm",
    "mssbench_embodied.llm.chat_client",
    "mssbench_embodied.llm.images",
    "mssbench_embodied.llm.local_server",
    "mssbench_embodied.llm.options",
    "mssbench_embodied.llm.retry",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
