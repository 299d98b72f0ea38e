"""Say a configuration problem in the caller's words: ``task='x'`` from Python, ``--task x`` from the shell.

The layers below the api name options as the command line spells them (``--limit 0: must be greater than 0``),
since that is where most runs start. :func:`python_message` rewrites such a line for a caller of
:func:`mssbench_embodied.evaluate`, who passed keyword arguments.

Example:
    >>> python_message("--limit 0: must be greater than 0")
    'limit=0: must be greater than 0'
    >>> python_message("--task 'sideways': use one of chat, embodied, all")
    "task='sideways': use one of chat, embodied, all"
    >>> python_message("--data and --suite: give one of them")
    'data and suite: give one of them'
    >>> python_message("choose another --out, or pass --no-resume to start over there")
    'choose another out, or pass resume=False to start over there'
    >>> python_message("--task chat --setting qc: no episodes")
    'task=chat, setting=qc: no episodes'
"""

from __future__ import annotations

import re

from mssbench_embodied.data.errors import ConfigError

#: Flags whose Python spelling is not just the flag's name with ``_`` for ``-``.
_SPECIAL = {"--no-resume": "resume=False", "--skip-invalid": "skip_invalid=True"}
#: ``--flag VALUE:`` (a value then a colon): the option and the value the caller gave.
_WITH_VALUE = re.compile(r"(?<![\w-])--([a-z][a-z0-9-]*) ('[^']*'|\"[^\"]*\"|\S+?):(?=\s|$)")
#: ``--flag VALUE --other``: a value followed by another option.
_BEFORE_FLAG = re.compile(r"(?<![\w-])--([a-z][a-z0-9-]*) (?!(?:and|or) )([^\s-][^\s]*) (?=--)")
_BARE = re.compile(r"(?<![\w-])--([a-z][a-z0-9-]*)")


def _name(flag: str) -> str:
    return flag.replace("-", "_")


def python_message(line: str) -> str:
    """Rewrite the command-line option names in ``line`` as keyword arguments of ``evaluate``."""
    line = _BEFORE_FLAG.sub(lambda m: f"{_name(m.group(1))}={m.group(2)}, ", line)
    line = _WITH_VALUE.sub(lambda m: f"{_name(m.group(1))}={m.group(2)}:", line)
    return _BARE.sub(lambda m: _SPECIAL.get(m.group(0), _name(m.group(1))), line)


def for_python(exc: ConfigError) -> ConfigError:
    """A copy of ``exc`` (same class, and ``problems`` / ``outcome`` kept) whose lines name keyword arguments.

    Example:
        >>> str(for_python(ConfigError(["--concurrency 0: must be greater than 0"])))
        'concurrency=0: must be greater than 0'
    """
    lines = [python_message(line) for line in exc.lines]
    new = ConfigError.__new__(type(exc))
    ConfigError.__init__(new, lines)
    for attr in ("problems", "outcome"):
        if hasattr(exc, attr):
            value = getattr(exc, attr)
            setattr(new, attr, [python_message(p) for p in value] if attr == "problems" else value)
    return new


__all__ = ["for_python", "python_message"]
