"""The command line starts fast and fails cleanly: light imports, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from netorg.cli import COMMANDS, main

HEAVY = ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "pandas", "openpyxl", "mkdocs", "rich")


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys, json\n"
        "from netorg.cli import build_parser\n"
        "build_parser().format_help()\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_every_command_is_registered(capsys) -> None:
    try:
        main(["--help"])
    except SystemExit as stop:
        assert stop.code == 0
    listed = capsys.readouterr().out
    missing = [name for name in COMMANDS if name not in listed]
    assert not missing, f"commands without a module: {missing}"


def test_no_command_prints_help_and_succeeds(capsys) -> None:
    assert main([]) == 0
    assert "usage: netorg" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "netorg", "frobnicate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr
