"""Talking to LanguageTool: starting or finding the server, checking text, naming every fault.

language-tool-python does the server's life cycle: it starts the local Java server (or reads an
install from ``LTP_JAR_DIR_PATH``), or points at a remote ``server``, and checks the language
against the server's ``/v2/languages``. The ``/v2/check`` request itself is made here, with
``requests`` (the library's own HTTP client), because ``LanguageTool.check()`` drops what newslint
needs: the ``warnings.incompleteResults`` flag, the HTTP status (426 rate limit, 413 text too
long) and the server's own words about its limits. Matches are parsed here too, so that lengths
as well as offsets are converted from UTF-16 (``Match`` converts only the offset).

Every failure becomes :class:`LanguageToolUnavailable`, whose message is one line naming the
cause and the fix.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import language_tool_python
import requests
from language_tool_python.exceptions import LanguageToolError

from newslint_languagetool.offsets import Utf16Index

SPELLING_CATEGORIES = frozenset({"TYPOS"})
"""LanguageTool's spelling categories, off unless ``spelling = true``."""

SPELLING_RULE_RE = re.compile(r"SPELLING|MORFOLOGIK|HUNSPELL")
"""LanguageTool's spelling rules by ID (``MORFOLOGIK_RULE_EN_US``), off with the categories."""

FIX_SERVER = "set `server` in [plugins.languagetool] to a running LanguageTool server"


class LanguageToolUnavailable(Exception):
    """LanguageTool could not check the text; ``str()`` is one line: the cause, then the fix."""


class TextTooLong(LanguageToolUnavailable):
    """The server refused a request as too long (HTTP 413); ``limit`` is its limit, if named."""

    def __init__(self, message: str, limit: int | None) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class Settings:
    """The ``[plugins.languagetool]`` options of one configuration."""

    server: str | None = None
    """URL of a LanguageTool server; ``None`` starts language-tool-python's local Java server."""
    language: str | None = None
    """LanguageTool's language code; ``None`` takes each article's newslint ``locale``."""
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False
    """LanguageTool's ``level=picky``: more style rules."""
    spelling: bool = False
    """Whether LanguageTool's spelling rules run (newslint's SP rules own spelling)."""
    timeout: int = 30
    """Seconds to wait for one answer from the server."""
    fail_on_unavailable: bool = True
    """Whether a LanguageTool fault makes the run incomplete (exit status 2)."""
    max_request_chars: int = 20000
    """Longest request, in UTF-16 units; a server that names a lower limit (HTTP 413) wins."""

    def result_key(self, language: str) -> tuple[Any, ...]:
        """What, besides the text, decides LanguageTool's answer (the paragraph cache's key)."""
        return (self.server, language, self.enabled_rules, self.disabled_rules,
                self.enabled_categories, self.disabled_categories, self.picky, self.spelling)


@dataclass(frozen=True)
class Match:
    """One LanguageTool match, its position in ``str`` offsets of the text that was sent."""

    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]
    start: int
    end: int


@dataclass
class CheckResult:
    """LanguageTool's answer for one text."""

    matches: list[Match] = field(default_factory=list)
    incomplete: bool = False
    """``warnings.incompleteResults``: the server stopped early (a time or size limit)."""


class Client:
    """One LanguageTool server, started or found on first use, and checks against it."""

    def __init__(self, server: str | None, timeout: int) -> None:
        self.server = server
        self.timeout = timeout
        self._tools: dict[str, language_tool_python.LanguageTool] = {}
        self._local_url: str | None = None

    # ---- connecting ----------------------------------------------------------------------

    def _tool(self, language: str) -> language_tool_python.LanguageTool:
        tool = self._tools.get(language)
        if tool is None:
            tool = self._tools[language] = self._connect(language)
        return tool

    def _connect(self, language: str) -> language_tool_python.LanguageTool:
        # a second language reuses the local server the first one started: one JVM per run
        remote = self.server or self._local_url
        where = remote or "the local LanguageTool server"
        try:
            tool = _Tool(self.timeout, language=language,
                         remote_server=api_base(remote) if remote else None)
        except ModuleNotFoundError as exc:  # language-tool-python's "no java install detected"
            raise LanguageToolUnavailable(
                f"Java was not found ({exc}): install Java 17 or later, or {FIX_SERVER}") from None
        except SystemError as exc:  # its "Java too old" error
            raise LanguageToolUnavailable(
                f"{exc}: install Java 17 or later, or {FIX_SERVER}") from None
        except ValueError as exc:  # LanguageTag: the server does not know the language
            raise LanguageToolUnavailable(
                f"{where} does not support language {language!r} ({exc}): set `language` in "
                "[plugins.languagetool] to one it lists at /v2/languages") from None
        except Exception as exc:
            raise LanguageToolUnavailable(self._describe(exc, where, "/v2/languages")) from None
        if not self.server:
            self._local_url = tool.url.removesuffix("v2/")
        return tool

    def _describe(self, exc: BaseException, where: str, endpoint: str) -> str:
        """One line for a failure to reach or understand the server."""
        cause = exc.__cause__ if isinstance(exc, LanguageToolError) and exc.__cause__ else exc
        if isinstance(cause, requests.Timeout):
            return (f"{where} did not answer {endpoint} within {self.timeout} s: raise `timeout` "
                    "in [plugins.languagetool], or check the server")
        if isinstance(cause, requests.ConnectionError):
            return f"no LanguageTool server answers at {where}: start it, or fix `server`"
        if isinstance(exc, LanguageToolError) and self.server:
            return (f"{where} does not speak LanguageTool's API (its {endpoint} answer is not "
                    f"JSON: {_excerpt(str(exc))}): check `server`")
        if self.server is None:
            # the local server: a download that needs the network, a missing jar, a crash
            return (f"the local LanguageTool server could not start ({type(exc).__name__}: "
                    f"{_excerpt(str(exc))}): set LTP_JAR_DIR_PATH to an unpacked LanguageTool, "
                    f"or {FIX_SERVER}")
        return (f"{where} gave an answer that is not LanguageTool's ({type(exc).__name__}: "
                f"{_excerpt(str(exc))}): check `server`")

    def close(self) -> None:
        """Stop the local server, if this client started one."""
        for tool in self._tools.values():
            tool.close()
        self._tools.clear()

    # ---- checking ------------------------------------------------------------------------

    def check(self, text: str, language: str, settings: Settings) -> CheckResult:
        """Check ``text``; raises :class:`LanguageToolUnavailable` (or :class:`TextTooLong`)."""
        tool = self._tool(language)
        url = urllib.parse.urljoin(tool.url, "check")
        where = self.server or "the local LanguageTool server"
        try:
            response = requests.post(url, data=_params(text, str(tool.language), settings),
                                     timeout=self.timeout, proxies=tool.proxies)
        except requests.RequestException as exc:
            raise LanguageToolUnavailable(self._describe(exc, where, "/v2/check")) from None
        body = response.text
        if response.status_code in (426, 429):
            raise LanguageToolUnavailable(
                f"{where} refused the request: rate limit exceeded (HTTP {response.status_code}: "
                f"{_excerpt(body)}): wait and run again, or {FIX_SERVER} without that limit")
        if response.status_code == 413:
            limit = re.search(r"limit of (\d+)", body)
            raise TextTooLong(
                f"{where} refused the text as too long (HTTP 413: {_excerpt(body)})",
                int(limit.group(1)) if limit else None)
        if response.status_code != 200:
            raise LanguageToolUnavailable(
                f"{where} answered HTTP {response.status_code} ({_excerpt(body)}): check the "
                "server")
        try:
            return parse_check(response.json(), text)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise LanguageToolUnavailable(
                f"{where} gave a /v2/check answer that is not LanguageTool's ({type(exc).__name__}"
                f": {_excerpt(str(exc) or body)}): check `server`") from None


def api_base(server: str) -> str:
    """The address under which a server's ``v2/`` API lies, for language-tool-python (which
    joins ``v2/`` to it as a relative URL): ``server`` with a trailing slash, and without the
    ``/v2`` that LanguageTool's documentation gives its API's address with, which would
    otherwise be doubled (``/v2/v2/``); a path before it (a server behind a proxy at
    ``/languagetool``) is kept, where a join would drop its last part."""
    base = server.rstrip("/")
    return base.removesuffix("/v2") + "/"


class _Tool(language_tool_python.LanguageTool):
    """language-tool-python's client with newslint's timeout for every request it makes."""

    def __init__(self, timeout: int, **kwargs: Any) -> None:
        # read by LanguageTool._query_server (the /v2/languages look-up in __init__), which
        # otherwise waits 300 s for a server that hangs
        self._TIMEOUT = timeout  # type: ignore[assignment]
        super().__init__(**kwargs)


def _params(text: str, language: str, settings: Settings) -> dict[str, str]:
    """The form fields of a ``/v2/check`` request (LanguageTool's documented parameters)."""
    disabled_categories = set(settings.disabled_categories)
    if not settings.spelling:
        disabled_categories |= SPELLING_CATEGORIES - set(settings.enabled_categories)
    params = {"text": text, "language": language}
    for name, values in (("enabledRules", settings.enabled_rules),
                         ("disabledRules", settings.disabled_rules),
                         ("enabledCategories", settings.enabled_categories),
                         ("disabledCategories", sorted(disabled_categories))):
        if values:
            params[name] = ",".join(values)
    if settings.picky:
        params["level"] = "picky"
    return params


def parse_check(data: Any, text: str) -> CheckResult:
    """Read a ``/v2/check`` answer for ``text``; offsets and lengths go from UTF-16 to ``str``.

    Raises ``KeyError``/``TypeError``/``ValueError`` when the answer is not LanguageTool's shape.
    """
    if not isinstance(data, dict) or not isinstance(data["matches"], list):
        raise ValueError("no 'matches' list")
    index = Utf16Index(text)
    matches = []
    for raw in data["matches"]:
        rule = raw["rule"]
        offset, length = int(raw["offset"]), int(raw["length"])
        start, end = index.to_str(offset), index.to_str(offset + length)
        matches.append(Match(
            rule_id=str(rule["id"]).upper(), category=str(rule["category"]["id"]),
            issue_type=str(rule.get("issueType", "uncategorized")), message=str(raw["message"]),
            replacements=tuple(str(r["value"]) for r in raw.get("replacements", [])),
            start=start, end=end))
    warnings = data.get("warnings") or {}
    incomplete = isinstance(warnings, dict) and bool(warnings.get("incompleteResults"))
    return CheckResult(matches, incomplete)


def is_spelling(match: Match) -> bool:
    """Whether the match comes from one of LanguageTool's spelling rules."""
    return match.category in SPELLING_CATEGORIES or bool(SPELLING_RULE_RE.search(match.rule_id))


def _excerpt(text: str, limit: int = 120) -> str:
    """The first line of ``text``, cut to ``limit`` characters, for a one-line message."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
