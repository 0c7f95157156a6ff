# shellcheck shell=bash
# Environment for every JVM that runs MLP Lab (sourced by ./mlplab, the kernel installers and the
# benchmark scripts; the kernelspecs carry the same values).
#
# OpenBLAS's worker threads spin for 2^OPENBLAS_THREAD_TIMEOUT cycles after each product before
# they sleep (default 2^28, about 0.1 s). Between the products of a training step they then spin
# through all of the Java-side work, and on a 2-core machine a JVM ran Fashion-MNIST epochs at
# either 1.2 or 2.2 s, whole JVM by JVM. With 2^20 cycles (about 0.4 ms) they still span the gaps
# inside a step: measured, 10 JVMs alternating, Fashion-MNIST epochs 1.20-1.29 s (median 1.23)
# against 1.20-2.38 s (median 1.59) by default, and digits unchanged (22 µs/step).
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-20}"
