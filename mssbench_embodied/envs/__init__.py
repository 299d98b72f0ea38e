"""The envs layer."""
