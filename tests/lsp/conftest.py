"""Fixtures of the language server tests; the client itself is in :mod:`tests.lsp.lspclient`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from tests.lsp.lspclient import Scenario, session


@pytest.fixture
def run_server(tmp_path: Path) -> Callable[..., None]:
    """``run_server(scenario, capabilities=...)`` starts ``newslint lsp`` in ``tmp_path``,
    initializes it, awaits ``scenario(client, init_result)``, and always shuts it down."""

    def run(scenario: Scenario, capabilities: lsp.ClientCapabilities | None = None) -> None:
        asyncio.run(session(scenario, capabilities or lsp.ClientCapabilities(), tmp_path))

    return run
