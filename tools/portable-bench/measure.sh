#!/usr/bin/env bash
# One pass of measurements on another machine, from a bundle made by bundle.sh: the CPU, FMA peak and STREAM (if
# gcc is there), elementwise kernels against their baselines at 64K and 16M elements, GEMM and training-step
# thread scaling, and OpenBLAS through numpy beside (if python3 has numpy). About 2.5 minutes on 16 cores.
# Usage: measure.sh OUTDIR [THREADS...]   (threads default to 1 2 4 8 16)
out=${1:-/tmp/devout}; shift; threads=${*:-1 2 4 8 16}
mkdir -p "$out"; d=$(cd "$(dirname "$0")" && pwd); cd "$d"
log() { echo "== $(date +%T) $*"; }
log cpu; lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Core|Socket|MHz|L1d|L2|L3|NUMA node0|Flags' | cut -c1-400; free -g | head -2
log fma; if gcc -O3 -march=native -fopenmp fma_peak.c -o /tmp/fma 2>/dev/null; then OMP_NUM_THREADS=1 /tmp/fma 50000000; OMP_NUM_THREADS=${threads##* } /tmp/fma 20000000 | grep -v clock; else echo "no gcc/openmp"; fi
log stream; if gcc -O3 -march=native -fopenmp stream.c -o /tmp/stream 2>/dev/null; then OMP_NUM_THREADS=1 /tmp/stream; fi
log info; ./rb info 2>/dev/null
log elementwise 64K
for op in math_exp math_tanh sigmoid tanh silu gelu_tanh gelu_erf softplus plain_gelu_tanh; do ./rb bench elementwise --op $op --size 65536 --json 2>/dev/null; done | tee "$out/elementwise-64k.jsonl"
log elementwise 16M
for op in relu sigmoid tanh silu gelu_tanh gelu_erf; do ./rb bench elementwise --op $op --size 16777216 --json 2>/dev/null; done | tee "$out/elementwise-16m.jsonl"
log stream again; [ -x /tmp/stream ] && OMP_NUM_THREADS=1 /tmp/stream | grep -E 'copy'
log gemm scaling
for t in 8 16; do case " $threads " in *" $t "*) ./rb bench gemm --m 4096 --n 4096 --k 4096 --threads $t --runs 5 --json 2>/dev/null;; esac; done | tee "$out/gemm4096.jsonl"
for s in 2048 1024; do for t in $threads; do ./rb bench gemm --m $s --n $s --k $s --threads $t --runs 7 --json 2>/dev/null; done; done | tee "$out/gemm.jsonl"
log openblas scaling
for s in 2048 1024; do for t in $threads; do OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t python3 - $s $t <<'PY' 2>&1
import sys, time, numpy as np
n, t = int(sys.argv[1]), int(sys.argv[2]); r = np.random.default_rng(1)
a = r.random((n, n), dtype=np.float32); b = r.random((n, n), dtype=np.float32); c = a @ b
ts = []
for _ in range(9):
    t0 = time.perf_counter(); np.matmul(a, b, out=c); ts.append(time.perf_counter() - t0)
ts.sort(); print('{"peer":"numpy-openblas","n":%d,"threads":%d,"gflops_median":%.1f,"gflops_max":%.1f}' % (n, t, 2*n**3/ts[4]/1e9, 2*n**3/ts[0]/1e9))
PY
done; done | tee "$out/openblas.jsonl"
log training step scaling
tp=$(echo $threads | tr ' ' ','); ./rb bench jmh TrainingStepBenchmark -p threads=$tp -p provider=simd -p hidden=256-128 -f 1 -wi 3 -i 5 -w 1 -r 1 -rf json -rff "$out/training.json" 2>&1 | grep -E '^Training|samples|Benchmark' | tail -20
log done
