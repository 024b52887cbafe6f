"""Fixtures of the end-to-end tests: the `make run` stack (tests/e2e/stack.py) and a real browser."""
from tests.e2e.browser import browser, workspace  # noqa: F401  (fixtures)
from tests.e2e.stack import stack  # noqa: F401  (fixture)
