"""The package version, kept apart so that every layer can read it without importing ``smtp``."""

__version__ = "1.0.0"
