"""The AI2-THOR controller of this process: configured once, started lazily, closed idempotently and at exit.

One controller per worker process: controllers are kept per ``(pid, config)``, so a forked worker starts its
own instead of sharing its parent's FIFOs. ``ai2thor`` is imported only here, and only when a controller is
checked or started. Frames are always on: this module never passes ``headless=True`` (which turns them off);
on a server without a display it uses ``platform=CloudRendering`` (Vulkan), otherwise the X display.

Starting failures become one-line errors that say what to do:

- :class:`ThorUnavailableError` (a ``ValueError``: bad configuration, the CLI exits 2): no Unity build and no
  network to fetch one (``ai2thor`` then fails at once with a misleading "no build exists"), a
  ``--thor-executable`` that is not an executable file, no usable Vulkan driver or X display.
- :class:`ThorStartError` (a ``RuntimeError``): the build was found but crashed or did not answer.

Example:
    >>> cfg = ThorConfig(executable="/nonexistent/thor-build")
    >>> try:
    ...     preflight(cfg)
    ... except ThorUnavailableError as err:
    ...     print(str(err).split(":")[0])
    --thor-executable /nonexistent/thor-build
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Environment variable naming a local THOR executable (what ``--thor-executable`` sets).
EXECUTABLE_ENV = "MSSBENCH_THOR_EXECUTABLE"
#: Where ``ai2thor`` keeps downloaded builds.
RELEASES_DIR = "~/.ai2thor/releases"

_HOW = (
    f"run once with network access so ai2thor can download it into {RELEASES_DIR}/, or copy a release "
    f"folder (thor-CloudRendering-<commit> or thor-Linux64-<commit>, commit {{commit}}) into {RELEASES_DIR}/, "
    "or point at a local executable with --thor-executable PATH (env kwarg thor_executable=, or "
    f"${EXECUTABLE_ENV})"
)


class ThorUnavailableError(ValueError):
    """AI2-THOR cannot be started here (no build, bad executable, no Vulkan/X display); the message says how to fix it."""


class ThorStartError(RuntimeError):
    """The THOR build was found but did not come up (crash, timeout)."""


@dataclass(frozen=True)
class ThorConfig:
    """How to start the controller (hashable: one controller per config and process).

    Attributes:
        width, height: Frame size.
        executable: A local THOR executable (``local_executable_path``), else ``None`` (ai2thor's own build).
        platform: ``"auto"`` (X display when one is given or ``$DISPLAY`` is set, else ``CloudRendering``),
            ``"CloudRendering"`` or ``"Linux64"``.
        x_display: X display (``":0"``); with a local executable and none set, ``":0"`` is passed because
            ai2thor's external builds need a string there (CloudRendering builds ignore it).
        quality: ai2thor quality preset.
        field_of_view: Camera field of view, degrees.
        server_timeout: Seconds to wait for one action.
        start_timeout: Seconds to wait for the build to come up.
        extra: More ``Controller`` keyword arguments, as ``(key, value)`` pairs.
    """

    width: int = 512
    height: int = 384
    executable: str | None = None
    platform: str = "auto"
    x_display: str | None = None
    quality: str = "Very High"
    field_of_view: float = 90.0
    server_timeout: float = 100.0
    start_timeout: float = 300.0
    extra: tuple[tuple[str, Any], ...] = field(default=())

    def resolved_platform(self) -> str:
        """``"CloudRendering"`` or ``"Linux64"`` (the build's own choice when an executable is given)."""
        if self.platform != "auto":
            return self.platform
        return "Linux64" if (self.x_display or os.environ.get("DISPLAY")) else "CloudRendering"

    def controller_kwargs(self, scene: str | None = None) -> dict[str, Any]:
        """Keyword arguments for ``ai2thor.controller.Controller`` (never ``headless``)."""
        kw: dict[str, Any] = {
            "width": self.width,
            "height": self.height,
            "quality": self.quality,
            "fieldOfView": self.field_of_view,
            "gridSize": 0.25,
            "snapToGrid": False,
            "rotateStepDegrees": 90,
            "visibilityDistance": 1.5,
            "renderDepthImage": False,
            "renderInstanceSegmentation": False,
            "server_timeout": self.server_timeout,
            "server_start_timeout": self.start_timeout,
        }
        if scene is not None:
            kw["scene"] = scene
        if self.executable:
            kw["local_executable_path"] = self.executable
            kw["x_display"] = self.x_display or os.environ.get("DISPLAY") or ":0"
        elif self.resolved_platform() == "CloudRendering":
            import ai2thor.platform

            kw["platform"] = ai2thor.platform.CloudRendering
        elif self.x_display:
            kw["x_display"] = self.x_display
        kw.update(dict(self.extra))
        return kw


def _commit() -> str:
    try:
        import ai2thor.build

        return str(ai2thor.build.COMMIT_ID)
    except Exception:  # noqa: BLE001 - only used in a hint
        return "<commit of your ai2thor version>"


def explain(exc: BaseException, config: ThorConfig) -> Exception:
    """The one-line error for a failure to find or start THOR (``ThorUnavailableError`` or ``ThorStartError``)."""
    text = " ".join(str(exc).split())
    low = text.lower()
    where = f"--thor-executable {config.executable}" if config.executable else "AI2-THOR"
    if "no build exists" in low:
        return ThorUnavailableError(
            "AI2-THOR has no Unity build on this machine and ai2thor could not download one (no network?): "
            + _HOW.format(commit=_commit())
        )
    if "missing dependencies" in low or "vulkan" in low:
        return ThorUnavailableError(
            f"{where}: no usable renderer: CloudRendering needs a Vulkan driver (libvulkan1 and the GPU's Vulkan "
            "ICD; check with vulkaninfo), an X build needs a reachable X display with GLX (x_display=, $DISPLAY)"
        )
    logs = "~/.ai2thor/log/unity.log, ~/.config/unity3d/Allen Institute for Artificial Intelligence/AI2-THOR/Player.log"
    if isinstance(exc, TimeoutError):  # also a stalled build the start watchdog killed
        return ThorStartError(
            f"{where} did not answer within {config.start_timeout:g} s: check the Unity log ({logs})"
        )
    if isinstance(exc, OSError) and config.executable:
        return ThorUnavailableError(f"{where}: cannot run it ({type(exc).__name__}: {text})")
    exited = re.search(r"returncode=(-?\d+)", text) if "process has exited" in low else None
    if exited:
        return ThorStartError(
            f"{where} exited while starting (returncode {exited.group(1)}): check the Unity log ({logs}); "
            "a missing Vulkan ICD or an X display it may not use are the usual causes"
        )
    return ThorStartError(f"{where} failed to start: {type(exc).__name__}: {text}")


def preflight(config: ThorConfig) -> None:
    """Check that THOR can be started, without starting it.

    A local executable must be an executable file. Otherwise ``ai2thor`` looks for (and, with network, downloads)
    its build — what it would do on first use anyway; offline and with no build this fails at once.

    Raises:
        ThorUnavailableError: saying how to get a build or point at one.
    """
    if config.executable:
        path = Path(config.executable).expanduser()
        if not path.is_file() or not os.access(path, os.X_OK):
            what = "no such file" if not path.exists() else "not an executable file"
            raise ThorUnavailableError(
                f"--thor-executable {config.executable}: {what}; give the THOR build's executable "
                f"(thor-<platform>-<commit>/thor-<platform>-<commit> in a release folder)"
            )
        return
    try:
        from ai2thor.controller import Controller

        Controller(download_only=True, **config.controller_kwargs())
    except ImportError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line that says what to do
        err = explain(exc, config)
        raise (err if isinstance(err, ThorUnavailableError) else ThorUnavailableError(str(err))) from None


_LOCK = threading.Lock()
_LIVE: dict[tuple[int, ThorConfig], Any] = {}
_START: dict[str, Any] = {"timed_out": False, "exited": None}  # set by the start watchdog (starts hold _LOCK)


def _watch_start(server: Any, timeout: float) -> None:
    """Unblock ai2thor when the build dies or stalls before it opens its FIFO.

    ai2thor opens the server FIFO for reading with a plain ``open()``, which blocks until the build opens the
    other end: a build that crashes at once (a missing Vulkan ICD, no X display) or never answers would hang the
    caller forever. Once the build has exited (or is killed after ``timeout`` seconds), opening and closing the
    write end lets ai2thor's ``open()`` return, and closing its read end makes its first read fail.
    """
    proc, deadline = server.unity_proc, time.monotonic() + timeout
    while server.server_pipe is None and proc is not None:
        if proc.poll() is None and time.monotonic() > deadline:
            _START["timed_out"] = True
            proc.kill()
            proc.wait()
        if proc.poll() is not None:
            if not _START["timed_out"]:
                _START["exited"] = proc.returncode
            try:
                fd = os.open(server.server_pipe_path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader yet (ENXIO): ai2thor has not reached open() -- try again
                pass
            else:
                os.close(fd)
                _stop_reading(server)
                return
        time.sleep(0.05)


def _stop_reading(server: Any) -> None:
    """Close ai2thor's read end once it is open: with the build gone, ai2thor would otherwise spin on end-of-file
    until its start timeout (minutes); reading from a closed pipe fails at once instead."""
    deadline = time.monotonic() + 5.0
    while server.server_pipe is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if server.server_pipe is not None:
        with contextlib.suppress(OSError, ValueError):
            server.server_pipe.close()


def _controller_class() -> Any:
    """ai2thor's ``Controller`` with the start watchdog (:func:`_watch_start`)."""
    from ai2thor.controller import Controller

    class GuardedController(Controller):  # type: ignore[misc, valid-type]
        def _start_unity_thread(
            self, env: Any, width: Any, height: Any, server_params: Any, image_name: Any
        ) -> None:
            super()._start_unity_thread(env, width, height, server_params, image_name)
            if getattr(self.server, "server_pipe_path", None):  # the FIFO server (not WSGI)
                args = (self.server, self.server_start_timeout)
                threading.Thread(target=_watch_start, args=args, daemon=True).start()

    return GuardedController


def get_controller(config: ThorConfig, scene: str | None = None) -> Any:
    """This process's controller for ``config``, started on first use (in ``scene`` when given).

    Raises:
        ThorUnavailableError: no build / bad executable / no renderer.
        ThorStartError: the build crashed or timed out while starting.
    """
    key = (os.getpid(), config)
    with _LOCK:
        controller = _LIVE.get(key)
        if controller is not None:
            return controller
        _START.update(timed_out=False, exited=None)
        try:
            controller = _controller_class()(**config.controller_kwargs(scene))
        except Exception as exc:  # noqa: BLE001 - turned into one line that says what to do
            cause: BaseException = exc
            if _START["exited"] is not None:  # ai2thor reads the early EOF as a timeout: say what happened
                cause = RuntimeError(f"Unity process has exited, returncode={_START['exited']}")
            elif _START["timed_out"]:
                cause = TimeoutError(str(exc))
            raise explain(cause, config) from None
        _LIVE[key] = controller
        return controller


def is_running(config: ThorConfig) -> bool:
    """True when this process has a controller for ``config``."""
    return (os.getpid(), config) in _LIVE


def close_controller(config: ThorConfig) -> bool:
    """Stop this process's controller for ``config``; ``False`` when there was none (safe to call twice)."""
    with _LOCK:
        controller = _LIVE.pop((os.getpid(), config), None)
    if controller is None:
        return False
    with contextlib.suppress(Exception):  # the Unity process may already be gone; stopping is best effort
        controller.stop()
    return True


def close_all() -> int:
    """Stop every controller this process started (registered with ``atexit``); returns how many."""
    with _LOCK:
        mine = [key for key in _LIVE if key[0] == os.getpid()]
    return sum(close_controller(cfg) for _, cfg in mine)


atexit.register(close_all)


__all__ = [
    "EXECUTABLE_ENV",
    "ThorConfig",
    "ThorStartError",
    "ThorUnavailableError",
    "close_all",
    "close_controller",
    "explain",
    "get_controller",
    "is_running",
    "preflight",
]
