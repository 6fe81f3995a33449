"""Speed and scale measurements for the trivia bot; run with `make bench`, never by pytest.

Each benchmark module exposes `run() -> report.Section`; `benchmarks.__main__` lists them.
"""
