#!/usr/bin/env bash
# Packs what the benchmarks need to run on a machine without JDK 25 or Maven (a borrowed many-core machine, say):
# a jlink'd Java runtime with the modules the CLI uses, the project's jars (Spark's left out), the two anchor
# programs if ../shared is there, and measure.sh. About 55 MiB.
#   tools/portable-bench/bundle.sh DIR      then, on the other machine: DIR/measure.sh OUTDIR [THREADS...],
#   or DIR/ab.sh to alternate the bundled kernels with another build of them (see ab.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:?usage: bundle.sh DIR}
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -o -DskipTests package >&2)
rm -rf "$dir" && mkdir -p "$dir/lib"
"$JAVA_HOME/bin/jlink" --add-modules java.base,jdk.incubator.vector,jdk.management,java.management,jdk.unsupported,java.logging,java.sql \
  --output "$dir/jdk" --strip-debug --no-man-pages --no-header-files --compress zip-9
rm -f "$dir"/jdk/lib/server/classes*.jsa  # the CDS archive: 13 MiB, only a faster start
cp "$root"/bench/target/rosenblatt-bench-*[0-9T].jar "$dir/lib/"
tr ':' '\n' < "$root/bench/target/launcher.classpath" \
  | grep -E 'rosenblatt-(kernels|nn|verify)|/(picocli|ejml-core|ejml-fdense|jmh-core|jopt-simple|commons-math3|jackson-databind|jackson-core|jackson-annotations)-[0-9]' \
  | xargs -I{} cp {} "$dir/lib/"
for f in fma_peak.c stream.c; do [ -f "$root/../shared/anchors/$f" ] && cp "$root/../shared/anchors/$f" "$dir/"; done
cp "$(dirname "$0")/measure.sh" "$(dirname "$0")/ab.sh" "$dir/"
cat > "$dir/rb" <<'RB'
#!/usr/bin/env bash
# The CLI on the bundled runtime, with the launcher's JIT flags (README, "JVM flags").
d=$(cd "$(dirname "$0")" && pwd)
exec "$d/jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:Tier3DelayOn=100000 \
  -XX:-UseProfiledLoopPredicate ${JAVA_OPTS:-} -cp "$(ls "$d"/lib/*.jar | tr '\n' ':')" dev.rosenblatt.cli.RosenblattCli "$@"
RB
chmod +x "$dir/rb" "$dir/measure.sh"
du -sh "$dir"
