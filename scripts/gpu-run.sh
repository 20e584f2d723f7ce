#!/usr/bin/env bash
# One-shot GPU run: build a small self-contained "carry" here, run every GPU check with it on a GPU box.
#
#   scripts/gpu-run.sh build [CARRY]        on a build machine (JDK 25, the Maven wrapper's cache or network):
#                                           builds the jar and writes the carry folder (default target/gpu-carry)
#   scripts/gpu-run.sh run [CARRY] [OUT]    on the GPU machine (no JDK, Maven or network needed): runs the
#                                           checks below with the carry's Java runtime, results into OUT
#                                           (default gpu-results/<date-time>), all within GPU_RUN_SECONDS (570)
#   scripts/gpu-run.sh all [OUT]            both, on a GPU machine that can also build
#
# The carry (at most 60 MiB): runtime.tar.gz, a jlinked JDK 25 with only the modules the jar needs (no
# java.desktop: plots are left to `lottery report` on a full JDK); lottery-gpu.jar, the application jar
# without the benchmark-only OpenBLAS natives; junit-console.jar (JUnit's console launcher, from Maven
# Central through the Maven wrapper) and gpu-tests.jar (the modules' compiled tests), so the GPU tests run
# as the same JUnit tests CI runs; mnist/ (the cached MNIST files, gzipped) unless --no-data.
#
# What `run` does, each step with its own time limit, every output in OUT:
#   1. nvidia-smi                                  -> nvidia-smi.txt
#   2. lottery gpu-check --bench 4096              -> gpu-check.txt   (device, libraries, kernel self-tests,
#                                                                      fused masked GEMM vs cuBLAS at 4096^3)
#   3. the GPU tests with -Dlottery.requireGpu=true -> tests.txt, junit/ (XML reports); CUDA unavailable fails
#   4. lottery bench gemm --device cuda             -> bench-gemm.txt, bench-gemm.json (ours vs cuBLAS/cuSPARSE)
#   5. one IMP level (dense level 0 + level 1) of LeNet-300-100 on MNIST, --device cuda, then --device cpu
#                                                   -> imp-cuda.txt, imp-cpu.txt, runs/
#   6. summary.txt: the lines that carry the figures, and each step's exit code and seconds
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JVM_FLAGS=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:-TieredCompilation -XX:+UseParallelGC -Xss8m)
MODULES="java.base,java.logging,java.management,java.net.http,java.sql,jdk.incubator.vector,jdk.unsupported,jdk.zipfs"
# the GPU tests: every test class of the CUDA path (host-memory ones included, they run in seconds)
GPU_TESTS='.*\.(Cuda\w*|Gpu\w*|ComputeDevice|DeviceResidentTraining|DeviceLifecycle|HostKernels)Test'
MAX_CARRY_MIB=60

die() { echo "gpu-run: $*" >&2; exit 1; }

find_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/jlink" ] && [ -x "$c/bin/java" ] || continue
    "$c/bin/java" -version 2>&1 | grep -q '"2[5-9]' && { echo "$c"; return; }
  done
}

build() {
  local carry="${1:-$ROOT/target/gpu-carry}" data=true start jdk jar v platform
  [ "${2:-}" = "--no-data" ] && data=false
  start=$(date +%s)
  jdk="$(find_jdk)"; [ -n "$jdk" ] || die "no JDK 25 with jlink found (set JAVA_HOME)"
  export JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH"
  jar="${LOTTERY_JAR:-$ROOT/cli/target/lottery.jar}"
  if [ -z "${LOTTERY_JAR:-}" ]; then      # build the jar and the compiled tests
    (cd "$ROOT" && ./mvnw -B -q -ntp package -DskipTests) || die "the build failed"
  fi
  [ -f "$jar" ] || die "no application jar at $jar"
  rm -rf "$carry"; mkdir -p "$carry"
  # 1. the jar without OpenBLAS (benchmark baseline only) and the unused NVPTX compiler natives
  java "$ROOT/scripts/StripJar.java" "$jar" "$carry/lottery-gpu.jar" org/bytedeco/openblas/linux-x86_64/ lib/libJNvPTXCompiler \
    || die "stripping the jar failed"
  # 2. the runtime: only the modules the jar needs
  jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$carry/runtime" 2>/dev/null \
    || die "jlink failed"
  tar -C "$carry" -czf "$carry/runtime.tar.gz" runtime && rm -rf "$carry/runtime" || die "packing the runtime failed"
  # 3. the tests: compiled test classes of every module, and JUnit's console launcher of the build's JUnit version
  local tests="$carry/tests"
  mkdir -p "$tests"
  for m in kernels engine nn pruning bench cli; do
    [ -d "$ROOT/$m/target/test-classes/lottery" ] && cp -r "$ROOT/$m/target/test-classes/lottery" "$tests/"
  done
  [ -d "$tests/lottery" ] || die "no compiled tests under */target/test-classes (run ./mvnw package -DskipTests)"
  jar --create --file "$carry/gpu-tests.jar" -C "$tests" lottery && rm -rf "$tests" || die "packing the tests failed"
  v="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$ROOT/pom.xml")"
  platform="1.${v#5.}"                    # JUnit 5.x.y ships platform 1.x.y
  local cached="$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$platform"
  cached="$cached/junit-platform-console-standalone-$platform.jar"
  if [ ! -f "$cached" ]; then             # fetched once from Maven Central by the Maven wrapper
    (cd "$ROOT" && ./mvnw -B -q -ntp dependency:get -Dtransitive=false \
        -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform") \
      || die "could not get junit-platform-console-standalone $platform"
  fi
  cp "$cached" "$carry/junit-console.jar" || die "no $cached"
  # 4. MNIST, gzipped (the GPU machine may have no network)
  if $data; then
    local cache="${LOTTERY_CACHE:-$HOME/.cache/lottery}/mnist"
    if [ -f "$cache/train-images-idx3-ubyte" ]; then
      mkdir -p "$carry/mnist"
      for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
        gzip -c "$cache/$f" >"$carry/mnist/$f.gz" || die "gzip $f failed"
      done
    else
      echo "gpu-run: MNIST not in $cache (./lottery data fetch mnist); the IMP step will try to fetch it" >&2
    fi
  fi
  cp "$ROOT/scripts/gpu-run.sh" "$carry/"
  local kib mib
  kib=$(du -sk "$carry" | cut -f1); mib=$(( (kib + 1023) / 1024 ))
  {
    echo "commit      $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "built       $(date -u +%Y-%m-%dT%H:%M:%SZ) in $(( $(date +%s) - start )) s"
    echo "jdk         $("$jdk/bin/java" -version 2>&1 | head -1)"
    echo "modules     $MODULES"
    echo "junit       platform $platform"
    echo "size        $mib MiB"
    (cd "$carry" && find . -type f -printf '%s %p\n' | sort -k2 | awk '{printf "            %8.1f KiB  %s\n", $1 / 1024, $2}')
  } >"$carry/carry.txt"
  cat "$carry/carry.txt"
  [ "$mib" -le "$MAX_CARRY_MIB" ] || die "the carry is $mib MiB, over $MAX_CARRY_MIB MiB"
}

# step NAME SECONDS CMD...: runs CMD with stdout and stderr to OUT/NAME.txt, within the step's and the run's time left
step() {
  local name="$1" limit="$2"; shift 2
  local left=$(( DEADLINE - $(date +%s) - 15 )) t0 rc     # 15 s: the kill grace below, and the summary
  [ "$limit" -gt "$left" ] && limit=$left
  if [ "$limit" -lt 10 ]; then echo "$name: skipped, out of time" | tee -a "$OUT/steps.txt"; return; fi
  t0=$(date +%s)
  timeout --kill-after=10 "$limit" "$@" >"$OUT/$name.txt" 2>&1; rc=$?
  local note=""; [ $rc = 124 ] && note="  (timed out after $limit s)"
  printf '%-12s exit %3d  %4d s%s\n' "$name" "$rc" "$(( $(date +%s) - t0 ))" "$note" | tee -a "$OUT/steps.txt"
}

run() {
  local carry="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
  OUT="${2:-$PWD/gpu-results/$(date +%Y%m%d-%H%M%S)}"
  DEADLINE=$(( $(date +%s) + ${GPU_RUN_SECONDS:-570} ))
  [ -f "$carry/runtime.tar.gz" ] || die "no carry at $carry (scripts/gpu-run.sh build first)"
  mkdir -p "$OUT" || die "cannot create $OUT"
  OUT="$(cd "$OUT" && pwd)"
  RT="$(mktemp -d)"; trap 'rm -rf "$RT"' EXIT
  tar -C "$RT" -xzf "$carry/runtime.tar.gz" || die "unpacking the runtime failed"
  local java="$RT/runtime/bin/java" jar="$carry/lottery-gpu.jar"
  local lottery=("$java" "${JVM_FLAGS[@]}" -jar "$jar")
  cp "$carry/carry.txt" "$OUT/" 2>/dev/null
  : >"$OUT/steps.txt"
  local data=() imp=(imp --levels 1 --iterations 3000 --eval-every 250 --arms ticket --seed 0)
  [ -d "$carry/mnist" ] && data=(--data-dir "$carry/mnist")

  step nvidia-smi 20 nvidia-smi
  step gpu-check 90 "${lottery[@]}" gpu-check --bench 4096
  step tests 180 "$java" "${JVM_FLAGS[@]}" -Dlottery.requireGpu=true -jar "$carry/junit-console.jar" execute \
      --class-path "$jar:$carry/gpu-tests.jar" --select-package lottery --include-classname "$GPU_TESTS" \
      --reports-dir "$OUT/junit" --details tree --disable-banner --disable-ansi-colors --fail-if-no-tests
  step bench-gemm 120 "${lottery[@]}" bench gemm --device cuda --quick --threads 1 --shapes lenet300,square:4096 \
      --densities 1,0.1,0.05,0.01 --json "$OUT/bench-gemm.json"
  step imp-cuda 90 "${lottery[@]}" "${imp[@]}" --device cuda "${data[@]}" --out "$OUT/runs/cuda"
  step imp-cpu 80 "${lottery[@]}" "${imp[@]}" --device cpu "${data[@]}" --out "$OUT/runs/cpu"
  summarize
  echo "results in $OUT"
}

summarize() {
  {
    echo "== steps (exit code, seconds)"; cat "$OUT/steps.txt"
    echo "== carry"; grep -E '^(commit|size)' "$OUT/carry.txt" 2>/dev/null
    echo "== device"; grep -E '^(device|driver|libraries|  +cu(BLAS|SPARSE))' "$OUT/gpu-check.txt" 2>/dev/null
    echo "== gpu-check"; grep -E 'self-tests passed|FAIL|cublasSgemm|lottery_sgemm|unavailable' "$OUT/gpu-check.txt" 2>/dev/null
    echo "== GPU tests"; grep -E 'tests (successful|failed|aborted|skipped|found)|containers failed' "$OUT/tests.txt" 2>/dev/null
    echo "== bench gemm (x cuBLAS > 1: faster than cuBLAS dense SGEMM on the same product)"
    sed -n '/x cuBLAS/,$p' "$OUT/bench-gemm.txt" 2>/dev/null | grep -v '^wrote' | head -80
    for d in cuda cpu; do
      echo "== imp --device $d"; grep -E '^\|' "$OUT/imp-$d.txt" 2>/dev/null
    done
    echo "== last line of each failed step"
    local name rc
    while read -r name _ rc _; do
      [ "$rc" != 0 ] && [ -f "$OUT/$name.txt" ] && echo "$name: $(grep -v '^\s*$' "$OUT/$name.txt" | tail -1)"
    done <"$OUT/steps.txt"
  } >"$OUT/summary.txt"
  cat "$OUT/summary.txt"
}

case "${1:-}" in
  build) shift; build "$@" ;;
  run) shift; run "$@" ;;
  all) shift; build "$ROOT/target/gpu-carry" && run "$ROOT/target/gpu-carry" "${1:-}" ;;
  *) sed -n '2,28p' "$0"; exit 2 ;;
esac
