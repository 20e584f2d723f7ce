#!/usr/bin/env bash
# Builds the CUDA kernels to PTX and checks them; run by the kernels build (Maven profile "cuda-ptx").
#   ptx.sh <cuda-src-dir> <ptx-resource-dir> <work-dir> [update]
# Without nvcc on PATH it says once that the checked-in PTX is used, and succeeds.
# With nvcc, for every <name>.cu:
#   1. nvcc -ptx -arch=compute_80 (JIT-compiled by the driver on sm_80, sm_90 and newer); the PTX ISA
#      line is pinned to 8.0 so any CUDA 12 driver can load it (ptxas in step 2 verifies that the
#      code only uses 8.0 features);
#   2. ptxas -v for sm_80 and sm_90; prints registers and spills per kernel; FAILS if a GEMM kernel
#      (lottery_sgemm_*) spills registers;
#   3. FAILS if the checked-in PTX resource differs from the fresh one (stale), unless "update" is
#      given, which copies the fresh PTX over the resource. The check needs the nvcc release that
#      made the checked-in PTX (its header says which); another release only warns.
# Outputs are cached in the work dir, so an unchanged tree costs no compiler run (and prints one line).
set -euo pipefail
src="$1"; res="$2"; work="$3"; update="${4:-false}"
PTX_ISA="8.0"
mkdir -p "$work"
errors="$work/errors.txt"   # the build's failure message (read by the Maven antrun step)
: >"$errors"
status=0
fail() { echo "[lottery] ERROR: $*" >&2; echo "$*" >>"$errors"; status=1; }

if ! command -v nvcc >/dev/null 2>&1 || ! command -v ptxas >/dev/null 2>&1; then
  echo "[lottery] nvcc/ptxas not on PATH: using the checked-in PTX in ${res#$PWD/}"
  exit 0
fi
release="$(nvcc --version | sed -n 's/.*release \([0-9.]*\),.*/\1/p')"
kernels=0
for cu in "$src"/*.cu; do
  name="$(basename "$cu" .cu)"
  ptx="$work/$name.ptx"
  if [ ! -f "$ptx" ] || [ "$cu" -nt "$ptx" ] || [ "$0" -nt "$ptx" ]; then
    nvcc -ptx -arch=compute_80 -O3 "$cu" -o "$ptx.tmp" 2>"$work/nvcc.log" || { cat "$work/nvcc.log" >&2; fail "nvcc failed on $name.cu: $(grep -m1 error "$work/nvcc.log")"; exit 1; }
    sed -i "s/^\.version [0-9.]*\$/.version $PTX_ISA/" "$ptx.tmp"
    mv "$ptx.tmp" "$ptx"
  fi
  for sm in sm_80 sm_90; do
    log="$work/$name.$sm.log"
    fresh=false
    if [ ! -f "$log" ] || [ "$ptx" -nt "$log" ]; then
      fresh=true
      ptxas -v -arch="$sm" "$ptx" -o /dev/null 2>"$log.tmp" || { cat "$log.tmp"; fail "ptxas failed on $name.ptx for $sm: $(grep -m1 -i error "$log.tmp")"; exit 1; }
      mv "$log.tmp" "$log"
    fi
    # "Compiling entry function 'k'" ... "N bytes spill stores, M bytes spill loads" ... "Used R registers"
    report="$(awk -v sm="$sm" '
      /Compiling entry function/ { match($0, /'\''[^'\'']*'\''/); k = substr($0, RSTART + 1, RLENGTH - 2) }
      /spill stores/ { st = $5; ld = $9 }
      /Used [0-9]+ registers/ { for (i = 1; i <= NF; i++) if ($i == "Used") r = $(i + 1);
                                printf "%s %s %s %s %s\n", k, sm, r, st, ld }' "$log")"
    while read -r k s r st ld; do
      [ -n "$k" ] || continue
      kernels=$((kernels + 1))
      $fresh && printf '[lottery] ptxas %-26s %s: %3s registers, %s bytes spill stores, %s bytes spill loads\n' "$k" "$s" "$r" "$st" "$ld"
      if [[ "$k" == lottery_sgemm_* ]] && { [ "$st" != 0 ] || [ "$ld" != 0 ]; }; then
        fail "GEMM kernel $k spills registers on $s ($st bytes stored, $ld bytes loaded)"
      fi
    done <<<"$report"
  done
  checked="$res/$name.ptx"
  if [ "$update" = "true" ]; then
    mkdir -p "$res"; cp "$ptx" "$checked"; echo "[lottery] updated ${checked#$PWD/}"
  elif [ ! -f "$checked" ]; then
    fail "missing checked-in PTX ${checked#$PWD/}; rebuild with -Dlottery.ptx.update=true"
  else
    made="$(sed -n 's/^\/\/ Cuda compilation tools, release \([0-9.]*\),.*/\1/p' "$checked")"
    if [ "$made" != "$release" ]; then
      echo "[lottery] warning: ${checked#$PWD/} was made by nvcc $made, this is nvcc $release: stale check skipped"
    elif ! cmp -s "$ptx" "$checked"; then
      fail "stale PTX: ${checked#$PWD/} differs from a fresh compile of $name.cu; rebuild with -Dlottery.ptx.update=true and commit it"
    fi
  fi
done
[ $status = 0 ] && echo "[lottery] PTX (nvcc $release): $kernels kernel builds checked for sm_80/sm_90, no GEMM spills, resources up to date"
exit $status
