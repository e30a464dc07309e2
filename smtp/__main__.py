"""``python -m smtp``: the ``smtp`` command (see ``smtp.cli``)."""

from smtp.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
