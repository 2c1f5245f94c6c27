#!/usr/bin/env bash
# One entry point for people and CI.
#   ./build.sh demo   build crypt and decrypt/encrypt the shipped example with its demo key
#   ./build.sh test   restore, install what the tests need (age CLI, GnuPG; checks ../shared/tools/sops/sops),
#                     run every test, print the summary;
#                     with CRYPT_AOT=1 (set by .ci/run) also publish crypt with NativeAOT and
#                     run the CLI end-to-end tests against the native binary instead
#   ./build.sh soak   the hardening tests' long mode (CRYPT_SOAK=1: 500 SIGKILLs per command
#                     instead of 50, 10 M fuzz inputs per parser), then coverage-guided fuzzing
#                     (SharpFuzz + afl++, CRYPT_FUZZ_SECONDS per target, default 600), printing
#                     their counts and the summary line
#   ./build.sh api    after an intended public API change: list every new public symbol of each
#                     library under src/ in its PublicAPI.Unshipped.txt (creating the two files for
#                     a new library), then show the diff to review and commit
#   ./build.sh aot    only the NativeAOT publish, to artifacts/aot/crypt (and the linux-x64
#                     tool package it makes on the way)
#   ./build.sh pack   the NuGet packages, into artifacts/packages: the libraries and the crypt
#                     tool (with clang: NativeAOT for this machine's RID + a framework-dependent
#                     fallback; without: one framework-dependent tool package)
#   ./build.sh release  pack, plus the native binary archive, the packages and SHA256SUMS in
#                     artifacts/release
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_age() {
  # ssh-keygen (openssh-client) makes the SSH keys of the age SSH interop tests; gpg and gpgconf
  # (gnupg) are the PGP key source crypt and sops both drive, and the PGP tests' keyrings.
  if command -v age >/dev/null && command -v age-keygen >/dev/null && command -v ssh-keygen >/dev/null \
    && command -v gpg >/dev/null && command -v gpgconf >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing the reference age CLI, ssh-keygen and GnuPG (interop tests run against them)..."
    apt_install age openssh-client gnupg || exit 1
  else
    echo "error: the interop tests need the age CLI, ssh-keygen and GnuPG: run 'sudo apt-get install -y age openssh-client gnupg' (or your OS's packages)" >&2
    exit 1
  fi
  local tool
  for tool in age age-keygen ssh-keygen gpg gpgconf; do
    if ! command -v "$tool" >/dev/null; then
      echo "error: $tool is still missing after installing age, openssh-client and gnupg" >&2
      exit 1
    fi
  done
}

need_sops() {
  # The corpus and live-interop tests (tests/Cli.Tests/Corpus) run the real sops from the shared
  # folder beside the repository; without it they would fail one by one, so fail here, loudly.
  local sops
  sops="$(cd .. && pwd)/shared/tools/sops/sops"
  if [ ! -f "$sops" ]; then
    echo "error: the interop tests need the real sops at $sops (../shared/tools/sops/sops beside the repository)" >&2
    exit 1
  fi
  if [ ! -x "$sops" ]; then
    echo "error: $sops is not executable: the interop tests run it" >&2
    exit 1
  fi
  if ! SOPS_DISABLE_VERSION_CHECK=1 "$sops" --version --disable-version-check >/dev/null 2>&1; then
    echo "error: $sops does not run on this machine ($(uname -sm))" >&2
    exit 1
  fi
}

need_clang() {
  # NativeAOT links with clang; zlib1g-dev provides libz for the runtime's compression code.
  if command -v clang >/dev/null && [ -e /usr/include/zlib.h ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing clang and zlib1g-dev (NativeAOT linker)..."
    apt_install clang zlib1g-dev
  else
    echo "error: the NativeAOT publish needs clang and zlib: run 'sudo apt-get install -y clang zlib1g-dev'" >&2
    return 1
  fi
}

# apt-get install as root, saying why when it fails. An index that does not refresh (one
# unreachable source makes `apt-get update` exit non-zero) is only a warning: the install that
# follows is what decides.
apt_install() {
  local log
  log=$(mktemp)
  if ! apt-get update -qq >"$log" 2>&1; then
    echo "warning: apt-get update failed; installing from the existing index:" >&2
    tail -5 "$log" >&2
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$log" 2>&1; then
    echo "error: apt-get install $* failed:" >&2
    tail -15 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

aot_rid() {
  case "$(uname -m)" in
    x86_64) echo linux-x64 ;;
    aarch64 | arm64) echo linux-arm64 ;;
    *) echo "error: no NativeAOT runtime identifier for $(uname -m)" >&2; return 1 ;;
  esac
}

# Trim and AOT warnings are errors (TreatWarningsAsErrors reaches ILC), so a clean publish
# means zero warnings. Its own artifacts path keeps the RID-specific restore and build away from
# the JIT build's obj/ and bin/; PublishAot switches the lock files to packages.aot.lock.json.
# The native compile is done once, by `dotnet pack`: it publishes (to artifacts/aot-build/publish)
# and wraps that publish as the RID-specific tool package Crypt.Tool.<rid> (issue 13);
# artifacts/aot is a copy of the publish.
cmd_aot() {
  need_clang || return 1
  local rid
  rid=$(aot_rid) || return 1
  mkdir -p artifacts
  # One retry from a clean artifacts path: a failed package download or an interrupted ILC run
  # must not cost the native test pass. The log says why it failed (report_aot_failure).
  local attempt
  for attempt in 1 2; do
    rm -rf artifacts/aot artifacts/aot-build/publish
    [ "$attempt" = 1 ] || rm -rf artifacts/aot-build
    if dotnet pack src/Cli -c Release -r "$rid" -p:PublishAot=true -p:CryptRidToolPackages=true \
      --artifacts-path artifacts/aot-build 2>&1 | tee "$AOT_LOG"; then
      mkdir -p artifacts/aot
      cp -a "artifacts/aot-build/publish/Cli/release_$rid/." artifacts/aot/
      return 0
    fi
    echo "warning: NativeAOT publish attempt $attempt failed" >&2
  done
  return 1
}

AOT_LOG=artifacts/aot-publish.log

# Why the NativeAOT publish failed, printed next to the summary line where a CI log's tail
# shows it: the errors and warnings MSBuild reported, else the log's last lines.
report_aot_failure() {
  [ -f "$AOT_LOG" ] || { echo "NativeAOT publish: no log (clang or zlib missing, see above)" >&2; return 0; }
  echo "NativeAOT publish failed; from $AOT_LOG:" >&2
  if grep -qE ': (error|warning) ' "$AOT_LOG"; then
    grep -E ': (error|warning) ' "$AOT_LOG" | sort -u | tail -20 >&2
  else
    tail -20 "$AOT_LOG" >&2
  fi
}

package_version() {
  sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/Directory.Build.props | head -1
}

# After Crypt.Tool.<rid> (cmd_aot): Crypt.Tool.any, the framework-dependent build for every
# other platform (-r any restores its own graph: packages.any.lock.json), and Crypt.Tool itself,
# which then only points at the two (its DotnetToolSettings.xml lists them; `dotnet tool
# install` picks by platform). --no-build: the pointer holds no binaries. PublishAot=true tells
# the SDK the RID packages are made one by one (NativeAOT cannot cross-compile), not by it.
pack_rid_tool() {
  dotnet pack src/Cli -c Release -r any -p:CryptRidToolPackages=true --artifacts-path artifacts/any-build \
    && dotnet pack src/Cli -c Release --no-build -p:CryptRidToolPackages=true -p:PublishAot=true
}

# Every package into artifacts/packages: each src project (building only what it needs), then
# the RID-specific tool packages. (build.sh test packs its own way, reusing its build.)
cmd_pack() {
  rm -rf artifacts/packages
  local project
  for project in src/*/*.csproj; do
    dotnet pack "$project" -c Release
  done
  # Without clang the framework-dependent Crypt.Tool above is the tool package.
  if need_clang; then
    cmd_aot
    pack_rid_tool
  else
    echo "warning: no clang: Crypt.Tool is framework-dependent only (no NativeAOT package)" >&2
  fi
  echo "packages:"
  ls -1 artifacts/packages
}

# The native binary as a release archive (crypt + the libsodium.so it loads, LICENSE, README),
# the packages beside it, and SHA256SUMS over all. Reproducible archive: sorted names, fixed
# owner and mtime (the commit's time), gzip without a timestamp.
cmd_release() {
  need_clang || exit 1
  cmd_pack
  local rid version release=artifacts/release
  rid=$(aot_rid)
  version=$(package_version)
  rm -rf "$release"
  mkdir -p "$release/stage/crypt-$version-$rid"
  local stage="$release/stage/crypt-$version-$rid"
  cp artifacts/aot/crypt artifacts/aot/libsodium.so LICENSE README.md "$stage/"
  local mtime
  mtime=$(git log -1 --format=%ct 2>/dev/null || date +%s)
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
    -C "$release/stage" -cf - "crypt-$version-$rid" | gzip -n -9 >"$release/crypt-$version-$rid.tar.gz"
  rm -rf "$release/stage"
  cp artifacts/packages/*.nupkg artifacts/packages/*.snupkg "$release/"
  (cd "$release" && sha256sum -- *.tar.gz *.nupkg *.snupkg >SHA256SUMS)
  echo "release files in $release:"
  cat "$release/SHA256SUMS"
}

# The crypt tool as a user installs it: from the local feed, into a clean tool path (its own
# NuGet cache, so a Crypt.Tool 0.1.0 cached from an earlier build is not what gets installed),
# then `crypt --version` and a real decrypt of the shipped example, compared with what the real
# sops decrypts. Prints what failed; returns non-zero on failure.
tool_smoke() {
  local root="$PWD/artifacts/tool-smoke" version sops crypt
  version=$(package_version)
  sops="$(cd .. && pwd)/shared/tools/sops/sops"
  rm -rf "$root"
  if ! NUGET_PACKAGES="$root/nuget" dotnet tool install Crypt.Tool --version "$version" \
      --tool-path "$root/bin" --source "$PWD/artifacts/packages"; then
    echo "error: dotnet tool install Crypt.Tool from artifacts/packages failed" >&2
    return 1
  fi
  # As a user has it after `dotnet tool install -g`: the tool folder on PATH, `crypt` found there.
  local PATH="$root/bin:$PATH"
  crypt=$(command -v crypt)
  if [ "$crypt" != "$root/bin/crypt" ]; then
    echo "error: crypt on PATH is '$crypt', not the installed tool $root/bin/crypt" >&2
    return 1
  fi
  local shown
  if ! shown=$("$crypt" --version) || [[ "$shown" != "$version"* ]]; then
    echo "error: the installed crypt --version printed '$shown', expected $version" >&2
    return 1
  fi
  echo "installed tool: crypt $shown"
  chmod 600 examples/demo-age-key.txt
  if ! diff <(cd examples && SOPS_AGE_KEY_FILE=demo-age-key.txt "$crypt" decrypt secrets.enc.yaml) \
      <(cd examples && SOPS_AGE_KEY_FILE=demo-age-key.txt SOPS_DISABLE_VERSION_CHECK=1 "$sops" decrypt secrets.enc.yaml) >/dev/null; then
    echo "error: the installed crypt decrypts examples/secrets.enc.yaml differently from sops" >&2
    return 1
  fi
  echo "installed tool: decrypt of examples/secrets.enc.yaml matches sops"
}

# examples/dotnet/tests references Crypt.Extensions.Configuration from artifacts/packages, not
# the source projects. Its NuGet cache is artifacts/consumer-packages (examples/dotnet/nuget.config)
# and the crypt.* entries there are dropped first, so it always gets the packages just packed.
consumer_tests() {
  local results=$1
  rm -rf artifacts/consumer-packages/crypt.*
  CRYPT_TOOL="$PWD/artifacts/tool-smoke/bin/crypt" dotnet test examples/dotnet/tests -c Release \
    --logger "trx;LogFileName=consumer.trx" --results-directory "$results"
}

cmd_test() {
  need_age
  need_sops
  local results=artifacts/test-results
  rm -rf "$results"
  dotnet restore Crypt.sln
  dotnet build Crypt.sln -c Release --no-restore
  rm -rf artifacts/packages
  local status=0 aot_failed=0
  # The CLI end-to-end tests spawn crypt (CryptProcess honours CRYPT_EXE). With CRYPT_AOT=1 (CI)
  # each runs once, against the native binary, as users run it; only the corpus-wide and
  # sops-interop suites stay on the JIT build: they judge formats and interop, the same code in
  # both builds. Without CRYPT_AOT every test runs on the JIT build.
  local cli_native="FullyQualifiedName!~Crypt.Cli.Tests.Interop&FullyQualifiedName!~Crypt.Cli.Tests.Corpus.Sops"
  local native=0
  if [ "${CRYPT_AOT:-0}" = 1 ]; then
    if cmd_aot; then
      native=1
    else
      echo "error: the NativeAOT publish failed (a trim/AOT warning is an error); the CLI tests run on the JIT build" >&2
      aot_failed=1
      AOT_FAILED=1
    fi
  fi
  if [ "$native" = 1 ]; then
    dotnet test Crypt.sln -c Release --no-build --logger "trx" --results-directory "$results" \
      --filter "(FullyQualifiedName!~Crypt.Cli.Tests.)|(FullyQualifiedName~Crypt.Cli.Tests.Interop)|(FullyQualifiedName~Crypt.Cli.Tests.Corpus.Sops)" || status=$?
    CRYPT_EXE="$PWD/artifacts/aot/crypt" dotnet test tests/Cli.Tests -c Release --no-build \
      --filter "$cli_native" \
      --logger "trx;LogFileName=cli-nativeaot.trx" --results-directory "$results" || status=$?
  else
    dotnet test Crypt.sln -c Release --no-build --logger "trx" --results-directory "$results" || status=$?
  fi
  # Issue 13: the packages as users get them. Reuses the Release build above and, in CI, the
  # native publish (cmd_aot packed Crypt.Tool.linux-x64); the solution's pack makes the
  # libraries and a framework-dependent Crypt.Tool, which pack_rid_tool turns into the pointer.
  local packaging_failed=0
  if ! dotnet pack Crypt.sln -c Release --no-build; then
    packaging_failed=1
  elif [ "$native" = 1 ] && ! pack_rid_tool; then
    packaging_failed=1
  elif ! tool_smoke; then
    packaging_failed=1
  elif [ -d examples/dotnet/tests ]; then
    consumer_tests "$results" || status=$?
  fi
  summarize "$results" "$status" $((aot_failed + packaging_failed))
}

# The adversarial suites' counts (kills survived, ...), as the tests wrote them to their output.
print_counts() {
  grep -ho '\(crash-safety\|fuzz\|tamper\|tamper-cli\|leak\|load\) [^<&]*' "$1"/*.trx 2>/dev/null | awk '!seen[$0]++' || true
}

# Sums the counters of every TRX file in $1 and prints the summary line: CI reads only this last
# line. $2 is dotnet test's status, $3 failures to add (a failed publish, pack or tool install).
summarize() {
  local results=$1 status=$2 aot_failed=$3
  print_counts "$results"
  local passed=0 failed=0 skipped=0 files=0 trx
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters") + $(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")))
    skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$counters")))
  done
  if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
    # The run broke before reporting (build or host crash): count it as a failure.
    failed=$((failed + 1))
  fi
  failed=$((failed + aot_failed))
  [ "${AOT_FAILED:-0}" = 0 ] || report_aot_failure
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}

# The long mode of the hardening suite (issue 14): the same tests with CRYPT_SOAK=1 (500
# SIGKILLs per command, 10 M CsCheck inputs per parser), then coverage-guided fuzzing.
# CRYPT_SOAK_INPUTS (fuzz inputs per parser; `.sops.yaml` gets a quarter), CRYPT_SOAK_KILLS
# (SIGKILLs per command) and CRYPT_FUZZ_SECONDS (afl++ per target) override the counts, e.g.
# `CRYPT_SOAK_INPUTS=2000 CRYPT_SOAK_KILLS=5 CRYPT_FUZZ_SECONDS=10 ./build.sh soak` runs the whole
# path in minutes. The full run takes hours: the tests' counts appear only when each test ends,
# so progress (inputs so far per target, kills so far per command) goes to
# artifacts/soak-results/progress.log as it runs.
cmd_soak() {
  local results=artifacts/soak-results
  rm -rf "$results"
  mkdir -p "$results"
  export CRYPT_SOAK_PROGRESS="$PWD/$results/progress.log"
  echo "soak: progress in $CRYPT_SOAK_PROGRESS"
  dotnet restore Crypt.sln
  dotnet build tests/Cli.Tests -c Release --no-restore
  local status=0 fuzz_failed=0
  CRYPT_SOAK=1 dotnet test tests/Cli.Tests -c Release --no-build --filter "FullyQualifiedName~Crypt.Cli.Tests.Hardening" \
    --logger "trx;LogFileName=soak.trx" --results-directory "$results" || status=$?
  soak_afl || fuzz_failed=$?
  summarize "$results" "$status" "$fuzz_failed"
}

# Coverage-guided fuzzing: tests/Fuzz (SharpFuzz's out-of-process runner) under afl-fuzz from
# Debian's afl++, each of its targets for CRYPT_FUZZ_SECONDS (default 600) with seeds from
# ../shared/corpus, the sops fixtures and files encrypted here. The seeds come from the plain
# build (instrumented code touches afl's shared memory, so it runs only under afl-fuzz); a copy
# gets Crypt.Formats, Crypt.Crypto and crypt instrumented. Returns the number of targets with a
# crash or a hang (> 1 s per input); their inputs stay in artifacts/fuzz/out/TARGET/default.
soak_afl() {
  local seconds=${CRYPT_FUZZ_SECONDS:-600} root=artifacts/fuzz
  if ! command -v afl-fuzz >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
    fi
  fi
  if ! command -v afl-fuzz >/dev/null; then
    echo "fuzz coverage-guided: NOT RUN: afl-fuzz is missing (apt-get install afl++)" >&2
    return 1
  fi
  rm -rf "$root"
  # afl-fuzz makes its -o folder but not that folder's parent.
  mkdir -p "$root/out"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$root/tools" >/dev/null
  dotnet build tests/Fuzz -c Release --no-restore -o "$root/plain" >/dev/null
  cp -r "$root/plain" "$root/instrumented"
  local dll
  for dll in Crypt.Formats.dll Crypt.Crypto.dll crypt.dll; do
    "$root/tools/sharpfuzz" "$root/instrumented/$dll" >/dev/null
  done
  local failed=0 target stats
  for target in $(dotnet "$root/plain/Crypt.Fuzz.dll" --list); do
    [ -z "${CRYPT_SOAK_PROGRESS:-}" ] || echo "$(date -u +%H:%M:%S) fuzz coverage-guided $target: started, ${seconds} s" >>"$CRYPT_SOAK_PROGRESS"
    dotnet "$root/plain/Crypt.Fuzz.dll" --seeds "$target" "$root/in/$target" >/dev/null
    AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
      afl-fuzz -i "$root/in/$target" -o "$root/out/$target" -t 1000 -m none -V "$seconds" \
      -- dotnet "$root/instrumented/Crypt.Fuzz.dll" "$target" >"$root/$target.log" 2>&1 || true
    stats="$root/out/$target/default/fuzzer_stats"
    if [ ! -f "$stats" ]; then
      echo "fuzz coverage-guided $target: afl-fuzz did not run (see $root/$target.log)"
      failed=$((failed + 1))
      continue
    fi
    local execs crashes hangs paths
    execs=$(awk '$1 == "execs_done" {print $3}' "$stats")
    crashes=$(awk '$1 == "saved_crashes" {print $3}' "$stats")
    hangs=$(awk '$1 == "saved_hangs" {print $3}' "$stats")
    paths=$(awk '$1 == "corpus_count" {print $3}' "$stats")
    echo "fuzz coverage-guided $target: $execs inputs in ${seconds} s, $paths corpus entries, $crashes crashes, $hangs hangs" |
      tee -a "${CRYPT_SOAK_PROGRESS:-/dev/null}"
    if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then failed=$((failed + 1)); fi
  done
  return "$failed"
}

# The public API lock (Directory.Build.targets): the build fails on a public symbol that is not
# in PublicAPI.Shipped.txt/PublicAPI.Unshipped.txt (RS0016) and on a listed one that is gone
# (RS0017). This builds each library, lets the analyzer's own code fix list new symbols in
# Unshipped (per project: one solution-wide run leaves some projects untouched), drops removed
# ones (RS0017 has no code fix: an Unshipped line is deleted, a Shipped one is marked
# *REMOVED* in Unshipped, the analyzer's convention), then prints the diff to review.
cmd_api() {
  local csproj dir f out="" libs=()
  for csproj in src/*/*.csproj; do
    grep -q '<OutputType>Exe</OutputType>' "$csproj" && continue
    libs+=("$csproj")
    dir=$(dirname "$csproj")
    for f in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
      [ -f "$dir/$f" ] || { echo "creating $dir/$f"; printf '#nullable enable\n' >"$dir/$f"; }
    done
    # The API files are compiler inputs: touching them makes every library compile (and report)
    # again even if an earlier build was up to date.
    touch "$dir"/PublicAPI.*.txt
  done
  # Warnings, not errors, here: a library whose dependency has an unlisted symbol still compiles
  # and reports its own. Each compile's diagnostics name its project, whichever build ran it.
  for csproj in "${libs[@]}"; do
    echo "building $csproj"
    out+=$(dotnet build "$csproj" -c Release -p:TreatWarningsAsErrors=false 2>&1)$'\n' || true
  done
  local mine removed line n
  for csproj in "${libs[@]}"; do
    dir=$(dirname "$csproj")
    mine=$(grep -F "/$csproj]" <<<"$out") || true
    if grep -qE '(error|warning) RS00(16|36|37)' <<<"$mine"; then
      echo "== $dir: listing new public symbols"
      dotnet format analyzers "$csproj" --diagnostics RS0016 RS0036 RS0037 --severity info
    fi
    removed=$(grep -oE "$dir/PublicAPI\.(Shipped|Unshipped)\.txt\([0-9]+,[0-9]+\): (error|warning) RS0017" <<<"$mine" \
      | sed -E 's/^.*PublicAPI\.([A-Za-z]+)\.txt\(([0-9]+),.*/\1 \2/' | sort -u -k2,2nr) || true
    # Highest line first, so deleting one does not shift the next.
    while read -r f n; do
      [ -n "$n" ] || continue
      line=$(sed -n "${n}p" "$dir/PublicAPI.$f.txt")
      echo "== $dir: removed $line"
      if [ "$f" = Unshipped ]; then
        sed -i "${n}d" "$dir/PublicAPI.Unshipped.txt"
      else
        printf '*REMOVED*%s\n' "$line" >>"$dir/PublicAPI.Unshipped.txt"
      fi
    done <<<"$removed"
  done
  git status --short -- 'src/*/PublicAPI.*.txt'
  git --no-pager diff -- 'src/*/PublicAPI.*.txt'
  echo "review the diff above, then build as usual (dotnet build Crypt.sln -c Release) and commit it with the change"
}

cmd_demo() {
  echo "== building crypt (the first build restores NuGet packages: a minute or two) =="
  local log=artifacts/demo-build.log
  mkdir -p artifacts
  if ! dotnet build src/Cli -c Release -o artifacts/crypt >"$log" 2>&1; then
    cat "$log" >&2
    echo "error: the build failed (full log above, also in $log)" >&2
    exit 1
  fi
  echo "built artifacts/crypt/crypt"
  echo
  local crypt
  crypt="$(pwd)/artifacts/crypt/crypt"
  cd examples
  chmod 600 demo-age-key.txt   # git checks files out 0644; crypt warns about readable identities
  export SOPS_AGE_KEY_FILE=demo-age-key.txt
  echo "== decrypt examples/secrets.enc.yaml with the demo age key =="
  "$crypt" decrypt secrets.enc.yaml

  # Round trip through pipes only, so nothing is left on disk: the rule for *.yaml in
  # examples/.sopsrc picks the demo recipient.
  echo
  echo "== round trip: encrypt with examples/.sopsrc's rule, decrypt, compare =="
  local plain encrypted
  plain=$'service: orders\napi_token: demo-token-roundtrip\nport: 8080\n'
  encrypted="$(printf '%s' "$plain" | "$crypt" encrypt --filename-override demo.yaml)"
  printf '%s\n' "$encrypted" | grep -E '^(api_token|port):'
  if diff <(printf '%s' "$plain") <(printf '%s\n' "$encrypted" | "$crypt" decrypt --filename-override demo.yaml); then
    echo "round trip OK: decrypt(encrypt(x)) == x"
  else
    echo "round trip FAILED" >&2
    exit 1
  fi
}

case "${1:-}" in
  test) cmd_test ;;
  soak) cmd_soak ;;
  demo) cmd_demo ;;
  aot) cmd_aot ;;
  api) cmd_api ;;
  pack) cmd_pack ;;
  release) cmd_release ;;
  *) echo "usage: ./build.sh demo|test|soak|aot|api|pack|release" >&2; exit 2 ;;
esac
