"""leadflow refuses to start on rapidfuzz's pure-Python fallback (100x slower duplicate checks)."""
import os
import subprocess
import sys

from tests.conftest import ROOT


def start(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)


def test_the_app_starts_with_rapidfuzz_compiled():
    started = start("import app; from chalicelib.domain import matching; print('started')")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().endswith("started")


def test_the_app_refuses_to_start_when_rapidfuzz_falls_back_to_pure_python():
    refused = start("import app", RAPIDFUZZ_IMPLEMENTATION="python")
    assert refused.returncode != 0 and "NativeExtensionMissing" in refused.stderr


def test_the_matcher_refuses_a_pure_python_rapidfuzz_even_if_the_startup_check_was_skipped():
    refused = start("from chalicelib.domain import matching", RAPIDFUZZ_IMPLEMENTATION="python")
    assert refused.returncode != 0 and "fell back to pure Python" in refused.stderr


def test_the_startup_check_finds_a_missing_compiled_module(monkeypatch):
    import pytest

    from chalicelib import native
    monkeypatch.setitem(native.NATIVE_MODULES, "rapidfuzz", ("fuzz_cpp", "no_such_module_cpp"))
    with pytest.raises(native.NativeExtensionMissing, match="no_such_module_cpp"):
        native.require_compiled_extensions()
