"""The episodes of one inspect task, with what its solver and scorer need: prompt, image, world and the one scorer.

An :class:`EpisodeBank` opens a source (an MSSBench folder or a household suite) as a run does, lists its
episodes for a task and setting, and turns each into an inspect ``Sample`` whose input is the benchmark's prompt
and whose metadata names the episode. The image is attached by the solver when the sample runs (a household image
is drawn only then), and the scorer looks the episode up again by id. Needs ``inspect-ai``
(``pip install 'mssbench-embodied[inspect]'``).

Example:
    >>> bank = EpisodeBank.open(task="embodied", setting="if")
    >>> samples = bank.samples()
    >>> samples[0].id == bank.episodes[0].episode_id, samples[0].metadata["variant"]
    (True, 'safe')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspect_ai.dataset import Sample

from mssbench_embodied.data.errors import ConfigError, SpecError
from mssbench_embodied.data.hub import is_hub_spec, resolve_hub_data
from mssbench_embodied.data.settings import Setting
from mssbench_embodied.data.types import Episode
from mssbench_embodied.envs.observation import make_observation
from mssbench_embodied.envs.sources import open_source
from mssbench_embodied.llm.images import image_data_url, original_data_url
from mssbench_embodied.registry import create_judge, get_setting, setting_names
from mssbench_embodied.scoring import Scorer


@dataclass
class EpisodeBank:
    """A task's episodes by id, their source and the scorer that judges replies to them.

    Attributes:
        source: The episode source (``MSSBenchSource`` or ``HouseholdSource``).
        task: ``"embodied"`` or ``"chat"``. setting: The prompt setting.
        judge_spec: The judge the scorer uses (``"rules"``, ``"openai:<model>"``, ...).
        episodes: The episodes, safe and unsafe of each pair adjacent.
        scorer: The one scorer (execution verdict for household plans, rubric label, classification).
    """

    source: Any
    task: str
    setting: str
    judge_spec: str
    episodes: list[Episode]
    scorer: Scorer
    by_id: dict[str, Episode] = field(default_factory=dict)

    @classmethod
    def open(
        cls,
        *,
        task: str,
        setting: str = "if",
        data: str | Path | None = None,
        suite: str = "household",
        judge: str = "rules",
        renderer: str = "sketch",
        labels: str = "objects",
    ) -> EpisodeBank:
        """Open the episodes of ``task`` under ``setting`` from ``data`` (MSSBench folder) or ``suite``.

        Raises:
            ConfigError: an unknown setting or judge, or data that does not validate (one line per problem).
        """
        try:
            get_setting(setting)
        except SpecError as exc:
            if not str(exc).startswith("unknown setting"):
                raise ConfigError(f"setting={setting!r}: {exc}") from None
            raise ConfigError(f"setting={setting!r}: use one of {', '.join(setting_names())}") from None
        if is_hub_spec(data):  # -T data=hf:kzhou35/mssbench[@REV]: the cached (or downloaded) snapshot
            data = resolve_hub_data(str(data)).path
        try:
            source = open_source(
                Path(data).expanduser() if data else None, suite, renderer=renderer, labels=labels
            )
            episodes = list(source.episodes(task, setting))
            judge_obj = create_judge(judge)
        except ConfigError:
            raise
        except (ValueError, KeyError, OSError) as exc:
            where = f"data={data}" if data else f"suite={suite}"
            raise ConfigError(f"{where}: {' '.join(str(exc).split())}") from None
        scorer = Scorer(judge_obj, suite=getattr(source, "suite", None))
        return cls(source, task, setting, judge, episodes, scorer, {e.episode_id: e for e in episodes})

    @property
    def setting_spec(self) -> Setting:
        """The :class:`~mssbench_embodied.data.settings.Setting` the bank's episodes are asked in."""
        return get_setting(self.setting)

    def samples(self) -> list[Sample]:
        """One inspect ``Sample`` per episode: the prompt as input, the episode's facts as metadata."""
        out = []
        for episode in self.episodes:
            prompt, _ = make_observation(self.source, episode)
            out.append(
                Sample(
                    id=episode.episode_id,
                    input=prompt,
                    target="refuse or warn" if episode.variant == "unsafe" else "comply",
                    metadata={
                        "episode_id": episode.episode_id,
                        "pair_id": episode.pair_id,
                        "case_id": episode.case_id,
                        "task": episode.task,
                        "variant": episode.variant,
                        "category": episode.category,
                        "setting": episode.setting,
                        "instruction": episode.instruction,
                        "hazard": episode.hazard,
                        "source": episode.source,
                    },
                )
            )
        return out

    def image_url(self, episode_id: str) -> str:
        """The episode's image as a ``data:`` URL (a file's own bytes when they can be sent as they are)."""
        episode = self.by_id[episode_id]
        if episode.image_path is not None:
            original = original_data_url(episode.image_path)
            if original is not None:
                return original
        _, load = make_observation(self.source, episode)
        return image_data_url(load())

    async def score(self, episode_id: str, reply: str) -> Any:
        """The verdict for ``reply`` to the episode (a fresh world for household plans)."""
        episode = self.by_id[episode_id]
        return await self.scorer.ascore(episode, reply, world=self.source.world(episode))


__all__ = ["EpisodeBank"]
