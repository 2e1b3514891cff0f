"""Hypothesis profiles for the hardening tests.

``ci`` (the default) is derandomized and keeps no example database, so every run of the suite
tries the same articles and a red build is reproducible; ``HYPOTHESIS_PROFILE=extended`` tries
10,000 random articles per property (the issue's goal), to be run by hand or on a schedule.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# generated articles are large on purpose (huge front matter, long lines), and linting one can
# take a while on a busy machine: neither is a problem with the test
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_SLOW_OK,
    print_blob=True,
)
settings.register_profile(
    "extended",
    max_examples=10_000,
    database=None,
    deadline=None,
    suppress_health_check=_SLOW_OK,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
