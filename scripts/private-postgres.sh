#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and local work: its own folder, a free loopback port, a socket in that
# folder, a password-protected superuser. Nothing is installed as a service and nothing listens beyond 127.0.0.1.
#   scripts/private-postgres.sh start DIR   prints the connection string (Npgsql form) on stdout
#   scripts/private-postgres.sh stop DIR    stops the cluster and removes DIR
# Needs Debian's postgresql (binaries in /usr/lib/postgresql/*/bin). PostgreSQL refuses to run as root, so as
# root the cluster runs as the "postgres" account.
set -euo pipefail

command="${1:?start or stop}"
dir="${2:?a folder for the cluster}"

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)." >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    # A random high port that nothing answers on (bash's /dev/tcp: no other tool needed); a few tries at most.
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "No free port found." >&2
    return 1
}

case "$command" in
start)
    mkdir -p "$dir"
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    port="$(free_port)"
    printf '%s\n' "$password" >"$dir/password"
    printf '%s\n' "$port" >"$dir/port"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$dir"; fi
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U helpask --pwfile="$dir/password" --auth=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    # fsync off: a test cluster that loses power is thrown away, and the tests create many databases.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=helpask;Password=$password;Database=postgres"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "start or stop" >&2
    exit 2
    ;;
esac
