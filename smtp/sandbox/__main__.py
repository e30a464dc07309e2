"""``python -m smtp.sandbox``: run the local SMTP.com Messages API until Ctrl-C or SIGTERM."""

from smtp.sandbox.command import add_arguments, build_arg_parser, main, run

__all__ = ["add_arguments", "build_arg_parser", "main", "run"]

if __name__ == "__main__":
    raise SystemExit(main())
