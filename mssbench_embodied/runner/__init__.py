"""The runner layer: async episodes, bounded concurrency, append-only ledger with resume, shards.

Example:
    >>> from mssbench_embodied.runner import RunConfig, parse_shard
    >>> RunConfig().setting, str(parse_shard("1/2"))
    ('if', '1/2')
"""

from mssbench_embodied.runner.config import ConfigError, RunConfig
from mssbench_embodied.runner.ledger import Ledger, latest_by_key, read_ledger
from mssbench_embodied.runner.merge import MergeOutcome, merge_runs
from mssbench_embodied.runner.runner import RunOutcome, prepare_run, run_evaluation, run_evaluation_sync
from mssbench_embodied.runner.shard import ShardSpec, parse_shard

__all__ = [
    "ConfigError",
    "Ledger",
    "MergeOutcome",
    "RunConfig",
    "RunOutcome",
    "ShardSpec",
    "latest_by_key",
    "merge_runs",
    "parse_shard",
    "prepare_run",
    "read_ledger",
    "run_evaluation",
    "run_evaluation_sync",
]
