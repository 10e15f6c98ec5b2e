// The benchmark harness; see BENCHMARKS.md.
print("no benchmarks yet")
