#!/usr/bin/env bash
# Two crypt binaries side by side on the same generated files (hyperfine, same run, same files):
# whole-process encrypt and decrypt time, and the ratio NEW/OLD. For "no regression" checks:
#   bench/compare.sh /path/to/old/crypt artifacts/aot/crypt        # 100k-leaf YAML
#   BENCH_LEAVES="10000 100000" BENCH_FORMATS="yaml json" bench/compare.sh OLD NEW
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1") new=$(realpath "$2")
command -v hyperfine >/dev/null || { echo "error: hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }
work=$PWD/artifacts/bench-compare
rm -rf "$work" && mkdir -p "$work"
read -r -a sizes <<<"${BENCH_LEAVES:-100000}"
read -r -a formats <<<"${BENCH_FORMATS:-yaml}"
dotnet build bench/Crypt.Bench -c Release >/dev/null
dotnet bench/Crypt.Bench/bin/Release/net10.0/Crypt.Bench.dll generate "$work" "${sizes[@]}" >/dev/null
"$new" keygen -o "$work/key.txt" 2>/dev/null
recipient=$(sed -n 's/^# public key: //p' "$work/key.txt")
export SOPS_AGE_KEY_FILE=$work/key.txt
echo "old: $old"; echo "new: $new"; echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"; echo
echo "| Format | Leaves | Op | Old ms | New ms | New/Old |"
echo "|---|---:|---|---:|---:|---:|"
for ext in "${formats[@]}"; do
  for n in "${sizes[@]}"; do
    plain=$work/plain-$n.$ext enc=$work/enc-$n.$ext
    "$old" encrypt --age "$recipient" "$plain" >"$enc"
    for op in encrypt decrypt; do
      [ "$op" = encrypt ] && arg=(encrypt --age "$recipient" "$plain") || arg=(decrypt "$enc")
      hyperfine -N --style none --warmup 1 --runs "${BENCH_RUNS:-10}" --export-csv "$work/h.csv" \
        "$(printf '%q ' "$old" "${arg[@]}")" "$(printf '%q ' "$new" "${arg[@]}")" >/dev/null 2>"$work/h.err" \
        || { cat "$work/h.err" >&2; exit 1; }
      awk -F, -v f="$ext" -v n="$n" -v op="$op" 'NR == 2 { o = $2 } NR == 3 { w = $2 }
        END { printf "| %s | %d | %s | %.0f | %.0f | %.2f |\n", f, n, op, o * 1000, w * 1000, w / o }' "$work/h.csv"
    done
  done
done
