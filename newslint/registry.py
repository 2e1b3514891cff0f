"""The table of every registered rule, and which rules run on which file.

Selection follows flake8's decision engine with ruff's keys: ``select`` replaces the default set,
``extend-select`` adds to it, ``ignore`` removes from it; entries are codes or prefixes (``ALL``
matches everything), and when a code matches both a selecting and an ignoring entry, the longer
(more specific) one wins, ties going to ``ignore``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from newslint.config import Config, Override
from newslint.rule import CODE_RE, PREFIX_RE, Rule
from newslint.violation import Severity


class RegistryError(Exception):
    """Two plugins claim one code, or a rule is malformed."""


def _match_length(code: str, entries: Iterable[str]) -> int:
    """Length of the longest entry that is a prefix of ``code`` (``ALL`` counts as 0); -1 if
    none."""
    best = -1
    for entry in entries:
        if entry == "ALL":
            best = max(best, 0)
        elif code.startswith(entry):
            best = max(best, len(entry))
    return best


def is_selected(code: str, default_enabled: bool, select: list[str] | None,
                extend_select: list[str], ignore: list[str]) -> bool:
    """Whether a rule runs under the given selection (see the module docstring)."""
    ignored = _match_length(code, ignore)
    chosen = _match_length(code, [*(select or ()), *extend_select])
    if chosen == -1 and select is None and default_enabled:
        chosen = 0 if ignored == -1 else -2  # default-on rules yield to any ignore
    return chosen > ignored if ignored != -1 else chosen >= 0


def is_rule_selected(rule: type[Rule], select: list[str] | None, extend_select: list[str],
                     ignore: list[str]) -> bool:
    """Whether a rule runs. A rule with dynamic codes (``LT``) also runs when one of its codes
    (``LT:EN_A_VS_AN``) is selected explicitly; its violations are then filtered code by code."""
    code = rule.code
    if is_selected(code, rule.default_enabled, select, extend_select, ignore):
        return True
    return rule.dynamic_codes and any(
        entry.startswith(code + ":") and is_selected(entry, False, select, extend_select, ignore)
        for entry in [*(select or ()), *extend_select])


def _subcode_policy(default_enabled: bool, select: list[str] | None, extend_select: list[str],
                    ignore: list[str], table: dict[str, Severity]
                    ) -> Callable[[str, Severity], Severity | None]:
    """The :attr:`Rule.subcode_policy` of one selection: the same decision as for whole rules,
    made for each dynamic code, and its severity by the longest matching ``[severity]`` entry."""
    def policy(code: str, default: Severity) -> Severity | None:
        if not is_selected(code, default_enabled, select, extend_select, ignore):
            return None
        return severity_for(code, default, table)
    return policy


def _frozen(codes: list[str] | None) -> tuple[str, ...] | None:
    return None if codes is None else tuple(codes)


def severity_for(code: str, default: Severity, table: dict[str, Severity]) -> Severity:
    """The severity of ``code``: the entry with the longest matching prefix (``ALL`` the
    shortest, as in selection), else ``default``."""
    best, found = -1, default
    for entry, severity in table.items():
        length = _match_length(code, [entry])
        if length > best:
            best, found = length, severity
    return found


class Registry:
    """Every rule class from every plugin, keyed by code."""

    def __init__(self, rules: Iterable[tuple[str, type[Rule]]]) -> None:
        self.rules: dict[str, type[Rule]] = {}
        self.sources: dict[str, str] = {}
        for plugin, rule in rules:
            code = getattr(rule, "code", "")
            dynamic = getattr(rule, "dynamic_codes", False)
            if dynamic and not PREFIX_RE.match(code):
                raise RegistryError(f"plugin {plugin}: rule {rule.__name__} has dynamic codes, so "
                                    f"its code {code!r} must be a bare prefix of two or three "
                                    "capitals, e.g. LT")
            if not dynamic and not CODE_RE.match(code):
                raise RegistryError(f"plugin {plugin}: rule {rule.__name__} has a malformed code "
                                    f"{code!r} (two or three capitals and three digits, "
                                    "e.g. ABC123)")
            if code in self.rules:
                raise RegistryError(f"rule code {code} is claimed by both {self.sources[code]} "
                                    f"and {plugin}")
            self.rules[code] = rule
            self.sources[code] = plugin
        for code, rule in self.rules.items():
            # a dynamic prefix owns every code under it, or "ignore LT" would hit two plugins
            clash = next((c for c in self.rules if c != code and c.startswith(code)), None)
            if rule.dynamic_codes and clash:
                raise RegistryError(f"rule prefix {code} of {self.sources[code]} covers rule code "
                                    f"{clash} of {self.sources[clash]}")
        self._cache: dict[tuple[Any, ...],
                          tuple[tuple[Config, tuple[Override, ...]], list[Rule]]] = {}

    def __contains__(self, code: str) -> bool:
        return code in self.rules

    def options_of(self, code: str) -> dict[str, Any]:
        return dict(self.rules[code].options)

    def select(self, config: Config, overrides: tuple[Override, ...] = (),
               cli_select: list[str] | None = None, cli_ignore: list[str] | None = None,
               cli_extend_select: list[str] | None = None,
               hidden: frozenset[str] = frozenset()) -> list[Rule]:
        """Instances of the rules that run under ``config`` and the ``overrides`` that apply to a
        file, options and severities resolved, leaving out the rules of ``hidden`` codes;
        cached, as many files share one answer."""
        # the command-line choices are part of the key, as one manager may serve several sessions
        key = (id(config), tuple(id(o) for o in overrides), _frozen(cli_select),
               _frozen(cli_ignore), _frozen(cli_extend_select), hidden)
        cached = self._cache.get(key)
        if cached is not None:
            return cached[1]
        select, extend, ignore = config.select, list(config.extend_select), list(config.ignore)
        severity = dict(config.severity)
        options = {code: dict(o) for code, o in config.rules.items()}
        for o in overrides:
            if o.select is not None:
                select, extend = o.select, []
            extend = [*extend, *o.extend_select]
            ignore = [*ignore, *o.ignore]
            severity.update(o.severity)
            for code, opts in o.rules.items():
                options.setdefault(code, {}).update(opts)
        # the command line last: its select replaces every configured selection, an override's
        # and extend-select's too, as a select replaces what came before
        if cli_select is not None:
            select, extend = cli_select, []
        extend = [*extend, *(cli_extend_select or ())]
        ignore = [*ignore, *(cli_ignore or ())]
        chosen = [
            cls(options.get(code), severity_for(code, cls.severity, severity))
            for code, cls in sorted({**self.rules, **config.custom_rules}.items())
            if code not in hidden and is_rule_selected(cls, select, extend, ignore)
        ]
        for rule in chosen:
            rule.root = config.root  # path options are relative to the configuration file
            if rule.dynamic_codes:
                rule.subcode_policy = _subcode_policy(rule.default_enabled, select, extend,
                                                      ignore, severity)
        # keeping the configuration alive keeps its id() from being reused by another one
        self._cache[key] = ((config, overrides), chosen)
        return chosen
