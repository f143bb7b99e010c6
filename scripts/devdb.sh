#!/usr/bin/env bash
# Project-local PostgreSQL for development and tests: data in .pgdata/ inside the checkout,
# listening only on a Unix socket in that folder, so two checkouts never collide.
# Usage: scripts/devdb.sh start|stop|status
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
data="$top/.pgdata"
db_user=yuyang
db_name=yuyang

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    # Debian/Ubuntu keep the server binaries out of PATH, one folder per major version.
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
        echo "$newest"
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

bindir=$(find_bindir)
if [ -z "$bindir" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "devdb: installing PostgreSQL server (apt-get install postgresql)" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bindir=$(find_bindir)
    fi
    if [ -z "$bindir" ]; then
        echo "devdb: PostgreSQL server binaries not found; install them: sudo apt-get install postgresql" >&2
        exit 1
    fi
fi

# PostgreSQL refuses to run as root: as root, run the server as the 'postgres' system user.
as_server() {
    if [ "$(id -u)" = 0 ]; then
        # From / : the checkout itself may be out of the postgres user's reach.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    # The server (user postgres) must reach the data folder. A checkout in a private folder
    # (e.g. CI cloning into /root/...) is out of its reach: the data then lives in
    # /var/lib/yuyang-devdb/<checkout path hash>, and .pgdata links to it, so Django still
    # finds the socket at .pgdata/.
    if [ -L "$data" ]; then
        data=$(readlink -f "$data")
    elif [ ! -e "$data" ] && ! runuser -u postgres -- test -x "$top"; then
        real="/var/lib/yuyang-devdb/$(printf '%s' "$top" | sha256sum | cut -c1-16)"
        mkdir -p "$real"
        ln -s "$real" "$data"
        data="$real"
    fi
fi

pg_ctl_() { as_server "$bindir/pg_ctl" -D "$data" "$@"; }

init() {
    mkdir -p "$data"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$data"; fi
    chmod 700 "$data"
    as_server "$bindir/initdb" -D "$data" -U "$db_user" --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$data/postgresql.conf" <<CONF
# devdb: socket only, inside the data folder
listen_addresses = ''
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
CONF
}

start() {
    [ -f "$data/PG_VERSION" ] || init
    if pg_ctl_ status >/dev/null 2>&1; then
        return 0
    fi
    pg_ctl_ -l "$data/server.log" -w start >/dev/null
    if ! "$bindir/psql" -h "$data" -U "$db_user" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1; then
        "$bindir/createdb" -h "$data" -U "$db_user" "$db_name"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) if [ -f "$data/PG_VERSION" ]; then pg_ctl_ -m fast stop >/dev/null 2>&1 || true; fi ;;
    status) pg_ctl_ status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
