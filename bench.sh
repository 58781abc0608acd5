#!/bin/sh
# Performance benchmark: training speed on MNIST-10k with the EJML and the fast matrix products,
# step GFLOP/s against a 1024² product, vectorized vs per-example backprop, gradient-check cost.
# Usage: ./bench.sh [--epochs N] [--quick]   (see docs/performance.md)
set -e
cd "$(dirname "$0")"
if [ ! -f lib/target/nnlab.jar ]; then
  mvn -q -B package -pl lib -DskipTests
fi
java -Djava.awt.headless=true --add-modules jdk.incubator.vector -cp lib/target/nnlab.jar \
  nnlab.perf.Benchmark "$@" 2>&1 | grep --line-buffered -v '^WARNING: Using incubator modules'
