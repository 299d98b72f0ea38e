"""Loading a transformers checkpoint for the ``hf:`` policy: processor, model class fallbacks, device placement.

Kept apart from :mod:`~mssbench_embodied.policies.hf` so the policy module stays about generation. torch and
transformers are imported inside :func:`load_checkpoint` only.

Example:
    >>> first_line(ValueError("bad config\\nmore detail"))
    'bad config'
"""

from __future__ import annotations

from typing import Any

from mssbench_embodied.policies.base import PolicyError
from mssbench_embodied.policies.hf_legacy import is_legacy_chat

#: Auto classes tried in order; the first that recognises the config loads the model.
MODEL_CLASSES = ("AutoModelForImageTextToText", "AutoModelForVision2Seq", "AutoModelForCausalLM")


#: How to get the ``hf`` extra (torch is installed first: its CPU or CUDA build is the user's choice).
INSTALL_HINT = "install torch for your platform first, then pip install '.[hf]' (or 'mssbench-embodied[hf]')"


def missing_hf_dependency() -> str | None:
    """The first of torch / transformers that cannot be imported, without importing either (``None`` if both are).

    Example:
        >>> missing_hf_dependency() in (None, "torch", "transformers")
        True
    """
    import importlib.util

    for name in ("torch", "transformers"):
        if importlib.util.find_spec(name) is None:
            return name
    return None


def load_checkpoint(
    model_id: str,
    *,
    dtype: str = "auto",
    device: str | None = None,
    device_map: str | None = None,
    trust_remote_code: bool = False,
    revision: str | None = None,
    attn_implementation: str | None = None,
) -> tuple[Any, Any, bool]:
    """Load processor and model; returns ``(processor, model, legacy_chat)``.

    The tokenizer pads on the left (batched generation) and gets a pad token (its EOS) if it has none.
    ``device_map="auto"`` is used when CUDA and accelerate are available and neither ``device`` nor
    ``device_map`` is given. ``legacy_chat`` is true for remote-code checkpoints without a chat template that
    answer through ``model.chat`` (see :mod:`~mssbench_embodied.policies.hf_legacy`).

    Raises:
        PolicyError: torch/transformers missing, unreadable checkpoint, no Auto class fits, or no way to chat.
    """
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise PolicyError(
            f"hf policy needs torch and transformers ({exc.name} missing): {INSTALL_HINT}"
        ) from None
    common: dict[str, Any] = {"trust_remote_code": trust_remote_code}
    if revision:
        common["revision"] = revision
    try:
        processor = transformers.AutoProcessor.from_pretrained(model_id, **common)
    except (OSError, ValueError) as exc:
        hint = "" if trust_remote_code else " (a checkpoint with its own code needs trust_remote_code: true)"
        raise PolicyError(f"hf:{model_id}: cannot load the processor: {first_line(exc)}{hint}") from None
    tokenizer = getattr(processor, "tokenizer", processor)
    tokenizer.padding_side = "left"
    if getattr(tokenizer, "pad_token", None) is None and getattr(tokenizer, "eos_token", None) is not None:
        tokenizer.pad_token = tokenizer.eos_token
    has_template = bool(
        getattr(processor, "chat_template", None) or getattr(tokenizer, "chat_template", None)
    )
    if not has_template and not trust_remote_code:
        raise PolicyError(f"hf:{model_id}: the checkpoint has no chat template (chat_template.jinja)")

    kwargs: dict[str, Any] = dict(common)
    kwargs["dtype"] = dtype if dtype == "auto" else getattr(torch, dtype)
    if attn_implementation:
        kwargs["attn_implementation"] = attn_implementation
    if device_map is None and device is None and torch.cuda.is_available() and has_accelerate():
        device_map = "auto"
    if device_map is not None:
        kwargs["device_map"] = device_map
    errors: list[str] = []
    model = None
    for class_name in MODEL_CLASSES:
        auto_class = getattr(transformers, class_name, None)
        if auto_class is None:
            continue
        try:
            model = auto_class.from_pretrained(model_id, **kwargs)
            break
        except ValueError as exc:  # "Unrecognized configuration class ... for this kind of AutoModel"
            errors.append(f"{class_name}: {first_line(exc)}")
        except OSError as exc:
            raise PolicyError(f"hf:{model_id}: cannot load the weights: {first_line(exc)}") from None
    if model is None:
        raise PolicyError(f"hf:{model_id}: no Auto class can load it ({'; '.join(errors)})")
    legacy = not has_template and is_legacy_chat(model, tokenizer)
    if not has_template and not legacy:
        raise PolicyError(f"hf:{model_id}: no chat template, and its remote code has no model.chat either")
    if device_map is None:
        model.to(device or ("cuda" if torch.cuda.is_available() else "cpu"))
    model.eval()
    return processor, model, legacy


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (at most 300 characters), or its type name."""
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def has_accelerate() -> bool:
    """Whether ``accelerate`` (needed for ``device_map``) is installed."""
    try:
        import accelerate  # noqa: F401
    except ImportError:
        return False
    return True


def stop_ids(model: Any, tokenizer: Any) -> set[int]:
    """Token ids that end a reply: the generation config's and tokenizer's EOS ids, and the pad id."""
    ids: set[int] = set()
    for source in (getattr(model, "generation_config", None), tokenizer):
        value = getattr(source, "eos_token_id", None)
        if isinstance(value, int):
            ids.add(value)
        elif isinstance(value, (list, tuple)):
            ids.update(int(v) for v in value)
    pad = getattr(tokenizer, "pad_token_id", None)
    if isinstance(pad, int):
        ids.add(pad)
    return ids
