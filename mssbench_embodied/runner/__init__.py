"""The runner layer."""
