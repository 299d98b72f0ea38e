"""The AI2-THOR renderer: household scenarios staged in iTHOR and seen through the agent's camera.

``get_renderer("thor")`` (``--renderer thor``, env kwarg ``renderer="thor"``) gives a :class:`ThorRenderer`.
Constructing it only checks that THOR can start (:func:`~mssbench_embodied.render.thor_controller.preflight`:
offline and without a build it fails at once, with a one-line error that says how to get one); the controller
itself starts on the first frame, one per worker process, and is closed by :meth:`ThorRenderer.close` (safe to
call twice) or at exit.

A frame needs the scenario's ``thor:`` mapping, so a world alone is not enough: stage the variant with
:meth:`ThorRenderer.prepare` (or call :meth:`ThorRenderer.render_scenario`), then :meth:`ThorRenderer.render`
returns the camera frame of that world, live as a :class:`~mssbench_embodied.world.thor_exec.ThorSimulator`
made by :meth:`ThorRenderer.simulator` acts in it. Scenarios without a mapping (garage, garden) are drawn by
the sketch renderer instead (``fallback="sketch"``, with a warning) or refused (``fallback=None``).

Example:
    >>> try:  # no THOR build on this machine and no network
    ...     ThorRenderer(thor_executable="/nonexistent/thor")
    ... except ThorUnavailableError as err:
    ...     print(str(err).split(":")[0])
    --thor-executable /nonexistent/thor
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mssbench_embodied.render.thor_controller import (
    EXECUTABLE_ENV,
    ThorConfig,
    ThorStartError,
    ThorUnavailableError,
    close_controller,
    get_controller,
    is_running,
    preflight,
)
from mssbench_embodied.render.thor_scene import stage
from mssbench_embodied.world.rules import Rule
from mssbench_embodied.world.sim import Simulator
from mssbench_embodied.world.state import World
from mssbench_embodied.world.thor_exec import ThorBinding, ThorSimulator
from mssbench_embodied.world.thor_spec import thor_mapping


class ThorSetupError(RuntimeError):
    """A frame was asked for a world that was not staged (or a scenario with no ``thor:`` mapping)."""


@dataclass
class _Staged:
    key: tuple[str, str]
    world: World
    binding: ThorBinding | None  # None: unmapped scenario, drawn by the fallback renderer
    frame: np.ndarray | None
    acted: bool = False


class ThorRenderer:
    """Render household scenarios in AI2-THOR.

    Args:
        width, height: Frame size in pixels.
        thor_executable: A local THOR executable (default ``$MSSBENCH_THOR_EXECUTABLE``, else ai2thor's own
            build from ``~/.ai2thor/releases``, downloaded on first use when there is network).
        platform: ``"auto"`` (X display if one is given or ``$DISPLAY`` is set, else ``CloudRendering``),
            ``"CloudRendering"`` or ``"Linux64"``. Never headless: that turns frames off.
        x_display: X display such as ``":0"``.
        quality: ai2thor quality preset.
        field_of_view: Camera field of view, degrees.
        fallback: ``"sketch"``: scenarios without a ``thor:`` mapping are drawn by the sketch renderer;
            ``None``: they raise :class:`ThorSetupError`.
        check: Check at construction that THOR can start (raises :class:`ThorUnavailableError` if not).
        server_timeout, start_timeout: Seconds to wait for an action / for the build to come up.
        controller_kwargs: More ``ai2thor.controller.Controller`` keyword arguments.

    Raises:
        ThorUnavailableError: ``check`` is on and there is no build, the executable is not one, or no renderer
            (Vulkan / X display) is usable.

    Example:
        >>> r = ThorRenderer(320, 240, check=False)  # nothing starts until the first frame
        >>> r.running, r.describe()["width"]
        (False, 320)
    """

    name = "thor"

    def __init__(
        self,
        width: int = 512,
        height: int = 384,
        *,
        thor_executable: str | os.PathLike[str] | None = None,
        platform: str = "auto",
        x_display: str | None = None,
        quality: str = "Very High",
        field_of_view: float = 90.0,
        fallback: str | None = "sketch",
        check: bool = True,
        server_timeout: float = 100.0,
        start_timeout: float = 300.0,
        controller_kwargs: dict[str, Any] | None = None,
    ) -> None:
        if platform not in ("auto", "CloudRendering", "Linux64"):
            raise ValueError(f"platform must be 'auto', 'CloudRendering' or 'Linux64', got {platform!r}")
        if fallback not in ("sketch", None):
            raise ValueError(f"fallback must be 'sketch' or None, got {fallback!r}")
        exe = thor_executable if thor_executable is not None else os.environ.get(EXECUTABLE_ENV) or None
        self.config = ThorConfig(
            width=int(width), height=int(height), executable=str(exe) if exe else None, platform=platform,
            x_display=x_display, quality=quality, field_of_view=float(field_of_view),
            server_timeout=float(server_timeout), start_timeout=float(start_timeout),
            extra=tuple(sorted((controller_kwargs or {}).items())),
        )  # fmt: skip
        self.width, self.height = self.config.width, self.config.height
        self.fallback = fallback
        self._lock = threading.RLock()
        self._staged: _Staged | None = None
        self._sketch: Any = None
        self._warned: set[str] = set()
        if check:
            preflight(self.config)

    # --- lifecycle ----------------------------------------------------------------------------------------------

    @property
    def controller(self) -> Any:
        """This process's ``ai2thor`` controller, started on first use."""
        return get_controller(self.config)

    @property
    def running(self) -> bool:
        """True when this process has started the controller."""
        return is_running(self.config)

    def close(self) -> None:
        """Stop the controller (if this process started one); safe to call any number of times."""
        with self._lock:
            self._staged = None
            close_controller(self.config)

    def __enter__(self) -> ThorRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe(self) -> dict[str, Any]:
        """JSON-able settings (for run metadata)."""
        cfg = self.config
        return {"renderer": self.name, "executable": cfg.executable, "platform": cfg.resolved_platform(),
                "width": cfg.width, "height": cfg.height, "quality": cfg.quality}  # fmt: skip

    # --- staging and frames -------------------------------------------------------------------------------------

    def prepare(self, scenario: Any, variant: str, world: World) -> ThorBinding | None:
        """Stage ``scenario``'s ``variant`` in THOR for ``world`` (a fresh world of that variant).

        Returns:
            The binding of our ids to THOR objects, or ``None`` for a scenario without a mapping (fallback).

        Raises:
            ThorSetupError: no mapping and ``fallback=None``.
            ThorUnavailableError, ThorStartError: THOR could not be started.
        """
        with self._lock:
            return self._prepare(scenario, variant, world, reuse=False).binding

    def _prepare(self, scenario: Any, variant: str, world: World, *, reuse: bool) -> _Staged:
        key = (str(scenario.id), str(variant))
        staged = self._staged
        if reuse and staged is not None and staged.key == key and not staged.acted:
            staged.world = world
            return staged
        mapping = thor_mapping(scenario)
        if mapping is None:
            if self.fallback is None:
                raise ThorSetupError(
                    f"scenario {scenario.id}: no thor: mapping (add one, or use fallback='sketch')"
                )
            if scenario.id not in self._warned:
                self._warned.add(scenario.id)
                warnings.warn(
                    f"scenario {scenario.id} has no thor: mapping; drawn by the sketch renderer", stacklevel=3
                )
            self._staged = _Staged(key, world, None, None)
            return self._staged
        controller = get_controller(self.config, mapping.scene)
        binding = stage(controller, mapping.plan(variant), world)
        self._staged = _Staged(key, world, binding, self._frame(controller))
        return self._staged

    def _frame(self, controller: Any) -> np.ndarray:
        frame = getattr(controller.last_event, "frame", None)
        if frame is None:
            raise ThorStartError("THOR returned no frame (a headless controller renders none)")
        image = np.ascontiguousarray(np.asarray(frame, dtype=np.uint8)[..., :3])
        if image.shape[:2] != (self.height, self.width):
            from PIL import Image

            image = np.asarray(
                Image.fromarray(image).resize((self.width, self.height), Image.Resampling.BILINEAR)
            )
        return image.copy()

    def _fallback(self, world: World) -> np.ndarray:
        if self._sketch is None:
            from mssbench_embodied.render.sketch import SketchRenderer

            self._sketch = SketchRenderer(self.width, self.height)
        return np.asarray(self._sketch.render(world), dtype=np.uint8)

    def render_scenario(self, scenario: Any, variant: str, world: World) -> np.ndarray:
        """Stage ``scenario``/``variant`` for ``world`` (reusing an untouched identical staging) and return the
        camera frame, ``(height, width, 3)`` uint8."""
        with self._lock:
            staged = self._prepare(scenario, variant, world, reuse=True)
            return (
                self._fallback(world)
                if staged.binding is None or staged.frame is None
                else staged.frame.copy()
            )

    def render(self, world: World) -> np.ndarray:
        """The current camera frame of the staged ``world`` (see :meth:`prepare`).

        Raises:
            ThorSetupError: ``world`` is not the staged one.
        """
        with self._lock:
            staged = self._staged
            if staged is None or staged.world is not world:
                raise ThorSetupError(
                    "the thor renderer draws a staged scenario: call prepare(scenario, variant, world) or "
                    "render_scenario(...) first (a world alone does not say which iTHOR scene to use)"
                )
            if staged.binding is None:
                return self._fallback(world)
            if staged.acted:
                staged.frame = self._frame(self.controller)
            assert staged.frame is not None
            return staged.frame.copy()

    def simulator(
        self, world: World, rules: Sequence[Rule], scenario: Any, variant: str, instruction: str | None = None
    ) -> Simulator:
        """Stage the variant and return a simulator acting in it: a :class:`ThorSimulator` (actions run in THOR,
        states read back) or, for an unmapped scenario, the symbolic :class:`Simulator`."""
        with self._lock:
            staged = self._prepare(scenario, variant, world, reuse=False)
            if staged.binding is None:
                return Simulator(world, rules, instruction)
            staged.acted = True
            return ThorSimulator(world, rules, self.controller, staged.binding, instruction=instruction)


__all__ = ["ThorRenderer", "ThorSetupError", "ThorStartError", "ThorUnavailableError"]
