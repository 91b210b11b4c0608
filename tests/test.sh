#!/usr/bin/env bash
# Runs every HelpAsk test: unit, component, integration and browser tests, then the web tests a second time on
# PostgreSQL (a private cluster on a free loopback port, stopped at the end).
# Installs what the tests need (Debian's Chromium, time zone database, PostgreSQL and nginx) when it is missing, then prints
# one summary line for both runs: "N passed, N failed, N skipped".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# What the tests need and this machine lacks, installed with one package-list update: Chromium for
# the browser tests, and the time zone database, since times are shown in each reader's own zone.
missing=()
if [ -z "${HELPASK_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
fi
if [ ! -e /usr/share/zoneinfo/Pacific/Auckland ]; then
    missing+=(tzdata)
fi
if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    missing+=(postgresql)
fi
# nginx for the several-instances test (deploy/nginx/helpask.conf in front of two app processes); the test runs its
# own nginx on loopback ports, so the package's own service is never needed.
if [ ! -x /usr/sbin/nginx ]; then
    missing+=(nginx)
fi
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing what the tests need (Debian packages: ${missing[*]})..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    # Debian starts the nginx service it just installed, listening on port 80 of every interface: not wanted here.
    if [[ " ${missing[*]} " == *" nginx "* ]] && command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
        as_root systemctl disable --now nginx >/dev/null 2>&1 || true
    fi
fi

dotnet tool restore >/dev/null
dotnet build HelpAsk.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

log="$(mktemp)"
postgres="$(mktemp -d)"
trap 'rm -f "$log"; scripts/private-postgres.sh stop "$postgres"' EXIT
status=0
dotnet test HelpAsk.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

echo
echo "The web tests again, on PostgreSQL:"
server="$(scripts/private-postgres.sh start "$postgres")"
HELPASK_TEST_POSTGRES="$server" dotnet test tests/HelpAsk.Web.Tests -c Release --no-build --nologo 2>&1 | tee -a "$log" || status=$?

# Sum the per-project "Passed!/Failed!" lines of dotnet test.
summary="$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' |
    awk '{ f += $1; p += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped", p, f, s }')"
projects="$(grep -cE '^(Passed|Failed)!' "$log" || true)"
echo
if [ "$projects" -eq 0 ]; then
    echo "No test results were reported."
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi
echo "$summary"
exit "$status"
