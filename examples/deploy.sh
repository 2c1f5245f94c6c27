#!/usr/bin/env bash
# An illustration of a deploy pipeline that keeps secrets in git with crypt. It is not run by
# the tests (they only check it parses: bash -n); the app, image and hosts are made up.
#
# The key comes from the CI's secret store, never from the repository:
#   SOPS_AGE_KEY="AGE-SECRET-KEY-1..."   (or SOPS_AGE_KEY_FILE=/path/to/keys.txt)
# For a local dry run with the demo key: export SOPS_AGE_KEY_FILE=demo-age-key.txt
set -euo pipefail
cd "$(dirname "$0")"

image="registry.example.test/orders:${GIT_SHA:-dev}"

# 1. Fail early if a secrets file is not encrypted (someone committed plaintext).
for f in secrets.enc.yaml appsettings.secrets.enc.json app.enc.env; do
  if [ "$(crypt filestatus "$f")" != '{"encrypted":true}' ]; then
    echo "refusing to deploy: $f is not encrypted" >&2
    exit 1
  fi
done

# 2. Run the database migration with the secrets in its environment only: nothing is
#    written to disk, and crypt exits with the migration's own status.
crypt exec-env secrets.enc.yaml './migrate up'

# 3. Start the app the same way (top-level values of secrets.enc.yaml become variables).
crypt exec-env secrets.enc.yaml './app --port 8080' &
app_pid=$!

# 4. Hand the .NET settings to a tool that wants a file path: a FIFO, read once, never on disk.
crypt exec-file --filename appsettings.Secrets.json appsettings.secrets.enc.json \
  'dotnet Orders.Admin.dll --settings {}'

# 5. A container wants an --env-file: write it to a private folder that always goes away.
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"; kill "$app_pid" 2>/dev/null || true' EXIT
(
  umask 077
  crypt decrypt --output-type dotenv secrets.enc.yaml > "$workdir/orders.env"
  crypt decrypt app.enc.env >> "$workdir/orders.env"
)
docker run --rm --env-file "$workdir/orders.env" "$image"
