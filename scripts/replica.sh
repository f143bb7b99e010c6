#!/usr/bin/env bash
# A real streaming replica of the project-local cluster (scripts/devdb.sh), to try the read
# replica (DATABASE_REPLICA_URL) on one machine: data in .pgreplica/, a hot standby listening
# only on a Unix socket in that folder, fed by the primary's WAL over its socket.
# `start` makes it on first use (pg_basebackup -R of the running primary, after turning on
# what replication needs there), starts it and prints the DATABASE_REPLICA_URL to use.
# Usage: scripts/replica.sh start|stop|status
# DEVDB_DATA / REPLICA_DATA: another primary (as devdb.sh) and another replica folder (the
# tests' throwaway clusters).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
primary="${DEVDB_DATA:-$top/.pgdata}"
replica="${REPLICA_DATA:-$top/.pgreplica}"
admin_user=yuyang   # the cluster's superuser (devdb.sh), which replication logs in as
site_user=yuyang_site
db_name=yuyang

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/pg_basebackup" ]; then
        pg_config --bindir
        return
    fi
    # Debian/Ubuntu keep the server binaries out of PATH, one folder per major version.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}
bindir=$(find_bindir)

# PostgreSQL refuses to run as root: as root, run the server as the 'postgres' system user.
as_server() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

psql_at() { "$bindir/psql" -h "$1" -U "$admin_user" -d "$db_name" -v ON_ERROR_STOP=1 -qtA -c "$2"; }

# A replica folder out of the server user's reach (a checkout under /root) lives in
# /var/lib/yuyang-devdb/<path hash>, linked from .pgreplica, as devdb.sh does for .pgdata.
place_replica() {
    if [ "$(id -u)" != 0 ]; then return; fi
    if [ -L "$replica" ]; then
        replica=$(readlink -f "$replica")
    elif [ ! -e "$replica" ] && ! runuser -u postgres -- test -x "$(dirname "$replica")"; then
        local real
        real="/var/lib/yuyang-devdb/$(printf '%s' "$replica" | sha256sum | cut -c1-16)"
        mkdir -p "$(dirname "$real")"
        ln -s "$real" "$replica"
        replica="$real"
    fi
}

# What streaming replication needs on the primary: WAL for a replica, senders, and the
# superuser allowed to replicate over the socket. Changes that need it restart the primary.
prepare_primary() {
    DEVDB_DATA="$primary" "$top/scripts/devdb.sh" start
    local conf="$primary/postgresql.conf" restart=""
    if [ "$(psql_at "$primary" "SHOW wal_level")" = minimal ] \
        || [ "$(psql_at "$primary" "SHOW max_wal_senders")" = 0 ]; then
        as_server tee -a "$conf" >/dev/null <<CONF
# replica.sh: streaming replication
wal_level = replica
max_wal_senders = 10
CONF
        restart=1
    fi
    if ! grep -Eq "^local[[:space:]]+replication[[:space:]]+($admin_user|all)[[:space:]]" "$primary/pg_hba.conf"; then
        echo "local   replication     $admin_user                                  trust" \
            | as_server tee -a "$primary/pg_hba.conf" >/dev/null
        as_server "$bindir/pg_ctl" -D "$primary" reload >/dev/null
    fi
    if [ -n "$restart" ]; then
        as_server "$bindir/pg_ctl" -D "$primary" -m fast -w restart -l "$primary/server.log" >/dev/null
    fi
}

make_replica() {
    mkdir -p "$replica"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$replica"; fi
    chmod 700 "$replica"
    as_server "$bindir/pg_basebackup" -h "$primary" -U "$admin_user" -D "$replica" \
        -R -X stream --checkpoint=fast
    # The copy holds the primary's log and its socket's lock file (the primary's socket is in
    # its data folder): they go. Then its own socket folder, reads while it replays, and long
    # export queries not cancelled by the replay (feedback).
    as_server sh -c "rm -f '$replica'/server.log '$replica'/.s.PGSQL.*.lock"
    as_server tee -a "$replica/postgresql.conf" >/dev/null <<CONF
# replica.sh: a hot standby of $primary
unix_socket_directories = '$replica'
hot_standby = on
hot_standby_feedback = on
CONF
}

url() {
    # The socket's folder as the host (django-environ passes ?host= to the driver as is).
    echo "DATABASE_REPLICA_URL=postgres://$site_user@/$db_name?host=$replica"
}

start() {
    place_replica
    prepare_primary
    [ -f "$replica/PG_VERSION" ] || make_replica
    if ! as_server "$bindir/pg_ctl" -D "$replica" status >/dev/null 2>&1; then
        as_server "$bindir/pg_ctl" -D "$replica" -l "$replica/server.log" -w start >/dev/null
    fi
    url
}

status() {
    place_replica
    as_server "$bindir/pg_ctl" -D "$replica" status
    echo "in recovery: $(psql_at "$replica" "SELECT pg_is_in_recovery()")," \
        "replay lag: $(psql_at "$replica" "SELECT COALESCE(now() - pg_last_xact_replay_timestamp(), '0')")"
    url
}

case "${1:-}" in
    start) start ;;
    stop)
        place_replica
        if [ -f "$replica/PG_VERSION" ]; then as_server "$bindir/pg_ctl" -D "$replica" -m fast stop >/dev/null 2>&1 || true; fi
        ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
