"""The ``newslint lsp`` command itself: a clear error without the extra, and no cost to the CLI."""

from __future__ import annotations

import json
import subprocess
import sys


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_missing_extra_is_one_error_line_with_the_install_command() -> None:
    # a None entry in sys.modules makes the package look uninstalled to the import system
    proc = run_python("import sys; sys.modules['pygls'] = None\n"
                      "from newslint.cli import main; main(['lsp'])")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "newslint: error: the language server needs pygls: pip install 'newslint[lsp]'"]
    assert proc.stdout == ""


def test_the_cli_does_not_import_the_server() -> None:
    proc = run_python("import sys\nfrom newslint.cli import main\n"
                      "print(sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol', "
                      "'newslint.lsp'))))")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def message(body: dict) -> bytes:
    data = json.dumps({"jsonrpc": "2.0", **body}).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def run_server(*bodies: dict) -> subprocess.CompletedProcess[bytes]:
    params = {"processId": None, "rootUri": None, "capabilities": {}}
    exchange = b"".join(message(body) for body in [
        {"id": 1, "method": "initialize", "params": params},
        {"method": "initialized", "params": {}},
        *bodies,
    ])
    return subprocess.run([sys.executable, "-m", "newslint", "lsp"], input=exchange,
                          capture_output=True, timeout=60, check=False)


def test_server_exits_cleanly_when_the_client_says_exit() -> None:
    # the language server closes standard output on "exit"; the command must still end with 0
    proc = run_server({"id": 2, "method": "shutdown"}, {"method": "exit"})
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert b'"id": 2' in proc.stdout or b'"id":2' in proc.stdout  # shutdown was answered


def test_exit_without_shutdown_ends_with_1() -> None:
    # LSP 3.17: "The server should exit with success code 0 if the shutdown request has been
    # received before; otherwise with error code 1"
    proc = run_server({"method": "exit"})
    assert (proc.returncode, proc.stderr) == (1, b"")


def test_a_request_after_shutdown_is_answered_with_invalid_request() -> None:
    # LSP 3.17: "If a server receives requests after a shutdown request those requests should
    # error with InvalidRequest"; left unanswered, the client waits for ever
    hover = {"textDocument": {"uri": "file:///story.md"}, "position": {"line": 0, "character": 0}}
    proc = run_server({"id": 2, "method": "shutdown"},
                      {"id": 3, "method": "textDocument/hover", "params": hover},
                      {"method": "exit"})
    assert (proc.returncode, proc.stderr) == (0, b"")
    bodies = [json.loads(part[: part.rindex(b"}") + 1])
              for part in proc.stdout.split(b"\r\n\r\n")[1:]]
    [answer] = [b for b in bodies if b.get("id") == 3]
    assert answer["error"]["code"] == -32600


SPINNER = '''
from pathlib import Path
from newslint import Rule, hookimpl


class Spin(Rule):
    """## What it does
    Runs on and on, as a rule on a huge article does.
    """
    code = "XY001"
    name = "spin"

    def check(self, document):
        Path("started").write_text("yes")
        n = 0
        while n >= 0:
            n += 1
        return []


@hookimpl
def newslint_register_rules():
    return [Spin]
'''


def test_exit_does_not_wait_for_a_lint_that_runs_on(tmp_path) -> None:
    # the interpreter joins the lint thread as it ends; a rule within a long rule-timeout
    # would keep the process alive after the editor said exit
    import time

    (tmp_path / ".newslint.toml").write_text(
        'select = ["XY"]\nplugins = ["spin.py"]\nrule-timeout = 600\n', encoding="utf-8")
    (tmp_path / "spin.py").write_text(SPINNER, encoding="utf-8")
    story = tmp_path / "story.md"
    story.write_text("# Ferry returns\n\nThe ferry sailed.\n", encoding="utf-8")
    params = {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}
    opened = {"textDocument": {"uri": story.as_uri(), "languageId": "markdown", "version": 1,
                               "text": story.read_text(encoding="utf-8")}}
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "lsp"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        assert proc.stdin is not None
        proc.stdin.write(message({"id": 1, "method": "initialize", "params": params})
                         + message({"method": "initialized", "params": {}})
                         + message({"method": "textDocument/didOpen", "params": opened}))
        proc.stdin.flush()
        for _ in range(600):  # until the rule runs
            if (tmp_path / "started").exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        proc.stdin.write(message({"id": 2, "method": "shutdown"}) + message({"method": "exit"}))
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
