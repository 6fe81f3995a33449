"""Settings for the whole suite, and the test PostgreSQL server's fixtures (tests/postgres.py).

Hypothesis's per-example deadline is off: the machines that run the suite are shared and
noisy, and speed is measured in benchmarks/, never asserted in tests.
"""

from hypothesis import settings

pytest_plugins = ["tests.postgres"]

settings.register_profile("suite", deadline=None)
settings.load_profile("suite")
