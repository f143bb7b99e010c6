#!/usr/bin/env bash
# Project-local PostgreSQL for development and tests: data in .pgdata/ inside the checkout,
# listening only on a Unix socket in that folder, so two checkouts never collide.
# Three roles, as in production (README, "Production deployment"): the portal connects as the
# site role, which reads and writes rows and owns nothing; `migrate` connects as the owner of
# the database and its tables; this script administers the cluster as its superuser.
# `start` creates what is missing every time, so a cluster made by an older version of this
# script (the superuser owning everything, or durability switched off) is brought up to date.
# Durable: fsync, full-page writes and synchronous commits stay on, as in production, so a
# sign-up confirmed to a member survives a crash of the server or of the machine. (The test
# suite trades durability for speed on its own connections only: tests/conftest.py.)
# Usage: scripts/devdb.sh start|stop|status
# DEVDB_DATA=/some/folder runs the same cluster elsewhere (the tests' and fault drill's
# throwaway clusters: yuyang_union/fault_drills/cluster.py).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
data="${DEVDB_DATA:-$top/.pgdata}"
admin_user=yuyang        # the cluster's superuser (initdb): this script, and psql by hand
owner_user=yuyang_owner  # owns the database and its tables; CREATEDB for the test database
site_user=yuyang_site    # the portal (DATABASE_URL unset: yuyang_union/settings.py)
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
    elif [ ! -e "$data" ] && ! runuser -u postgres -- test -x "$(dirname "$data")"; then
        real="/var/lib/yuyang-devdb/$(printf '%s' "$data" | sha256sum | cut -c1-16)"
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
    as_server "$bindir/initdb" -D "$data" -U "$admin_user" --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$data/postgresql.conf" <<CONF
# devdb: socket only, inside the data folder
listen_addresses = ''
unix_socket_directories = '$data'
shared_buffers = 256MB
CONF
}

# The switches that trade durability for speed. An older version of this script turned them
# off at init: a crash then lost commits already confirmed to users (synchronous_commit) or
# left the data corrupt (fsync, full_page_writes).
NOT_DURABLE='^(fsync|synchronous_commit|full_page_writes) = off'

# Bring a cluster made with those switches off back to durable settings: remove the lines,
# stop the server if it runs with any of them off, and flush to disk what was written while
# fsync was off (initdb --sync-only, as PostgreSQL's documentation of fsync asks) before the
# server starts again.
make_durable() {
    local conf="$data/postgresql.conf" changed=""
    if grep -Eq "$NOT_DURABLE" "$conf"; then
        as_server sed -i -E "/$NOT_DURABLE/d" "$conf"
        changed=1
    fi
    if pg_ctl_ status >/dev/null 2>&1 && [ -n "$(psql_ -d postgres -c "SELECT 1 FROM pg_settings
            WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')
              AND setting = 'off' LIMIT 1")" ]; then
        changed=1
        pg_ctl_ -m fast -w stop >/dev/null
    fi
    if [ -n "$changed" ]; then
        echo "devdb: fsync, full_page_writes and synchronous_commit back on (durable)" >&2
        if ! pg_ctl_ status >/dev/null 2>&1; then
            as_server "$bindir/initdb" -D "$data" --sync-only >/dev/null
        fi
    fi
}

psql_() { "$bindir/psql" -h "$data" -U "$admin_user" -v ON_ERROR_STOP=1 -qtA "$@"; }

# The owner and site roles, with exactly these attributes (neither is a superuser).
roles() {
    psql_ -d postgres <<SQL >/dev/null
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$owner_user') THEN
        CREATE ROLE $owner_user;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$site_user') THEN
        CREATE ROLE $site_user;
    END IF;
END
\$\$;
ALTER ROLE $owner_user LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE $site_user LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
SQL
}

# A database the old script made (the superuser owning it and everything in it, test
# databases included) passes to the owner role: its tables and views (their sequences and
# row types follow), its other sequences, functions (the triggers') and schemas, then the
# database itself. REASSIGN OWNED cannot do it: the superuser made by initdb also owns the
# system catalogs. One transaction per database.
hand_over() {
    psql_ -d "$1" -1 <<SQL >/dev/null
DO \$\$
DECLARE
    item record;
    admin oid := (SELECT oid FROM pg_roles WHERE rolname = '$admin_user');
BEGIN
    FOR item IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relowner = admin AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
    LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO $owner_user', item.name);
    END LOOP;
    FOR item IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relowner = admin AND c.relkind = 'S'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO $owner_user', item.name);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.proowner = admin AND p.prokind IN ('f', 'p')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO $owner_user', item.name);
    END LOOP;
    FOR item IN
        SELECT quote_ident(nspname) AS name FROM pg_namespace
        WHERE nspowner = admin AND nspname NOT IN ('pg_catalog', 'information_schema')
          AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
    LOOP
        EXECUTE format('ALTER SCHEMA %s OWNER TO $owner_user', item.name);
    END LOOP;
    EXECUTE format('ALTER DATABASE %I OWNER TO $owner_user', current_database());
END
\$\$;
SQL
}

start() {
    [ -f "$data/PG_VERSION" ] || init
    make_durable
    if ! pg_ctl_ status >/dev/null 2>&1; then
        pg_ctl_ -l "$data/server.log" -w start >/dev/null
    fi
    roles
    local old
    for old in $(psql_ -d postgres -c "SELECT datname FROM pg_database
        WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '$admin_user')
          AND NOT datistemplate AND datname <> 'postgres'"); do
        echo "devdb: handing database $old over to $owner_user" >&2
        hand_over "$old"
    done
    if [ -z "$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" ]; then
        "$bindir/createdb" -h "$data" -U "$admin_user" --owner "$owner_user" "$db_name"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) if [ -f "$data/PG_VERSION" ]; then pg_ctl_ -m fast stop >/dev/null 2>&1 || true; fi ;;
    status) pg_ctl_ status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
