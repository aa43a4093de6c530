"""Benchmarks: `bench/run.py` drives them; `python -m bench` runs their data commands."""
