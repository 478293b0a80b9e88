"""ruff and mypy are checks that fail CI, not rules in prose."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def ruff() -> str:
    beside = Path(sys.executable).parent / "ruff"
    return str(beside) if beside.exists() else shutil.which("ruff") or "ruff"


def test_ruff_check_is_clean() -> None:
    result = subprocess.run([ruff(), "check", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = subprocess.run(
        [ruff(), "format", "--check", "."], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def mypy() -> str:
    beside = Path(sys.executable).parent / "mypy"
    return str(beside) if beside.exists() else shutil.which("mypy") or "mypy"


def test_mypy_finds_no_type_error() -> None:
    """mypy over factcheck_tui as pyproject.toml configures it (0 errors; 46 before #10)."""
    result = subprocess.run([mypy()], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
