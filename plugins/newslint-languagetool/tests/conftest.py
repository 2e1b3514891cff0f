"""A LanguageTool stand-in on 127.0.0.1, and newslint wired to it.

The server answers ``GET /v2/languages`` and ``POST /v2/check`` in LanguageTool's documented JSON
shape, with offsets and lengths in UTF-16 code units as the Java server counts them. Its "rules"
are a few regular expressions; its ``mode`` switches it into each fault the plugin must survive.
It counts and keeps every check request, so tests can see what was (and was not) sent.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from newslint_languagetool import plugin
from newslint_languagetool.checker import Checker

from newslint.config import Config
from newslint.engine import FileResult, lint_text
from newslint.manager import PluginManager, get_plugin_manager

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]

# (pattern, group to mark, rule id, category id, category name, issue type, message, replacement)
RULES = [
    (re.compile(r"\b([aA]) [aeiou]\w*"), 1, "EN_A_VS_AN", "MISC", "Miscellaneous", "misspelling",
     'Use "an" instead of "a" if the following word starts with a vowel sound, e.g. "an '
     'article", "an hour".', "an"),
    (re.compile(r"\b((\w+) \2)\b", re.I), 1, "ENGLISH_WORD_REPEAT_RULE", "MISC",
     "Miscellaneous", "duplication", "Possible typo: you repeated a word.", None),
    (re.compile(r"\b(wrold)\b"), 1, "MORFOLOGIK_RULE_EN_US", "TYPOS", "Possible Typo",
     "misspelling", "Possible spelling mistake found.", "world"),
    (re.compile(r"\b(utilize)\b"), 1, "UTILIZE_USE", "STYLE", "Style", "style",
     "Consider a shorter word.", "use"),
]


def utf16(text: str) -> int:
    """Java's String.length() of ``text``, computed independently of the plugin's code."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FakeLanguageTool:
    """The server's state, shared with the test."""

    url: str = ""
    mode: str = "ok"
    """``ok``, ``incomplete``, ``ratelimit``, ``garbage``, ``wrong-json``, ``slow``,
    ``languages-garbage``, ``spelling-always`` (ignores disabledCategories)."""
    max_length: int | None = None
    """Answer HTTP 413, in LanguageTool's words, to longer texts."""
    proxy_limit: int | None = None
    """Answer HTTP 413 to longer texts as a reverse proxy does: a page that names no limit."""
    checks: list[dict[str, str]] = field(default_factory=list)
    """The form fields of every ``/v2/check`` request, in order."""
    release: threading.Event = field(default_factory=threading.Event)
    """Set when the test ends, so that a ``slow`` answer stops waiting."""

    @property
    def texts(self) -> list[str]:
        return [c["text"] for c in self.checks]

    def answer(self, params: dict[str, str]) -> dict[str, Any]:
        text = params["text"]
        disabled = set(filter(None, params.get("disabledCategories", "").split(",")))
        disabled_rules = set(filter(None, params.get("disabledRules", "").split(",")))
        if self.mode == "spelling-always":
            disabled.discard("TYPOS")
        matches = []
        for pattern, group, rule_id, cat, cat_name, issue, message, repl in RULES:
            if cat in disabled or rule_id in disabled_rules:
                continue
            for m in pattern.finditer(text):
                start, end = m.start(group), m.end(group)
                offset, length = utf16(text[:start]), utf16(text[start:end])
                ctx_start = max(0, start - 20)
                matches.append({
                    "message": message,
                    "shortMessage": "",
                    "replacements": [{"value": repl or m.group(2)}],
                    "offset": offset,
                    "length": length,
                    "context": {"text": text[ctx_start:end + 20],
                                "offset": utf16(text[ctx_start:start]), "length": length},
                    "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": {"id": rule_id, "description": message, "issueType": issue,
                             "category": {"id": cat, "name": cat_name}},
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                })
        matches.sort(key=lambda x: x["offset"])
        long_code = params["language"]
        name = next((lang["name"] for lang in LANGUAGES if lang["longCode"] == long_code),
                    long_code)
        return {
            "software": {"name": "LanguageTool", "version": "6.6", "apiVersion": 1,
                         "buildDate": "2025-03-27 10:00:00 +0000", "premium": False,
                         "premiumHint": "", "status": ""},
            "warnings": {"incompleteResults": self.mode == "incomplete"},
            "language": {"name": name, "code": long_code,
                         "detectedLanguage": {"name": name, "code": long_code, "confidence": 0.99,
                                              "source": "ngram"}},
            "matches": matches,
        }


def _handler(state: FakeLanguageTool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

        def _send(self, status: int, body: str, content_type: str = "application/json") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.rstrip("/") != "/v2/languages":
                self._send(404, "Error: not found", "text/plain")
            elif state.mode == "languages-garbage":
                self._send(200, "<html><body>Welcome to nginx!</body></html>", "text/html")
            else:
                self._send(200, json.dumps(LANGUAGES))

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"),
                                         keep_blank_values=True)
            params = {k: v[0] for k, v in form.items()}
            if self.path != "/v2/check":
                self._send(404, "Error: not found", "text/plain")
                return
            state.checks.append(params)
            text = params.get("text", "")
            if state.mode == "slow":
                state.release.wait(30)
                return  # the client gave up long ago
            if state.mode == "ratelimit":
                self._send(426, "Error: Client request limit of 20 requests per 60 seconds "
                           "exceeded", "text/plain")
            elif state.proxy_limit is not None and utf16(text) > state.proxy_limit:
                self._send(413, "<html><head><title>413 Request Entity Too Large</title></head>"
                           "<body><center><h1>413 Request Entity Too Large</h1></center>"
                           "<hr><center>nginx</center></body></html>", "text/html")
            elif state.max_length is not None and utf16(text) > state.max_length:
                self._send(413, f"Error: Your text exceeds the limit of {state.max_length} "
                           f"characters (it's {utf16(text)} characters). Please submit a "
                           "shorter text.", "text/plain")
            elif state.mode == "garbage":
                self._send(200, "<html><body>502 Bad Gateway</body></html>", "text/html")
            elif state.mode == "wrong-json":
                self._send(200, json.dumps({"status": "ok"}))
            else:
                self._send(200, json.dumps(state.answer(params)))

    return Handler


@pytest.fixture
def fake_lt() -> Iterator[FakeLanguageTool]:
    """A LanguageTool stand-in on 127.0.0.1, shut down when the test ends."""
    state = FakeLanguageTool()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    # a short poll interval, so that shutting down takes a moment rather than half a second
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="fake-languagetool",
                              daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture
def dead_url() -> str:
    """A URL where nothing listens: a port that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(autouse=True)
def fresh_checker(monkeypatch: pytest.MonkeyPatch) -> Iterator[Checker]:
    """Each test starts with no clients, no cache and no remembered faults."""
    checker = Checker()
    monkeypatch.setattr(plugin, "_checker", checker)
    yield checker
    checker.close()


@pytest.fixture
def pm() -> PluginManager:
    """newslint's built-ins plus this plugin, registered as its entry point would be."""
    manager = get_plugin_manager(autoload=False)
    manager.register(plugin, plugin.PLUGIN)
    return manager


Lint = Callable[..., FileResult]


@pytest.fixture
def lint(pm: PluginManager) -> Lint:
    """``lint(text, path="story.md", select=["LT"], **languagetool_options)`` → the result."""

    def run(text: str, path: str = "story.md", select: list[str] | None = None,
            config: dict[str, Any] | None = None, **options: Any) -> FileResult:
        data = {"select": select or ["LT"], **(config or {}),
                "plugins": {"languagetool": {k.replace("_", "-"): v for k, v in options.items()}}}
        cfg = Config.from_dict(data)
        return lint_text(pm, text, path, cfg)

    return run
