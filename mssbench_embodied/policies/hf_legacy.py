"""Remote-code chat checkpoints from before transformers' processor API (Qwen-VL-Chat and its kind).

Such a checkpoint (loaded with ``trust_remote_code``) has no processor or chat template; instead its tokenizer
builds a query with ``from_list_format([{"image": path}, {"text": prompt}])`` and the model answers with
``model.chat(tokenizer, query=..., history=None)``, reading the image from the file path. This is how the MSSBench
reference code ran Qwen-VL-Chat. Requests are answered one at a time, the image is written to a temporary PNG,
and decoding is greedy unless a temperature is set.

Example:
    >>> class Tok:
    ...     def from_list_format(self, parts): return ""
    >>> class Model:
    ...     def chat(self, tokenizer, query, history): return "", []
    >>> is_legacy_chat(Model(), Tok())
    True
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any


def is_legacy_chat(model: Any, tokenizer: Any) -> bool:
    """Whether a model/tokenizer pair speaks the ``from_list_format`` + ``model.chat`` protocol."""
    return callable(getattr(model, "chat", None)) and callable(getattr(tokenizer, "from_list_format", None))


def legacy_chat_answer(
    model: Any,
    tokenizer: Any,
    prompt: str,
    image: Any,
    *,
    max_new_tokens: int,
    temperature: float = 0.0,
    top_p: float | None = None,
    system: str | None = None,
) -> str:
    """One answer through ``model.chat``.

    Args:
        model: The remote-code model (has ``chat``).
        tokenizer: Its tokenizer (has ``from_list_format``).
        prompt: The text prompt.
        image: A PIL image or ``None``.
        max_new_tokens: Generation budget.
        temperature: 0 = greedy (the default), else sampling at this temperature.
        top_p: Nucleus cut when sampling.
        system: System message; ``None`` keeps the model's own default.

    Returns:
        The reply text.
    """
    config = copy.deepcopy(getattr(model, "generation_config", None))
    if config is not None:
        config.max_new_tokens = max_new_tokens
        config.do_sample = temperature > 0
        if temperature > 0:
            config.temperature = temperature
            config.top_p = top_p
        else:
            config.temperature = config.top_p = config.top_k = None
    kwargs: dict[str, Any] = {"history": None}
    if config is not None:
        kwargs["generation_config"] = config
    if system is not None:
        kwargs["system"] = system
    with tempfile.TemporaryDirectory(prefix="mssbench-img-") as tmp:
        parts: list[dict[str, str]] = []
        if image is not None:
            path = Path(tmp) / "image.png"
            image.save(path)
            parts.append({"image": str(path)})
        parts.append({"text": prompt})
        query = tokenizer.from_list_format(parts)
        reply = model.chat(tokenizer, query=query, **kwargs)
    text = reply[0] if isinstance(reply, tuple) else reply
    return str(text).strip()
