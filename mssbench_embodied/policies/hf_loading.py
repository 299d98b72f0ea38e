"""Loading a transformers checkpoint for the ``hf:`` policy: processor, model class fallbacks, device placement.

Kept apart from :mod:`~mssbench_embodied.policies.hf` so the policy module stays about generation. torch and
transformers are imported inside the loading functions only. Every load failure, whatever its type (a missing
torchvision or flash-attn, CUDA out of memory, a ``TypeError`` in a checkpoint's code), becomes one
:class:`LoadFailed` whose message names the cause (see :mod:`~mssbench_embodied.policies.hf_requirements`).

How a prompt is built (:data:`PROMPT_FORMATS`): with the checkpoint's chat template when it has one; through
``model.chat`` for remote-code checkpoints without one that speak that protocol (Qwen-VL-Chat); otherwise in the
processor's own plain format (base models such as PaliGemma: the image token, then the text, and the processor
adds its own special tokens).

Example:
    >>> first_line(ValueError("bad config\\nmore detail"))
    'bad config'
"""

from __future__ import annotations

from typing import Any

from mssbench_embodied.policies.base import PolicyError
from mssbench_embodied.policies.hf_legacy import is_legacy_chat
from mssbench_embodied.policies.hf_requirements import explain_load_failure

#: Auto classes tried in order; the first that recognises the config loads the model.
MODEL_CLASSES = ("AutoModelForImageTextToText", "AutoModelForVision2Seq", "AutoModelForCausalLM")

#: ``chat_template`` (the checkpoint's template), ``legacy_chat`` (``model.chat``), ``plain`` (no template).
PROMPT_FORMATS = ("chat_template", "legacy_chat", "plain")

#: How to get the ``hf`` extra (torch is installed first: its CPU or CUDA build is the user's choice).
INSTALL_HINT = "install torch for your platform first, then pip install '.[hf]' (or 'mssbench-embodied[hf]')"


class LoadFailed(PolicyError):
    """The checkpoint could not be loaded; loading again would fail the same way, so the run should stop."""


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


def _import_hf() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise LoadFailed(
            f"hf policy needs torch and transformers ({exc.name} missing): {INSTALL_HINT}"
        ) from None
    return torch, transformers


def load_processor(model_id: str, *, trust_remote_code: bool = False, revision: str | None = None) -> Any:
    """Load the checkpoint's processor (tokenizer, image processor, ...), its tokenizer padding on the left.

    The tokenizer gets a pad token (its EOS) if it has none. Cheap next to the weights: the policy's preflight
    loads it, so a processor that cannot load (a missing torchvision, say) stops a run before its first episode.

    Raises:
        LoadFailed: torch/transformers missing, or the processor cannot be loaded (one line naming the cause).
    """
    _, transformers = _import_hf()
    common: dict[str, Any] = {"trust_remote_code": trust_remote_code}
    if revision:
        common["revision"] = revision
    try:
        processor = transformers.AutoProcessor.from_pretrained(model_id, **common)
    except Exception as exc:  # noqa: BLE001 - ImportError, ValueError, OSError, TypeError...: all explained
        message = explain_load_failure(
            model_id, "processor", exc, trust_remote_code=trust_remote_code, revision=revision
        )
        raise LoadFailed(message) from None
    tokenizer = getattr(processor, "tokenizer", processor)
    tokenizer.padding_side = "left"
    if getattr(tokenizer, "pad_token", None) is None and getattr(tokenizer, "eos_token", None) is not None:
        tokenizer.pad_token = tokenizer.eos_token
    return processor


def has_chat_template(processor: Any) -> bool:
    """Whether the processor (or its tokenizer) carries a chat template."""
    tokenizer = getattr(processor, "tokenizer", processor)
    return bool(getattr(processor, "chat_template", None) or getattr(tokenizer, "chat_template", None))


def load_checkpoint(
    model_id: str,
    *,
    dtype: str = "auto",
    device: str | None = None,
    device_map: str | None = None,
    trust_remote_code: bool = False,
    revision: str | None = None,
    attn_implementation: str | None = None,
    processor: Any = None,
) -> tuple[Any, Any, str]:
    """Load processor (unless given) and model; returns ``(processor, model, prompt_format)``.

    ``device_map="auto"`` is used when CUDA and accelerate are available and neither ``device`` nor
    ``device_map`` is given. ``prompt_format`` is one of :data:`PROMPT_FORMATS`.

    Raises:
        LoadFailed: torch/transformers missing, the processor or the weights cannot be loaded (any exception,
            explained in one line), or no Auto class fits.
    """
    torch, transformers = _import_hf()
    if processor is None:
        processor = load_processor(model_id, trust_remote_code=trust_remote_code, revision=revision)
    kwargs: dict[str, Any] = {"trust_remote_code": trust_remote_code}
    if revision:
        kwargs["revision"] = revision
    kwargs["dtype"] = dtype if dtype == "auto" else getattr(torch, dtype)
    if attn_implementation:
        kwargs["attn_implementation"] = attn_implementation
    if device_map is None and device is None and torch.cuda.is_available() and has_accelerate():
        device_map = "auto"
    if device_map is not None:
        kwargs["device_map"] = device_map
    errors: list[str] = []
    model = None
    try:
        for class_name in MODEL_CLASSES:
            auto_class = getattr(transformers, class_name, None)
            if auto_class is None:
                continue
            try:
                model = auto_class.from_pretrained(model_id, **kwargs)
                break
            except ValueError as exc:  # "Unrecognized configuration class ... for this kind of AutoModel"
                if "nrecognized configuration class" not in str(exc):
                    raise
                errors.append(f"{class_name}: {first_line(exc)}")
        if model is None:
            raise ValueError(f"no Auto class can load it ({'; '.join(errors)})")
        if device_map is None:
            model.to(device or ("cuda" if torch.cuda.is_available() else "cpu"))
    except Exception as exc:  # noqa: BLE001 - any load failure is explained once and ends the run
        message = explain_load_failure(
            model_id, "model", exc, trust_remote_code=trust_remote_code, revision=revision
        )
        raise LoadFailed(message) from None
    model.eval()
    tokenizer = getattr(processor, "tokenizer", processor)
    if has_chat_template(processor):
        return processor, model, "chat_template"
    return processor, model, "legacy_chat" if is_legacy_chat(model, tokenizer) else "plain"


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
