"""Developer tools (benchmarks, screenshots, the README's key tables); not in the wheel."""
