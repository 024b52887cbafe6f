"""make package, once per test session: the template and zip the deploy tests read."""
import json

import pytest


@pytest.fixture(scope="session")
def package(tmp_path_factory):
    """What `make package STAGE=prod` writes (it lints both templates and checks the zip, or fails)."""
    from deploy.package import build
    out = build("prod", tmp_path_factory.mktemp("package") / "prod")
    return {
        "dir": out,
        "sam": json.loads((out / "sam.json").read_text()),
        "cfn": json.loads((out / "checked" / "cloudformation.json").read_text()),
    }
