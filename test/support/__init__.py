"""Shared test support: the local servers (``servers``), payloads (``payloads``) and the
sandbox tests' raw client (``sandbox``). Imported as ``support``; never a test file."""
