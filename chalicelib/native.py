"""The compiled extensions leadflow counts on, checked before it serves anything.

rapidfuzz ships a pure-Python fallback that it takes silently when its C++ extension is missing
(a wheel built for another platform, a source build without a compiler) or cannot load (a glibc
newer than the Lambda runtime's). The duplicate check would then still answer, a hundred times
slower, and time out under load. leadflow refuses to start instead, where the failure is visible.
"""
import importlib.util
import os
from pathlib import Path

NATIVE_MODULES = {"rapidfuzz": ("fuzz_cpp", "distance/metrics_cpp")}


class NativeExtensionMissing(RuntimeError):
    pass


def require_compiled_extensions() -> None:
    """Cheap enough for every cold start: looks at files, loads nothing (matching.py checks what loaded)."""
    if os.environ.get("RAPIDFUZZ_IMPLEMENTATION", "").lower() == "python":
        raise NativeExtensionMissing("RAPIDFUZZ_IMPLEMENTATION=python: leadflow needs rapidfuzz's C++ extension")
    for package, modules in NATIVE_MODULES.items():
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise NativeExtensionMissing(f"{package} is not installed")
        folder = Path(next(iter(spec.submodule_search_locations)))
        for module in modules:
            if not list(folder.glob(f"{module}*.so")) and not list(folder.glob(f"{module}*.pyd")):
                raise NativeExtensionMissing(
                    f"{package} has no compiled {module}: install the manylinux wheel for this platform")


def require_native(function) -> None:
    """A rapidfuzz function that loaded from its C++ module, not from the pure-Python fallback."""
    module = getattr(function, "__module__", "") or ""
    if not module.split(".")[-1].startswith(("metrics_cpp", "fuzz_cpp", "process_cpp")):
        raise NativeExtensionMissing(f"rapidfuzz fell back to pure Python ({module}): refusing to run the matcher")
