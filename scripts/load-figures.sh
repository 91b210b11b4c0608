#!/usr/bin/env bash
# Load figures (docs/performance.md, "Under load"): wrk against the helper's answer page (GET and POST) and the sign-in
# page, on SQLite and on PostgreSQL, one run each, loopback only. For each provider it seeds a new database with one
# account, a sent request and a real answer link, starts the Release build in Production on a free port, runs wrk and
# prints a table row per page with the load average before and after (the machine may be shared).
#   scripts/load-figures.sh [CONNECTIONS] [SECONDS]      defaults: 16 connections, 20 seconds
# Needs wrk (Debian: apt-get install wrk) and, for the PostgreSQL rows, Debian's postgresql: a private cluster is
# started on a free loopback port (scripts/private-postgres.sh) and removed at the end.
set -euo pipefail

connections="${1:-16}"
seconds="${2:-20}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)." >&2; exit 1; }
dotnet build src/HelpAsk.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build tests/HelpAsk.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
bench=(dotnet tests/HelpAsk.Benchmarks/bin/Release/net10.0/HelpAsk.Benchmarks.dll load --app src/HelpAsk.Web/bin/Release/net10.0/HelpAsk.Web.dll
       --connections "$connections" --seconds "$seconds")

"${bench[@]}" --provider Sqlite

cluster="$(mktemp -d /tmp/helpask-load-pg.XXXXXX)"
trap 'bash scripts/private-postgres.sh stop "$cluster"' EXIT
postgres="$(bash scripts/private-postgres.sh start "$cluster")"
"${bench[@]}" --provider PostgreSQL --connection "$postgres" | tail -n +3
