"""One module per `netorg` sub-command; each imports heavy libraries only when it runs."""

import argparse


def positive_int(text: str) -> int:
    """An argparse type for counts such as `--jobs`: 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: expected 1 or more worker processes")
    return value
