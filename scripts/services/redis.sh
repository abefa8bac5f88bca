#!/usr/bin/env bash
# Redis, from Debian's `redis-server` package: the shared cache of every web worker
# (throttling counters, page-tree caches) in production-like runs and CI.
#
#   redis.sh [start]   install if needed, run a private instance on 127.0.0.1:$REDIS_PORT
#                      (default 6379, no persistence), print `export REDIS_URL=...`
#   redis.sh install   only install the package
#   redis.sh stop      stop the instance this script started
#   redis.sh status    exit 0 when it answers PING
#
# The Debian package also enables a system-wide instance on 6379; it is stopped (when
# systemd runs it) so the private one, whose pid this script owns, can take the port and
# be stopped and restarted by the fault drills of scripts/stack.sh.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=redis

REDIS_HOST=127.0.0.1
REDIS_PORT=${REDIS_PORT:-6379}
REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/0"
DATA_DIR=$BANUA_SERVICES_DIR/redis
PIDFILE=$BANUA_SERVICES_DIR/run/redis.pid
LOGFILE=$BANUA_SERVICES_DIR/logs/redis.log

redis_install() {
    apt_install redis-server
    # A system instance started by the package would hold the port; ours replaces it.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
        log "stopping the package's system-wide redis-server (this script runs its own)"
        as_root systemctl stop redis-server || true
        as_root systemctl disable redis-server >/dev/null 2>&1 || true
    fi
}

answers() {
    [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

cmd_start() {
    ensure_dirs
    if pid_alive "$PIDFILE" && answers; then
        log "already running (pid $(pid_of "$PIDFILE")) at $REDIS_URL"
    elif answers; then
        warn "a Redis not started from this checkout already answers at $REDIS_URL; using it"
    else
        redis_install
        port_open "$REDIS_HOST" "$REDIS_PORT" && die "port $REDIS_PORT is taken by another program"
        mkdir -p "$DATA_DIR"
        log "starting on $REDIS_HOST:$REDIS_PORT"
        rm -f "$PIDFILE"
        # A cache: no RDB/AOF files, bounded memory, least-recently-used keys evicted.
        setsid redis-server --bind "$REDIS_HOST" --port "$REDIS_PORT" --protected-mode yes \
            --dir "$DATA_DIR" --save "" --appendonly no \
            --maxmemory 256mb --maxmemory-policy allkeys-lru --daemonize no \
            </dev/null >>"$LOGFILE" 2>&1 &
        echo "$!" >"$PIDFILE"
        if ! wait_for_port "$REDIS_HOST" "$REDIS_PORT" 30 "$PIDFILE" || ! answers; then
            show_log_tail "$LOGFILE"
            stop_pidfile "$PIDFILE" redis 10
            die "redis did not come up"
        fi
        log "ready (pid $(pid_of "$PIDFILE")), log: $LOGFILE"
    fi
    write_service_env redis "REDIS_URL=$REDIS_URL"
}

case "${1:-start}" in
    install) ensure_dirs && redis_install ;;
    start) cmd_start ;;
    stop)
        stop_pidfile "$PIDFILE" redis 15
        remove_service_env redis
        ;;
    status)
        if answers; then
            log "up at $REDIS_URL"
        else
            log "down"
            exit 1
        fi
        ;;
    *) die "usage: $0 [install|start|stop|status]" ;;
esac
