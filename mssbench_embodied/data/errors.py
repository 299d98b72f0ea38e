"""The exception hierarchy: every error this package raises on purpose derives from :class:`MSSBenchError`.

Catch :class:`MSSBenchError` to handle anything we raise; catch :class:`ConfigError` (bad input or configuration,
found before any model is called) to tell a caller's mistake from a failure on the way. The command line maps
:class:`ConfigError` to exit code 2. The classes live in the data layer, the lowest one, so that every layer can
raise them without importing upward; ``mssbench_embodied`` re-exports them.

.. code-block:: text

    MSSBenchError
    ├── ConfigError (also a ValueError)   bad input or configuration; .lines holds one message per problem
    │   ├── DataError                     a dataset or scenario with problems; .problems names file, item, field
    │   └── SpecError                     a policy / judge / renderer / setting spec that names nothing known
    ├── PolicyError (also a RuntimeError) a policy produced no answer (recorded as the episode's error)
    └── JudgeError (also a RuntimeError)  a judge produced no verdict (recorded as the episode's error)

Example:
    >>> try:
    ...     raise DataError(["combined.json: chat item 3: field 'Type': missing"])
    ... except MSSBenchError as err:
    ...     isinstance(err, ConfigError), err.lines
    (True, ["combined.json: chat item 3: field 'Type': missing"])
"""

from __future__ import annotations

from collections.abc import Iterable

#: How many problems ``str(DataError)`` shows before summarising the rest.
MAX_SHOWN_PROBLEMS = 20


class MSSBenchError(Exception):
    """The base class of every error mssbench-embodied raises on purpose.

    Example:
        >>> issubclass(SpecError, MSSBenchError) and issubclass(PolicyError, MSSBenchError)
        True
    """


class ConfigError(MSSBenchError, ValueError):
    """Bad input or configuration, found before any model call. ``lines`` holds one message per problem.

    Example:
        >>> str(ConfigError(["--limit 0: must be >= 1"]))
        '--limit 0: must be >= 1'
    """

    def __init__(self, lines: Iterable[str] | str) -> None:
        self.lines = [lines] if isinstance(lines, str) else list(lines) or ["invalid configuration"]
        super().__init__("\n".join(self.lines))


class DataError(ConfigError):
    """A dataset has problems; each is one line naming file, item and field.

    Attributes:
        problems: One line per problem, in the order found (``lines`` holds at most 20, then a count).

    Example:
        >>> err = DataError([f"x.json: chat item {i}: field 'Type': missing" for i in range(25)])
        >>> len(err.problems), str(err).splitlines()[-1]
        (25, '... and 5 more')
    """

    def __init__(self, problems: Iterable[str] | str) -> None:
        self.problems: list[str] = [problems] if isinstance(problems, str) else list(problems)
        if not self.problems:
            self.problems = ["invalid data (no details)"]
        shown = self.problems[:MAX_SHOWN_PROBLEMS]
        rest = len(self.problems) - len(shown)
        super().__init__([*shown, f"... and {rest} more"] if rest > 0 else shown)

    def __reduce__(self) -> tuple[type[DataError], tuple[list[str]]]:
        return (type(self), (self.problems,))


class SpecError(ConfigError):
    """A policy, judge, renderer or setting spec that names nothing known, or a bad option.

    The message says what is valid.

    Example:
        >>> isinstance(SpecError("unknown policy 'x'"), ValueError)
        True
    """


class PolicyError(MSSBenchError, RuntimeError):
    """A policy could not produce an answer (API failure after retries, generation error, ...)."""


class JudgeError(MSSBenchError, RuntimeError):
    """The judge produced no verdict (API failure, unparseable output after retries)."""


__all__ = ["ConfigError", "DataError", "JudgeError", "MSSBenchError", "PolicyError", "SpecError"]
