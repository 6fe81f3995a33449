"""Settings for the whole suite.

Hypothesis's per-example deadline is off: the machines that run the suite are shared and
noisy, and speed is measured in benchmarks/, never asserted in tests.
"""

from hypothesis import settings

settings.register_profile("suite", deadline=None)
settings.load_profile("suite")
