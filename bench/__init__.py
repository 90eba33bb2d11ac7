"""Benchmarks (``make bench``): each module prints figures; none asserts a timing."""
