"""The policies layer."""
