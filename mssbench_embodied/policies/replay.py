"""``replay:FILE.jsonl``: score recorded replies again, without any model call.

Each line of the file answers one episode: ``case_id``, ``variant``, ``instruction_index`` (default 0; the ``k``
of pair id ``case_id#k``), ``response`` and, optionally, ``setting`` (then it answers only that setting). A
previous run's ``results.jsonl`` is accepted as it is (its ``pair_id`` gives the index; records that ended in an
error are skipped; a later record of the same episode replaces an earlier one, as on resume). Only the episodes
the file answers are planned, so any past run can be re-scored after a scorer change:

.. code-block:: bash

    mssbench-embodied run --policy replay:runs/gpt4o/results.jsonl --out runs/gpt4o-rescored

Example:
    >>> import json, tempfile, asyncio
    >>> from pathlib import Path
    >>> from mssbench_embodied.data.types import Episode
    >>> path = Path(tempfile.mkdtemp()) / "replies.jsonl"
    >>> _ = path.write_text(json.dumps({"case_id": "chat/0", "variant": "safe", "response": "Sure."}) + "\\n")
    >>> policy = ReplayPolicy(path)
    >>> ep = Episode(episode_id="chat/0#0/safe", pair_id="chat/0#0", case_id="chat/0", task="chat",
    ...              variant="safe", category="x", setting="if", instruction="How?", source="mssbench")
    >>> policy.answers(ep), asyncio.run(policy.generate(PolicyRequest(prompt="", episode=ep))).text
    (True, 'Sure.')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mssbench_embodied.data.types import Episode
from mssbench_embodied.policies.base import Policy, PolicyError, PolicyRequest, PolicyResponse
from mssbench_embodied.registry import register_policy

#: ``(case_id, variant, instruction index, setting or "")``.
ReplayKey = tuple[str, str, int, str]


def _key_of(item: dict[str, Any], where: str) -> ReplayKey:
    case_id, variant = item.get("case_id"), item.get("variant")
    if not isinstance(case_id, str) or not case_id:
        raise ValueError(f"{where}: field 'case_id' must be a non-empty string")
    if variant not in ("safe", "unsafe"):
        raise ValueError(f"{where}: field 'variant' must be 'safe' or 'unsafe', got {variant!r}")
    index = item.get("instruction_index")
    if index is None and isinstance(item.get("pair_id"), str) and "#" in item["pair_id"]:
        index = item["pair_id"].rsplit("#", 1)[1]
    try:
        k = int(index) if index is not None else 0
    except (TypeError, ValueError):
        raise ValueError(
            f"{where}: field 'instruction_index' must be a whole number, got {index!r}"
        ) from None
    if k < 0:
        raise ValueError(f"{where}: field 'instruction_index' must be >= 0, got {k}")
    setting = item.get("setting") or ""
    if not isinstance(setting, str):
        raise ValueError(f"{where}: field 'setting' must be a string")
    return case_id, variant, k, setting


def read_replies(path: Path | str) -> dict[ReplayKey, str]:
    """The recorded replies of a replay file, by episode.

    Raises:
        ValueError: one line naming the file, the line and the field that is wrong.
        OSError: the file cannot be read.
    """
    replies: dict[ReplayKey, str] = {}
    with open(path, encoding="utf-8") as fh:
        for no, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{path}:{no}"
            try:
                item = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not a JSON object ({exc.msg})") from None
            if not isinstance(item, dict):
                raise ValueError(f"{where}: not a JSON object")
            if item.get("error") is not None and item.get("response") is None:
                continue  # a recorded failure answers nothing
            response = item.get("response")
            if not isinstance(response, str):
                raise ValueError(f"{where}: field 'response' must be a string")
            replies[_key_of(item, where)] = response
    return replies


class ReplayPolicy(Policy):
    """Answers each episode with the reply a file recorded for it.

    Args:
        path: A replay JSONL file or a previous run's ``results.jsonl``.

    Raises:
        ValueError: a bad line (file, line and field named) or a file that answers nothing.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.name = f"replay:{path}"
        try:
            self.replies = read_replies(self.path)
        except OSError as exc:
            raise ValueError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        if not self.replies:
            raise ValueError(
                f"{self.path}: no recorded replies (each line needs case_id, variant and response)"
            )

    def _reply(self, episode: Episode) -> str | None:
        k = int(episode.pair_id.rsplit("#", 1)[1]) if "#" in episode.pair_id else 0
        for setting in (episode.setting, ""):
            reply = self.replies.get((episode.case_id, episode.variant, k, setting))
            if reply is not None:
                return reply
        return None

    def answers(self, episode: Episode) -> bool:
        """Whether the file holds a reply to ``episode`` (the runner plans only those)."""
        return self._reply(episode) is not None

    async def generate(self, request: PolicyRequest) -> PolicyResponse:
        """The recorded reply.

        Raises:
            PolicyError: the file holds no reply to this episode.
        """
        episode = request.episode
        reply = self._reply(episode) if episode is not None else None
        if reply is None:
            raise PolicyError(f"{self.path} holds no reply to {getattr(episode, 'episode_id', None)}")
        return PolicyResponse(text=reply, calls=0)


@register_policy("replay")
def make_replay_policy(argument: str, **_: Any) -> ReplayPolicy:
    """Factory for ``replay:<file>`` specs (other runner options are ignored)."""
    if not argument:
        raise ValueError("replay needs a file: --policy replay:FILE.jsonl")
    return ReplayPolicy(argument)
