#!/usr/bin/env bash
# PostgreSQL for the test suite, from Debian's `postgresql` package.
#
#   postgres.sh [start]   install if needed, run a cluster on 127.0.0.1:5432,
#                         ensure role `banua` (password `banua`, LOGIN CREATEDB,
#                         pytest-django creates its test databases) and database
#                         `banua` owned by it; prints `export DATABASE_URL=...`
#   postgres.sh install   only install the packages
#   postgres.sh stop      stop the cluster this script manages
#   postgres.sh status    exit 0 when DATABASE_URL accepts connections
#
# As root the Debian cluster tools are used (pg_lsclusters/pg_ctlcluster; the
# cluster on port 5432 is used, or created). Without root a private cluster is
# initialised under $BANUA_SERVICES_DIR/postgres and started with pg_ctl.
# Idempotent: when DATABASE_URL already works the script only reports it.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=postgres

PG_HOST=127.0.0.1
PG_PORT=5432
PG_ROLE=banua
PG_PASSWORD=banua
PG_DB=banua
DATABASE_URL="postgres://$PG_ROLE:$PG_PASSWORD@$PG_HOST:$PG_PORT/$PG_DB"

PRIVATE_DIR=$BANUA_SERVICES_DIR/postgres

pg_install() {
    apt_install postgresql
}

pg_newest_version() {
    find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1
}

# True when the banua role can log in and may create databases.
app_ready() {
    local out
    out=$(PGCONNECT_TIMEOUT=3 psql "$DATABASE_URL" -X -qtA \
        -c "SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user" 2>/dev/null) || return 1
    [[ "$out" == "t" ]]
}

# Idempotent role/database setup; stdin of "$@" receives SQL (a superuser psql).
ensure_role_and_db() {
    local exists
    "$@" -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
        CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    ELSE
        ALTER ROLE $PG_ROLE WITH LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    END IF;
END
\$\$;
SQL
    exists=$("$@" -X -qtA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")
    if [[ "$exists" != "1" ]]; then
        log "creating database $PG_DB"
        "$@" -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE" >/dev/null
    fi
}

wait_ready() {
    local deadline=$((SECONDS + 60))
    until pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2; do
        if ((SECONDS >= deadline)); then
            return 1
        fi
        sleep 0.5
    done
}

# ------------------------------------------------------------- root mode ----

# Prints "VERSION NAME STATUS" of the cluster configured for port 5432.
system_cluster() {
    pg_lsclusters --no-header 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1, $2, $4; exit }'
}

start_system_cluster() {
    local line ver name status listen
    line=$(system_cluster)
    if [[ -z "$line" ]]; then
        ver=$(pg_newest_version)
        [[ -n "$ver" ]] || die "no PostgreSQL server found under /usr/lib/postgresql"
        name=main
        if [[ -d "/etc/postgresql/$ver/$name" ]]; then
            name=banua
        fi
        log "creating cluster $ver/$name on port $PG_PORT"
        pg_createcluster --port "$PG_PORT" "$ver" "$name" >&2
        line="$ver $name down"
    fi
    read -r ver name status <<<"$line"

    # Loopback only: Debian's default is 'localhost'; anything else is reset.
    listen=$(pg_conftool -s "$ver" "$name" show listen_addresses 2>/dev/null || echo localhost)
    listen=${listen//\'/}
    if [[ "$listen" != "localhost" && "$listen" != "127.0.0.1" ]]; then
        log "setting listen_addresses of $ver/$name to 127.0.0.1 (was '$listen')"
        pg_conftool "$ver" "$name" set listen_addresses 127.0.0.1
        if [[ "$status" == online* ]]; then
            pg_ctlcluster "$ver" "$name" restart >&2
        fi
    fi

    if [[ "$status" != online* ]]; then
        log "starting cluster $ver/$name"
        pg_ctlcluster "$ver" "$name" start >&2 || {
            show_log_tail "/var/log/postgresql/postgresql-$ver-$name.log"
            die "pg_ctlcluster $ver $name start failed"
        }
    fi
    wait_ready || die "cluster $ver/$name does not accept connections on $PG_HOST:$PG_PORT"
    ensure_role_and_db runuser -u postgres -- psql -p "$PG_PORT"
}

stop_system_cluster() {
    local line ver name status
    line=$(system_cluster)
    [[ -n "$line" ]] || { log "no cluster on port $PG_PORT"; return 0; }
    read -r ver name status <<<"$line"
    if [[ "$status" == online* ]]; then
        log "stopping cluster $ver/$name"
        pg_ctlcluster "$ver" "$name" stop >&2
    else
        log "cluster $ver/$name is not running"
    fi
}

# ---------------------------------------------------------- private mode ----

private_socket_dir() {
    local dir=$PRIVATE_DIR/run
    # Unix socket paths are limited to ~107 bytes.
    if ((${#dir} > 80)); then
        dir=/tmp/banua-pg-$(id -u)
    fi
    printf '%s\n' "$dir"
}

start_private_cluster() {
    local ver bindir data sock
    ver=$(pg_newest_version)
    [[ -n "$ver" ]] || die "no PostgreSQL server found under /usr/lib/postgresql"
    bindir=/usr/lib/postgresql/$ver/bin
    data=$PRIVATE_DIR/data
    sock=$(private_socket_dir)
    mkdir -p "$PRIVATE_DIR" "$sock"
    if [[ ! -s "$data/PG_VERSION" ]]; then
        log "initdb $data"
        "$bindir/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$PRIVATE_DIR/initdb.log" 2>&1 \
            || { show_log_tail "$PRIVATE_DIR/initdb.log"; die "initdb failed"; }
    fi
    if ! "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        if port_open "$PG_HOST" "$PG_PORT"; then
            die "port $PG_PORT is taken by another server that does not accept $DATABASE_URL"
        fi
        log "starting private cluster in $data"
        "$bindir/pg_ctl" -D "$data" -l "$PRIVATE_DIR/postgresql.log" -w -t 60 \
            -o "-c listen_addresses=$PG_HOST -c port=$PG_PORT -c unix_socket_directories=$sock" start >&2 \
            || { show_log_tail "$PRIVATE_DIR/postgresql.log"; die "pg_ctl start failed"; }
    fi
    wait_ready || die "private cluster does not accept connections on $PG_HOST:$PG_PORT"
    ensure_role_and_db psql -h "$sock" -p "$PG_PORT" -U postgres
}

stop_private_cluster() {
    local ver data
    ver=$(pg_newest_version)
    data=$PRIVATE_DIR/data
    if [[ -n "$ver" && -s "$data/PG_VERSION" ]] && "/usr/lib/postgresql/$ver/bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "stopping private cluster"
        "/usr/lib/postgresql/$ver/bin/pg_ctl" -D "$data" -m fast -w stop >&2
    else
        log "private cluster is not running"
    fi
}

use_system_cluster() {
    is_root && command -v pg_ctlcluster >/dev/null 2>&1
}

# ------------------------------------------------------------------ main ----

cmd_start() {
    ensure_dirs
    if app_ready; then
        log "already running: $DATABASE_URL"
    else
        pg_install
        if use_system_cluster; then
            start_system_cluster
        else
            start_private_cluster
        fi
        app_ready || die "cannot connect with $DATABASE_URL after setup"
        log "ready: $DATABASE_URL"
    fi
    write_service_env postgres "DATABASE_URL=$DATABASE_URL"
}

case "${1:-start}" in
    install) pg_install ;;
    start) cmd_start ;;
    stop)
        if use_system_cluster && [[ ! -s "$PRIVATE_DIR/data/PG_VERSION" ]]; then
            stop_system_cluster
        else
            stop_private_cluster
        fi
        remove_service_env postgres
        ;;
    status)
        if app_ready; then
            log "up: $DATABASE_URL"
        else
            log "down"
            exit 1
        fi
        ;;
    *) die "usage: $0 [install|start|stop|status]" ;;
esac
