"""The layers hold at run time as well as in ``lint-imports``: the sandbox's server loads no HTTP
client (it stands on the declarations, the models and the standard library)."""

from __future__ import annotations

import subprocess
import sys

CLIENT_MODULES = ("smtp.api_client", "smtp.rest", "smtp.configuration", "smtp.retry", "smtp._decode", "smtp._compat")


def loaded_after(statement: str) -> list[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_importing_the_sandbox_server_loads_no_urllib3_and_no_client_module():
    loaded = loaded_after("import smtp.sandbox.server")
    assert "smtp.sandbox.server" in loaded
    assert [m for m in loaded if m.split(".")[0] == "urllib3"] == []
    assert [m for m in loaded if m in CLIENT_MODULES] == []
