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

# The java that runs MLP Lab (the command line, and the kernelspecs the installers write):
# $JAVA_HOME's when it is set, the JDK that built the library, else the first on the PATH.
export MLPLAB_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Options for the JVMs that run MLP Lab with that java: native access for the BLAS binding (JDK 22+
# warns without it) and, on JDK 23+, sun.misc.Unsafe's memory access for Tablesaw's classgraph;
# without them JDK 25 prints 8 lines of warnings per start.
mlplab_java_version="$("$MLPLAB_JAVA" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.specification.version = //p')"
MLPLAB_JAVA_OPTIONS="--enable-native-access=ALL-UNNAMED"
if ((${mlplab_java_version:-0} >= 23)); then
  MLPLAB_JAVA_OPTIONS+=" --sun-misc-unsafe-memory-access=allow"
fi
export MLPLAB_JAVA_OPTIONS
