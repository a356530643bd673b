"""RDF input errors name the file, line and column, and never leave a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netorg.errors import UnusableInput
from netorg.rdf.read import rdf_files, read_graph

BROKEN_TURTLE = '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "open .\n'


def test_syntax_error_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(BROKEN_TURTLE, encoding="utf-8")
    with pytest.raises(UnusableInput) as caught:
        read_graph([bad])
    message = str(caught.value)
    assert message.startswith(f"{bad}:3:")
    assert "syntax error" in message
    assert "\n" not in message


def test_folders_expand_to_rdf_files_only(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonld").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    assert [p.name for p in rdf_files([tmp_path])] == ["a.ttl", "b.jsonld"]


def test_missing_path_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="no such file"):
        rdf_files([tmp_path / "nowhere.ttl"])


def test_json_ld_is_read(tmp_path: Path) -> None:
    doc = tmp_path / "case.jsonld"
    doc.write_text(
        '{"@id": "http://example.org/a", "http://example.org/p": "v"}', encoding="utf-8"
    )
    assert len(read_graph([doc])) == 1


def test_validate_on_broken_file_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(BROKEN_TURTLE, encoding="utf-8")
    before = bad.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "netorg", "validate", str(bad)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}:3:" in result.stderr
    assert bad.read_bytes() == before
