"""The world layer."""
