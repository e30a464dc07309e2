"""Kept for tools that still run ``setup.py``; all metadata lives in pyproject.toml."""

from setuptools import setup

setup()
