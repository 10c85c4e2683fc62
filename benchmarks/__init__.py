"""Benchmarks and the data generator behind them; run them with `python -m benchmarks.run`."""
