"""The render layer."""
