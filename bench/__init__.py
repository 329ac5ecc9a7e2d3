"""Benchmark for the Wijkmonitor: store build time and per-page render time (``python -m bench``)."""
