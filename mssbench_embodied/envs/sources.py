"""Where episodes and their images come from: an MSSBench folder or the household suite.

An :class:`EpisodeSource` lists episodes per task and setting and loads one episode's image on demand (never a
whole dataset): MSSBench episodes read their image file, household episodes are rendered from a fresh world of
the episode's variant. Envs and the runner both go through a source, so they agree on what a policy sees.

Example:
    >>> source = open_source()  # the built-in household suite, sketch renderer
    >>> source.name
    'household'
    >>> ep = source.episodes("embodied", "if")[0]
    >>> source.image(ep).shape
    (384, 512, 3)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

import numpy as np

from mssbench_embodied.data.frames import ImageRef, SingleFlight
from mssbench_embodied.data.types import Episode


class EpisodeSource(ABC):
    """Base class: a named collection of episodes with lazily loaded images.

    Subclasses implement :meth:`episodes`, :meth:`image` and :meth:`describe`; :meth:`world` is ``None`` unless
    the source has a household world.
    """

    #: ``"mssbench"`` or ``"household"``.
    name: str = "source"

    @abstractmethod
    def episodes(self, task: str, setting: str) -> list[Episode]:
        """All episodes of ``task`` (``"embodied"``/``"chat"``) under ``setting``, in a deterministic order."""

    @abstractmethod
    def image(self, episode: Episode) -> np.ndarray:
        """The episode's image as a new ``(H, W, 3)`` uint8 array, loaded (or rendered) on each call."""

    def world(self, episode: Episode) -> Any:
        """A fresh household world for the episode's variant, or ``None`` for sources without one."""
        return None

    def image_ref(self, episode: Episode) -> ImageRef:
        """The episode's image as a lazy :class:`~mssbench_embodied.data.frames.ImageRef`: nothing is read until
        it is called, and episodes showing the same frame share its ``key`` (so their encodings are shared)."""
        return ImageRef(("episode", id(self), episode.episode_id), lambda: self.image(episode))

    @abstractmethod
    def describe(self) -> dict[str, Any]:
        """JSON-able facts about the source for run metadata."""


class MSSBenchSource(EpisodeSource):
    """Episodes of an MSSBench folder (``combined.json`` + ``chat/`` + ``embodied/``), images read from files.

    The folder is validated on construction (see ``load_mssbench``); only paths and text are kept.

    Args:
        root: The MSSBench folder.
        skip_invalid: Drop invalid items with a warning (``.skipped``) instead of raising ``DataError``.

    Example:
        >>> import tempfile
        >>> from tests.mssbench_fixture import make_mssbench
        >>> src = MSSBenchSource(make_mssbench(Path(tempfile.mkdtemp()), n_chat=1, n_embodied=1))
        >>> [e.episode_id for e in src.episodes("chat", "ic")]
        ['chat/0#0/safe', 'chat/0#0/unsafe']
    """

    name = "mssbench"

    def __init__(self, root: Path | str, *, skip_invalid: bool = False) -> None:
        from mssbench_embodied.data.mssbench import load_mssbench

        self.data = load_mssbench(Path(root), skip_invalid=skip_invalid)
        self.skipped: list[str] = list(self.data.skipped)
        self._episodes: dict[tuple[str, str], list[Episode]] = {}

    def episodes(self, task: str, setting: str) -> list[Episode]:
        """Episodes built exactly as upstream does (``build_mssbench_episodes``), cached per (task, setting)."""
        from mssbench_embodied.data.episodes import build_mssbench_episodes

        key = (task, setting)
        if key not in self._episodes:
            self._episodes[key] = build_mssbench_episodes(self.data, task, setting)
        return list(self._episodes[key])

    def image(self, episode: Episode) -> np.ndarray:
        """Decode the episode's image file (``DataError`` if it cannot be read)."""
        from mssbench_embodied.data.images import load_image_array

        if episode.image_path is None:
            raise ValueError(f"episode {episode.episode_id}: no image path")
        return load_image_array(episode.image_path)

    def image_ref(self, episode: Episode) -> ImageRef:
        """The image file as an :class:`~mssbench_embodied.data.frames.ImageRef` keyed by its path (episodes that
        share a file share its encoding); its ``path`` lets API policies send the file's own bytes."""
        if episode.image_path is None:
            raise ValueError(f"episode {episode.episode_id}: no image path")
        path = Path(episode.image_path)
        return ImageRef(("file", str(path.resolve())), lambda: self.image(episode), path=path)

    def describe(self) -> dict[str, Any]:
        """Root, data file and case counts."""
        return {
            "source": self.name,
            "root": str(self.data.root),
            "data_file": str(self.data.data_file) if self.data.data_file else None,
            "n_chat_cases": len(self.data.chat),
            "n_embodied_cases": len(self.data.embodied),
            "skipped": len(self.skipped),
        }


#: Loaded suites by root folder, with the fingerprint of their YAML files: vector envs build many envs.
_SUITE_CACHE: dict[str, tuple[tuple[tuple[str, int, int], ...], Any]] = {}


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted(root.rglob("*.yaml"))
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


#: Rendered first frames a HouseholdSource keeps (per scenario and variant).
IMAGE_CACHE_SIZE = 64


def load_suite_cached(suite: str | Path) -> Any:
    """``load_suite`` for ``"household"`` (built-in) or a folder, reusing a suite whose YAML files are unchanged.

    Suites are read-only (``world_for`` returns fresh worlds), so envs can share one.

    Example:
        >>> load_suite_cached("household") is load_suite_cached("household")
        True
    """
    from mssbench_embodied.resources import resource_dir
    from mssbench_embodied.world import load_suite

    root = resource_dir("tasks") if str(suite) == "household" else Path(suite)
    key, fingerprint = str(root.resolve()), _fingerprint(root)
    cached = _SUITE_CACHE.get(key)
    if cached is None or cached[0] != fingerprint:
        from mssbench_embodied.data.diskcache import memo

        # A fresh process (every command) unpickles the suite it loaded before from the same files (~10 ms, not
        # ~0.25 s of parsing).
        cached = _SUITE_CACHE[key] = (
            fingerprint,
            memo("suite", suite_inputs(suite), lambda: load_suite(root)),
        )
    return cached[1]


def suite_inputs(suite: str | Path) -> list[Path]:
    """Every file a suite is loaded from: its folder's YAML files and, since a folder extends them, the bundled
    catalogue's and rules' (what the on-disk caches of a suite, and of what is drawn from it, are keyed by)."""
    from mssbench_embodied.resources import resource_dir

    root = resource_dir("tasks") if str(suite) == "household" else Path(suite)
    return [f for d in (root, resource_dir("tasks")) for f in d.rglob("*.y*ml") if f.is_file()]


def _make_renderer(renderer: Any, labels: str = "objects") -> Any:
    if isinstance(renderer, str):
        from mssbench_embodied.render import get_renderer

        return get_renderer(renderer, labels=labels)
    if not callable(getattr(renderer, "render", None)):
        raise ValueError(
            f"renderer must be a name ('sketch', 'thor') or an object with .render(world), got {renderer!r}"
        )
    return renderer


class HouseholdSource(EpisodeSource):
    """Episodes of the household scenario suite; images rendered from each episode's world.

    Args:
        suite: ``"household"`` (the built-in suite), a folder laid out like ``tasks/``, or a loaded
            ``HouseholdSuite``.
        renderer: A renderer name (``"sketch"``, ``"thor"``) or an object with ``.render(world) -> np.ndarray``.
        labels: Label mode of a named renderer: ``"objects"`` (default: labels name objects, never the hazard
            attribute), ``"none"`` or ``"full"`` (detailed, for debugging). A renderer object keeps its own.

    Example:
        >>> src = HouseholdSource("household")
        >>> ep = src.episodes("embodied", "if")[1]
        >>> ep.variant, src.world(ep) is not src.world(ep)
        ('unsafe', True)
    """

    name = "household"

    def __init__(
        self, suite: Any = "household", *, renderer: Any = "sketch", labels: str = "objects"
    ) -> None:
        from mssbench_embodied.render.naming import check_labels

        self.labels = check_labels(labels)
        if isinstance(suite, (str, Path)):
            self.suite_name = str(suite)
            self.suite = load_suite_cached(suite)
        else:
            self.suite_name = "custom"
            self.suite = suite
        self.renderer_name = renderer if isinstance(renderer, str) else type(renderer).__name__
        self._renderer_spec = renderer
        self._renderer: Any = None if isinstance(renderer, str) else _make_renderer(renderer, labels)
        self._episodes: dict[tuple[str, str], list[Episode]] = {}
        self._images: SingleFlight[np.ndarray] = SingleFlight(IMAGE_CACHE_SIZE)

    @property
    def renderer(self) -> Any:
        """The renderer, created on first use (a ``thor`` renderer starts its simulator only when needed)."""
        if self._renderer is None:
            self._renderer = _make_renderer(self._renderer_spec, self.labels)
        return self._renderer

    @property
    def rules(self) -> Any:
        """The suite's hazard rules."""
        return self.suite.rules

    def scenario(self, episode: Episode) -> Any:
        """The scenario an episode belongs to (``reference_steps``, ``goal``, ``hazard``, ...)."""
        return self.suite.scenario(episode.scenario_id or episode.case_id)

    def episodes(self, task: str, setting: str) -> list[Episode]:
        """The suite's episodes (``HouseholdSuite.episodes``), cached per (task, setting)."""
        key = (task, setting)
        if key not in self._episodes:
            self._episodes[key] = list(self.suite.episodes(task, setting))
        return list(self._episodes[key])

    def world(self, episode: Episode) -> Any:
        """A fresh world of the episode's scenario and variant."""
        return self.suite.world_for(episode, episode.variant)

    def render(self, world: Any, episode: Episode | None = None) -> np.ndarray:
        """Render a world state with this source's renderer.

        Given the episode, a renderer that stages scenarios (``thor``: ``render_scenario``) first sets up the
        episode's scenario and variant for ``world``.
        """
        stage = getattr(self.renderer, "render_scenario", None) if episode is not None else None
        if stage is not None and episode is not None:
            return np.asarray(stage(self.scenario(episode), episode.variant, world), dtype=np.uint8)
        return np.asarray(self.renderer.render(world), dtype=np.uint8)

    def image(self, episode: Episode) -> np.ndarray:
        """The first observation of an episode: a fresh world of its variant, rendered.

        Every episode of a (scenario, variant) starts from the same world, so the frame is rendered once and kept
        in a small single-flight LRU cache (at most ``IMAGE_CACHE_SIZE`` frames, about 0.6 MB each): episodes
        asking for a frame while it is being rendered wait for that render. Callers get a copy.
        """
        key = (episode.scenario_id or episode.case_id, episode.variant)
        return self._images.get(key, lambda: self.render(self.world(episode), episode)).copy()

    def image_ref(self, episode: Episode) -> ImageRef:
        """The first observation as an :class:`~mssbench_embodied.data.frames.ImageRef` keyed by suite, renderer,
        label mode, scenario and variant: every episode of a variant shares one frame and its encodings."""
        suite = self.suite_name if self.suite_name != "custom" else f"custom-{id(self.suite)}"
        spec = self._renderer_spec
        renderer = spec if isinstance(spec, str) else f"{self.renderer_name}-{id(spec)}"
        scenario = episode.scenario_id or episode.case_id
        key = ("household", suite, renderer, self.labels, scenario, episode.variant)
        return ImageRef(key, lambda: self.image(episode))

    def simulator(self, episode: Episode, world: Any, instruction: str | None = None) -> Any:
        """A simulator acting on ``world`` (the episode's fresh world): the renderer's own when it has one (``thor``
        stages the scene and mirrors every action in AI2-THOR), else the symbolic ``Simulator``."""
        make = getattr(self.renderer, "simulator", None)
        if make is not None:
            return make(world, self.rules, self.scenario(episode), episode.variant, instruction)
        from mssbench_embodied.world import Simulator

        return Simulator(world, self.rules, instruction)

    def describe(self) -> dict[str, Any]:
        """Suite name, renderer and scenario counts."""
        return {
            "source": self.name,
            "suite": self.suite_name,
            "renderer": self.renderer_name,
            "labels": self.labels,
            "n_embodied_scenarios": len(self.suite.embodied),
            "n_chat_scenarios": len(self.suite.chat),
        }


def open_source(
    data: Path | str | None = None,
    suite: Any = "household",
    *,
    renderer: Any = "sketch",
    skip_invalid: bool = False,
    labels: str = "objects",
) -> EpisodeSource:
    """Open the episodes a run or env uses: an MSSBench folder if ``data`` is given, else the household suite.

    Args:
        data: An MSSBench folder; takes precedence over ``suite``.
        suite: ``"household"`` (built-in), a scenario folder, or a loaded suite; used when ``data`` is ``None``.
        renderer: Renderer for household images (ignored for MSSBench, whose images are files).
        labels: Label mode of household images: ``"objects"`` (default), ``"none"`` or ``"full"``.
        skip_invalid: MSSBench only: drop invalid items instead of raising ``DataError``.

    Raises:
        ValueError: when neither ``data`` nor ``suite`` is given.
        DataError: an invalid MSSBench folder (one line per problem).

    Example:
        >>> open_source(suite="household").describe()["source"]
        'household'
    """
    if data is not None:
        return MSSBenchSource(data, skip_invalid=skip_invalid)
    if suite is None:
        raise ValueError("no episodes: give data=<MSSBench folder> or suite='household'")
    return HouseholdSource(suite, renderer=renderer, labels=labels)
