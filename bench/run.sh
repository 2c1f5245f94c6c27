#!/usr/bin/env bash
# Whole-process timings of the NativeAOT crypt (see bench/README.md):
#   encrypt/decrypt of generated YAML and JSON files of 1k..1M leaves (hyperfine), per-leaf
#   cost, peak RSS against 3x the encrypted file + 60 MB, and `crypt decrypt` of a small age-encrypted
#   file against `age -d` of a small file in the same run (target <= 2x), and the same for a
#   position-independent build (-p:CryptPie=true: is ASLR for the image affordable? issue 14).
# Environment: CRYPT_EXE=path skips the AOT publish; CRYPT_PIE_EXE=path skips the PIE publish;
# BENCH_LEAVES="1000 10000" picks sizes ("" for none); BENCH_FORMATS="yaml" picks formats;
# BENCH_BIG_MB=100 sets the size of the one-large-value files ("" or 0 skips them, session 6);
# BENCH_SMALL=0 skips the small-file and position-independent timings;
# BENCH_WITHIN="big-plain.yaml ..." lists the one-large-value shapes that must stay within their
# limit (default: every shape, all within it since session 7); one over it makes the script exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need() {
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "error: $1 is missing: run 'sudo apt-get install -y $2'" >&2
    exit 1
  fi
}
need hyperfine hyperfine
need age age
[ -x /usr/bin/time ] || need /usr/bin/time time

if [ -z "${CRYPT_EXE:-}" ]; then
  ./build.sh aot >/dev/null
  CRYPT_EXE=$PWD/artifacts/aot/crypt
fi
crypt=$CRYPT_EXE
work=$PWD/artifacts/bench
rm -rf "$work" && mkdir -p "$work"
read -r -a sizes <<<"${BENCH_LEAVES-1000 10000 100000 1000000}"
read -r -a formats <<<"${BENCH_FORMATS:-yaml json}"
big_mb=${BENCH_BIG_MB-100}

dotnet build bench/Crypt.Bench -c Release >/dev/null
[ "${#sizes[@]}" -gt 0 ] && dotnet bench/Crypt.Bench/bin/Release/net10.0/Crypt.Bench.dll generate "$work" "${sizes[@]}" >/dev/null
"$crypt" keygen -o "$work/key.txt" 2>/dev/null
recipient=$(sed -n 's/^# public key: //p' "$work/key.txt")
export SOPS_AGE_KEY_FILE=$work/key.txt

# Mean seconds of one command over $1 runs (after one warm-up run), from hyperfine's CSV.
mean() {
  local runs=$1; shift
  # -N: no shell in between, so a small file's time is crypt's own start-up and work.
  hyperfine -N --style none --warmup 1 --runs "$runs" --export-csv "$work/h.csv" "$@" >/dev/null 2>"$work/h.err" \
    || { cat "$work/h.err" >&2; exit 1; }
  awk -F, 'NR == 2 { print $2 }' "$work/h.csv"
}

# Peak resident set of one run, in KiB.
peak_kib() {
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null
  cat "$work/rss"
}

echo "crypt: $crypt ($(du -h "$crypt" | cut -f1)), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# The memory limit is 3x the file + 60 MB, the file being the encrypted one (the one kept in
# git, and the input of decrypt); for encrypt the limit against its plaintext input is shown too.
echo "| Format | Leaves | Op | Input MB | Encrypted MB | Mean ms | us/leaf | Peak RSS MB | Limit MB (3x encrypted + 60) | 3x input + 60 |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
for ext in "${formats[@]}"; do
  for n in "${sizes[@]}"; do
    plain=$work/plain-$n.$ext enc=$work/enc-$n.$ext
    runs=10
    [ "$n" -ge 100000 ] && runs=5
    [ "$n" -ge 1000000 ] && runs=2
    "$crypt" encrypt --age "$recipient" "$plain" >"$enc"
    for op in encrypt decrypt; do
      if [ "$op" = encrypt ]; then
        input=$plain
        cmd=("$crypt" encrypt --age "$recipient" "$plain")
      else
        input=$enc
        cmd=("$crypt" decrypt "$enc")
      fi
      secs=$(mean "$runs" "$(printf '%q ' "${cmd[@]}")")
      kib=$(peak_kib "${cmd[@]}")
      bytes=$(stat -c %s "$input")
      encrypted=$(stat -c %s "$enc")
      awk -v f="$ext" -v n="$n" -v op="$op" -v s="$secs" -v k="$kib" -v b="$bytes" -v e="$encrypted" 'BEGIN {
        mb = b / 1048576; emb = e / 1048576; rss = k / 1024; limit = 3 * emb + 60; input_limit = 3 * mb + 60
        printf "| %s | %d | %s | %.2f | %.2f | %.1f | %.2f | %.0f | %.0f%s | %.0f%s |\n", f, n, op, mb, emb, s * 1000, s * 1e6 / n, rss,
          limit, (rss > limit ? " (over)" : ""), input_limit, (rss > input_limit ? " (over)" : "")
      }'
    done
  done
done

# One large value (issue 14: "one large value costs 20x its size"): a file holding a single
# value of BENCH_BIG_MB MB in each shape, encrypted and decrypted once, peak RSS against 3x the
# input + 60 MB (the input of decrypt being the encrypted file).
if [ -n "$big_mb" ] && [ "$big_mb" != 0 ]; then
  bytes=$((big_mb * 1048576))
  over_limit=
  value() { head -c "$bytes" /dev/zero | tr '\0' "$1"; }
  # Block scalar: lines of 79 characters, each indented by 4.
  lines() { head -c $((bytes / 80 * 80)) /dev/zero | tr '\0' b | fold -w 79 | sed 's/^/    /'; }
  { printf 'key: '; value a; echo; } >"$work/big-plain.yaml"
  { printf 'key: "'; value a; echo '"'; } >"$work/big-quoted.yaml"
  { echo 'key: |'; lines; } >"$work/big-block.yaml"
  { printf '{"key": "'; value a; echo '"}'; } >"$work/big-string.json"
  { printf 'KEY='; value a; echo; } >"$work/big.env"
  { printf '[s]\nkey = '; value a; echo; } >"$work/big.ini"
  head -c "$bytes" /dev/urandom >"$work/big.bin"
  echo
  echo "| Shape (one ${big_mb} MB value) | Op | Input MB | Seconds | Peak RSS MB | Limit MB (3x input + 60) | Result |"
  echo "|---|---|---:|---:|---:|---:|---|"
  for shape in big-plain.yaml:yaml big-quoted.yaml:yaml big-block.yaml:yaml big-string.json:json big.env:dotenv big.ini:ini big.bin:binary; do
    file=$work/${shape%%:*} type=${shape##*:}
    for op in encrypt decrypt; do
      if [ "$op" = encrypt ]; then
        input=$file
        cmd=("$crypt" encrypt --input-type "$type" --output-type "$type" --age "$recipient" "$file")
      else
        input=$file.enc
        cmd=("$crypt" decrypt --input-type "$type" --output-type "$type" "$file.enc")
      fi
      out=/dev/null
      [ "$op" = encrypt ] && out=$file.enc
      start=$(date +%s.%N)
      if /usr/bin/time -f '%M' -o "$work/rss" "${cmd[@]}" >"$out" 2>"$work/err"; then result=ok; else result="exit $?: $(grep -v '^Command exited' "$work/err" | head -c 160)"; fi
      end=$(date +%s.%N)
      kib=$(tail -1 "$work/rss")
      if [[ " ${BENCH_WITHIN-big-plain.yaml big-quoted.yaml big-block.yaml big-string.json big.env big.ini big.bin} " == *" ${shape%%:*} "* ]] \
        && [ $((kib / 1024)) -gt $(($(stat -c %s "$input" 2>/dev/null || echo 0) * 3 / 1048576 + 60)) ]; then
        over_limit+=" ${shape%%:*}:$op"
      fi
      awk -v s="$shape" -v op="$op" -v b="$(stat -c %s "$input" 2>/dev/null || echo 0)" -v k="$kib" -v t0="$start" -v t1="$end" -v r="$result" 'BEGIN {
        mb = b / 1048576; rss = k / 1024; limit = 3 * mb + 60; sub(/:.*/, "", s)
        printf "| %s | %s | %.0f | %.1f | %.0f | %.0f%s | %s |\n", s, op, mb, t1 - t0, rss, limit, (rss > limit ? " (over)" : ""), r
      }'
      [ "$result" = ok ] || break
    done
  done
  if [ -n "$over_limit" ]; then
    echo "error: over 3x the input + 60 MB:$over_limit (bench/README.md, session 7)" >&2
    exit 1
  fi
fi

[ "${BENCH_SMALL:-1}" = 0 ] && exit 0

# Small file: crypt decrypt (sops file, age recipient) next to age -d (same key, same run).
printf 'db:\n    user: admin\n    password: hunter2\n' >"$work/small.yaml"
"$crypt" encrypt --age "$recipient" "$work/small.yaml" >"$work/small.enc.yaml"
age -r "$recipient" -o "$work/small.age" "$work/small.yaml"
crypt_s=$(mean 30 "$(printf '%q ' "$crypt" decrypt "$work/small.enc.yaml")")
age_s=$(mean 30 "$(printf '%q ' age -d -i "$work/key.txt" "$work/small.age")")
echo
awk -v c="$crypt_s" -v a="$age_s" 'BEGIN {
  printf "small file: crypt decrypt %.2f ms, age -d %.2f ms, ratio %.2f (target <= 2)\n", c * 1000, a * 1000, c / a
}'

# The same small decrypt with a position-independent image (ASLR for crypt's own image too).
if [ -z "${CRYPT_PIE_EXE:-}" ]; then
  rid=$(case "$(uname -m)" in x86_64) echo linux-x64 ;; *) echo linux-arm64 ;; esac)
  dotnet publish src/Cli -c Release -r "$rid" -p:PublishAot=true -p:CryptPie=true \
    --artifacts-path artifacts/aot-pie-build -o artifacts/aot-pie >/dev/null
  CRYPT_PIE_EXE=$PWD/artifacts/aot-pie/crypt
fi
pie_s=$(mean 30 "$(printf '%q ' "$CRYPT_PIE_EXE" decrypt "$work/small.enc.yaml")")
awk -v p="$pie_s" -v c="$crypt_s" -v a="$age_s" 'BEGIN {
  printf "small file, position-independent build: %.2f ms (+%.2f ms), ratio to age -d %.2f (PIE becomes the default if <= 2)\n", p * 1000, (p - c) * 1000, p / a
}'
