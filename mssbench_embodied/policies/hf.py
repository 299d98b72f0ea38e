"""``hf:<model id or local folder>``: a transformers vision-language model, generating in batches.

Loading is lazy (nothing is imported or read until the first :meth:`HFPolicy.generate`), so building the policy
is cheap and the core package needs neither torch nor transformers. The model is loaded with ``AutoProcessor``
and ``AutoModelForImageTextToText`` (falling back to ``AutoModelForVision2Seq`` / ``AutoModelForCausalLM``), the
prompt is rendered with the processor's chat template (image first, then the text), and decoding is greedy
unless a temperature is set. Concurrent requests are micro-batched into one ``model.generate`` with left padding
(``batch_size``, default 8), so run with ``--concurrency`` at least the batch size.

``trust_remote_code`` stays off unless a preset or option turns it on; remote-code checkpoints without a chat
template but with ``model.chat`` (Qwen-VL-Chat) are answered through it (see
:mod:`~mssbench_embodied.policies.hf_legacy`); other checkpoints without a template (base models such as PaliGemma)
get the processor's own plain format. A local folder works offline.

:meth:`HFPolicy.preflight` checks the packages the checkpoint needs (``requires``, e.g. torchvision for the video
processors of Qwen2-VL, Qwen2.5-VL, LLaVA-OneVision, InternVL3 and SmolVLM2) and loads the processor, so most
load failures end a run before its first episode. A load that fails later (the weights: CUDA out of memory, a
missing flash-attn, an error in the checkpoint's code) is tried once: every request then raises
:class:`~mssbench_embodied.llm.retry.EndpointHalt`, which stops a run with one line naming the cause.

Example:
    >>> policy = HFPolicy("llava-hf/llava-v1.6-vicuna-7b-hf", image_size=224, batch_size=16)
    >>> policy.name, policy.loaded  # nothing downloaded or imported yet
    ('hf:llava-hf/llava-v1.6-vicuna-7b-hf', False)
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mssbench_embodied.llm.images import resize_square, to_pil
from mssbench_embodied.llm.options import split_options
from mssbench_embodied.llm.retry import EndpointHalt
from mssbench_embodied.policies.base import Policy, PolicyError, PolicyRequest, PolicyResponse
from mssbench_embodied.policies.batching import MicroBatcher
from mssbench_embodied.policies.hf_legacy import legacy_chat_answer
from mssbench_embodied.policies.hf_loading import (
    INSTALL_HINT,
    LoadFailed,
    first_line,
    load_checkpoint,
    load_processor,
    missing_hf_dependency,
    stop_ids,
)
from mssbench_embodied.policies.hf_requirements import checkpoint_needs, describe_missing, missing_packages
from mssbench_embodied.registry import SpecError, register_policy

DTYPES = ("auto", "bfloat16", "float16", "float32")
_DTYPE_ALIASES = {
    "bf16": "bfloat16",
    "fp16": "float16",
    "half": "float16",
    "fp32": "float32",
    "float": "float32",
}
DEFAULT_MAX_NEW_TOKENS = 512


@dataclass
class _Item:
    request: PolicyRequest
    max_new_tokens: int | None


@dataclass(frozen=True)
class _Output:
    text: str
    prompt_tokens: int | None
    completion_tokens: int | None
    batch: int


class HFPolicy(Policy):
    """A local transformers VLM (see the module docstring).

    Args:
        model_id: Hub id or local folder.
        dtype: ``auto`` (the checkpoint's), ``bfloat16``/``bf16``, ``float16``/``fp16``, ``float32``.
        device: Device when ``device_map`` is not used (default: ``cuda`` if available, else ``cpu``).
        device_map: ``"auto"`` spreads the model over the GPUs (the default when CUDA and accelerate exist).
        max_new_tokens: Generation budget (a request's own ``max_new_tokens`` wins). Default: the checkpoint's
            ``generation_config.max_new_tokens`` if it sets one, else 512.
        temperature: 0 (default) = greedy; > 0 samples.
        top_p: Nucleus sampling cut when sampling.
        batch_size: Most requests per ``generate`` call.
        image_size: Resize images to this square size first (the paper used 224 for LLaVA); ``None`` keeps them.
        trust_remote_code: Allow the checkpoint's own Python code (off unless asked for).
        revision: Hub revision.
        attn_implementation: e.g. ``"sdpa"`` or ``"flash_attention_2"``.
        system: Default system message.
        image_first: Put the image before the text in the chat message (default, as model cards do).
        batch_wait_s: How long the batcher waits for more requests after an idle period.
        requires: Import names of packages the checkpoint needs beyond torch and transformers (e.g.
            ``["torchvision", "num2words"]`` for SmolVLM2); the preflight names any that is missing and how to
            install it.
        name: Spec recorded in results (default ``"hf:<model_id>"``).
    """

    #: Interactive episodes advance in lockstep, so each step's turns share one batched ``generate``.
    step_synchronous = True

    def __init__(
        self,
        model_id: str,
        *,
        dtype: str = "auto",
        device: str | None = None,
        device_map: str | None = None,
        max_new_tokens: int | None = None,
        temperature: float = 0.0,
        top_p: float | None = None,
        batch_size: int = 8,
        image_size: int | None = None,
        trust_remote_code: bool = False,
        revision: str | None = None,
        attn_implementation: str | None = None,
        system: str | None = None,
        image_first: bool = True,
        batch_wait_s: float = 0.005,
        requires: list[str] | tuple[str, ...] | str | None = None,
        name: str | None = None,
    ) -> None:
        if not model_id:
            raise ValueError("hf policy needs a model id or folder: 'hf:<id or path>'")
        dtype = _DTYPE_ALIASES.get(str(dtype).lower(), str(dtype).lower())
        if dtype not in DTYPES:
            raise ValueError(f"dtype must be one of {list(DTYPES)} (or bf16/fp16/fp32), got {dtype!r}")
        if (
            (max_new_tokens is not None and max_new_tokens < 1)
            or batch_size < 1
            or (image_size is not None and image_size < 8)
        ):
            raise ValueError(
                f"need max_new_tokens >= 1, batch_size >= 1, image_size >= 8 "
                f"(got {max_new_tokens}, {batch_size}, {image_size})"
            )
        if isinstance(requires, str):
            requires = [requires]
        if requires is not None and not all(isinstance(r, str) and r.isidentifier() for r in requires):
            raise ValueError(f"requires must list import names such as ['torchvision'], got {requires!r}")
        self.model_id = str(model_id)
        self.requires = tuple(requires or ())
        self.name = name or f"hf:{model_id}"
        self.dtype = dtype
        self.device = device
        self.device_map = device_map
        self.max_new_tokens = max_new_tokens
        self.temperature = float(temperature)
        self.top_p = top_p
        self.batch_size = int(batch_size)
        self.image_size = image_size
        self.trust_remote_code = bool(trust_remote_code)
        self.revision = revision
        self.attn_implementation = attn_implementation
        self.system = system
        self.image_first = image_first
        self.model: Any = None
        self.processor: Any = None
        #: How prompts are built once loaded: ``chat_template``, ``legacy_chat`` or ``plain`` (see hf_loading).
        self.prompt_format = "chat_template"
        self._load_lock = threading.Lock()
        self._load_error: str | None = None
        self._batcher: MicroBatcher[_Item, _Output] = MicroBatcher(
            self._run_batch, batch_size=self.batch_size, wait_s=batch_wait_s
        )

    def preflight(self) -> None:
        """Fail fast, before any episode: check the packages the checkpoint needs and load its processor.

        Loads no weights. The processor is kept for :meth:`load`; a failure is remembered, so requests fail at once.

        Raises:
            ValueError: torch or transformers missing, a package in ``requires`` or one the checkpoint's processor
                class is known to need (:data:`~mssbench_embodied.policies.hf_requirements.PROCESSOR_NEEDS`, when its
                config is local or cached), flash-attn for ``attn_implementation="flash_attention_2"``;
                or the processor cannot be loaded. One line naming the cause and the install command.
        """
        missing = missing_hf_dependency()
        if missing is not None:
            raise ValueError(f"hf policy needs torch and transformers ({missing} missing): {INSTALL_HINT}")
        wanted = self.requires + checkpoint_needs(self.model_id, self.revision)
        if self.attn_implementation == "flash_attention_2":
            wanted += ("flash_attn",)
        absent = missing_packages(tuple(dict.fromkeys(wanted)))
        if absent:
            raise ValueError(describe_missing(absent))
        with self._load_lock:
            if self._load_error is None and self.processor is None:
                try:
                    self.processor = load_processor(
                        self.model_id, trust_remote_code=self.trust_remote_code, revision=self.revision
                    )
                except LoadFailed as exc:
                    self._load_error = str(exc)
            if self._load_error is not None:
                raise ValueError(self._load_error.removeprefix(f"hf:{self.model_id}: "))

    def __repr__(self) -> str:
        return f"HFPolicy({self.model_id!r}, loaded={self.loaded})"

    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory."""
        return self.model is not None

    @property
    def legacy_chat(self) -> bool:
        """True for remote-code checkpoints answered through ``model.chat`` (Qwen-VL-Chat), one at a time."""
        return self.prompt_format == "legacy_chat"

    @property
    def batch_sizes(self) -> list[int]:
        """Size of every ``generate`` batch run so far."""
        return self._batcher.batch_sizes

    # --- loading ------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Load processor and model now (otherwise the first request does). Thread-safe; idempotent.

        Raises:
            LoadFailed: transformers/torch missing, the checkpoint cannot be read, or no Auto class fits; the
                failure is remembered and raised again at once by later calls (it is never retried).
        """
        with self._load_lock:
            if self._load_error is not None:  # a failed load is not retried for every batch
                raise LoadFailed(self._load_error)
            if self.model is None:
                try:
                    loaded = load_checkpoint(
                        self.model_id,
                        dtype=self.dtype,
                        device=self.device,
                        device_map=self.device_map,
                        trust_remote_code=self.trust_remote_code,
                        revision=self.revision,
                        attn_implementation=self.attn_implementation,
                        processor=self.processor,
                    )
                except LoadFailed as exc:
                    self._load_error = str(exc)
                    raise
                self.processor, self.model, self.prompt_format = loaded

    # --- generation ---------------------------------------------------------------------------------------

    async def generate(self, request: PolicyRequest) -> PolicyResponse:
        """Answer one request; concurrent calls share batched ``generate`` calls.

        Raises:
            PolicyError: generation failed (every request of that batch gets the error).
            EndpointHalt: the checkpoint cannot be loaded; the run should stop (the cause is in the message).
        """
        started = time.perf_counter()
        if self._load_error is not None:
            raise EndpointHalt(self._load_error)
        try:
            out = await self._batcher.submit(_Item(request, request.max_new_tokens))
        except LoadFailed as exc:  # raised here, not in the batcher's thread, so every caller stops alike
            raise EndpointHalt(str(exc)) from None
        return PolicyResponse(
            text=out.text,
            latency_s=time.perf_counter() - started,
            prompt_tokens=out.prompt_tokens,
            completion_tokens=out.completion_tokens,
            calls=1,
            meta={"batch": out.batch},
        )

    def _chat_text(self, request: PolicyRequest, has_image: bool) -> str:
        """The prompt through the chat template: system, then every turn (an image slot where a turn has one)."""
        if self.prompt_format == "plain":
            return self._plain_text(request, has_image)
        messages: list[dict[str, Any]] = []
        system = request.system if request.system is not None else self.system
        if system:
            messages.append({"role": "system", "content": [{"type": "text", "text": system}]})
        for turn in request.turns():
            content: list[dict[str, str]] = [{"type": "text", "text": turn.text}]
            if has_image and turn.image is not None:
                content.insert(0 if self.image_first else 1, {"type": "image"})
            messages.append({"role": turn.role, "content": content})
        text: str = self.processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        return text

    def _plain_text(self, request: PolicyRequest, has_image: bool) -> str:
        """The processor's own format for a checkpoint without a chat template: image tokens, then the text.

        The processor adds its special tokens itself (PaliGemma: BOS after the image tokens, a newline after the
        prompt); a system message, if any, and earlier turns go before the prompt, one per line.
        """
        system = request.system if request.system is not None else self.system
        turns = request.turns()
        lines = ([system] if system else []) + [turn.text for turn in turns]
        image_token = getattr(self.processor, "image_token", None)
        images = sum(turn.image is not None for turn in turns) if has_image else 0
        prefix = image_token * images if isinstance(image_token, str) else ""
        return prefix + "\n".join(lines)

    def _images(self, request: PolicyRequest) -> list[Any]:
        """The request's images as PIL images, oldest first (one for a one-shot request, more with history)."""
        arrays = [turn.image for turn in request.turns() if turn.image is not None]
        images = [to_pil(array) for array in arrays]
        return [resize_square(image, self.image_size) for image in images] if self.image_size else images

    def _run_batch(self, items: list[_Item]) -> list[_Output]:
        try:
            self.load()
            images = [self._images(item.request) for item in items]
            if self.legacy_chat:
                return [
                    self._legacy_answer(item, image[-1] if image else None, len(items))
                    for item, image in zip(items, images, strict=True)
                ]
            outputs: list[_Output | None] = [None] * len(items)
            for with_image in (True, False):  # a processor call takes all-image or all-text batches
                group = [i for i, image in enumerate(images) if bool(image) == with_image]
                if group:
                    generated = self._generate([items[i] for i in group], [images[i] for i in group])
                    for i, out in zip(group, generated, strict=True):
                        outputs[i] = out
        except PolicyError:
            raise
        except Exception as exc:  # noqa: BLE001 - any generation failure is this policy's error
            raise PolicyError(
                f"hf:{self.model_id}: generation failed: {type(exc).__name__}: {first_line(exc)}"
            ) from exc
        return [o for o in outputs if o is not None]

    def _legacy_answer(self, item: _Item, image: Any, batch: int) -> _Output:
        text = legacy_chat_answer(
            self.model,
            self.processor,
            item.request.prompt,
            image,
            max_new_tokens=item.max_new_tokens or self._default_budget(),
            temperature=self.temperature,
            top_p=self.top_p,
            system=item.request.system if item.request.system is not None else self.system,
        )
        return _Output(text, None, None, batch)

    def _generate(self, items: list[_Item], images: list[list[Any]]) -> list[_Output]:
        import torch

        texts = [
            self._chat_text(item.request, bool(image)) for item, image in zip(items, images, strict=True)
        ]
        if images[0]:
            inputs = self.processor(text=texts, images=images, padding=True, return_tensors="pt")
        else:
            inputs = self.processor(text=texts, padding=True, return_tensors="pt")
        inputs.pop("labels", None)  # some processors (PaliGemma) add training labels
        inputs = inputs.to(self.model.device)
        for key, value in inputs.items():
            if torch.is_tensor(value) and torch.is_floating_point(value):
                inputs[key] = value.to(self.model.dtype)
        tokenizer = getattr(self.processor, "tokenizer", self.processor)
        budgets = [item.max_new_tokens or self._default_budget() for item in items]
        budget = max(budgets)
        gen_kwargs: dict[str, Any] = {"max_new_tokens": budget, "pad_token_id": tokenizer.pad_token_id}
        if self.temperature > 0:
            gen_kwargs.update(do_sample=True, temperature=self.temperature, top_p=self.top_p)
        else:
            gen_kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        with torch.inference_mode():
            sequences = self.model.generate(**inputs, **gen_kwargs)
        prompt_len = inputs["input_ids"].shape[1]
        attention = inputs.get("attention_mask")
        stops = stop_ids(self.model, tokenizer)
        results = []
        for row, item_budget in enumerate(budgets):
            new_tokens = sequences[row, prompt_len:].tolist()[:item_budget]
            kept: list[int] = []
            for token in new_tokens:
                if token in stops:
                    break
                kept.append(token)
            text = tokenizer.decode(kept, skip_special_tokens=True).strip()
            n_prompt = int(attention[row].sum()) if attention is not None else prompt_len
            n_completion = min(len(kept) + 1, len(new_tokens))  # the stop token counts, padding does not
            results.append(_Output(text, n_prompt, n_completion, len(items)))
        return results

    def _default_budget(self) -> int:
        if self.max_new_tokens is not None:
            return self.max_new_tokens
        configured = getattr(getattr(self.model, "generation_config", None), "max_new_tokens", None)
        return configured if isinstance(configured, int) and configured > 0 else DEFAULT_MAX_NEW_TOKENS

    async def aclose(self) -> None:
        """Drop the model (and free GPU memory). Safe to call twice."""
        with self._load_lock:
            had_model = self.model is not None
            self.model = self.processor = None
        if had_model:
            try:
                import torch

                if torch.cuda.is_available():
                    torch.cuda.empty_cache()
            except ImportError:
                pass


@register_policy("hf")
def make_hf_policy(model_id: str, **options: Any) -> HFPolicy:
    """Factory for ``hf:<model id or folder>`` specs.

    Raises:
        SpecError: no model id, or a bad option.
    """
    if not model_id:
        raise SpecError(
            "hf policy needs a model: 'hf:<hub id or local folder>', e.g. 'hf:llava-hf/llava-1.5-7b-hf'"
        )
    path = Path(model_id).expanduser()
    if model_id.startswith(("/", "./", "../", "~")) and not path.is_dir():
        raise SpecError(
            f"hf:{model_id}: no such folder (give a Hub id like 'org/name' or an existing folder)"
        )
    kwargs = split_options("hf", HFPolicy, options)
    try:
        return HFPolicy(model_id, **kwargs)
    except ValueError as exc:
        raise SpecError(f"hf:{model_id}: {exc}") from None
