#!/usr/bin/env bash
# Alternates two builds of the kernels on one machine: A is the bundle's own kernels jar, B the one given. Each round
# runs the same CLI command with A, then with B, and prints the command's median (GFLOP/s for bench gemm, elements/s
# for bench elementwise). On a shared machine only figures taken turn about like this compare.
#   DIR/ab.sh ROUNDS B-KERNELS.jar CLI-ARGS...     e.g. ab.sh 4 /tmp/kernels-new.jar bench gemm --m 1024 --n 1024 --k 1024 --threads 1
set -euo pipefail
d=$(cd "$(dirname "$0")" && pwd)
rounds=${1:?usage: ab.sh ROUNDS B-KERNELS.jar CLI-ARGS...}; jarB=$(readlink -f "${2:?B-KERNELS.jar}"); shift 2
cpA=$(ls "$d"/lib/*.jar | tr '\n' ':')
cpB=$(ls "$d"/lib/*.jar | grep -v '/rosenblatt-kernels-' | tr '\n' ':')$jarB
run() {
  "$d/jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:Tier3DelayOn=100000 \
    -XX:-UseProfiledLoopPredicate ${JAVA_OPTS:-} -cp "$1" dev.rosenblatt.cli.RosenblattCli "${@:2}" 2>/dev/null \
    | grep -o -E 'median [0-9.e+]+ [A-Za-z/]+|[0-9.e+]+ elements/s' | head -n 1
}
for ((i = 1; i <= rounds; i++)); do
  echo "round $i  A: $(run "$cpA" "$@")  B: $(run "$cpB" "$@")"
done
