#!/usr/bin/env bash
# Varnish (Debian's package): the shared HTTP cache in front of gunicorn.
#
#   varnish.sh [start]   install it if needed, start it on 127.0.0.1:$BANUA_HTTP_CACHE_PORT
#                        (default 6081) with deploy/varnish/banua.vcl, print the exports
#   varnish.sh install   only install the package
#   varnish.sh stop      stop the varnishd started by this script
#   varnish.sh status    exit 0 when it answers
#
# Its backend is BANUA_HTTP_CACHE_BACKEND (host:port, default 127.0.0.1:8000), written
# into a copy of the VCL under $BANUA_SERVICES_DIR/run/. The exports:
#   BANUA_HTTP_CACHE_URL  where the site's PURGE requests go (banua.settings: turns on
#                         wagtail.contrib.frontend_cache's HTTP backend)
#   BANUA_VARNISHD        the binary, for the tests that start their own instance
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=varnish

VARNISH_HOST=127.0.0.1
VARNISH_PORT=${BANUA_HTTP_CACHE_PORT:-6081}
VARNISH_BACKEND=${BANUA_HTTP_CACHE_BACKEND:-127.0.0.1:8000}
VARNISH_MEMORY=${BANUA_HTTP_CACHE_MEMORY:-256m}
VARNISH_URL="http://$VARNISH_HOST:$VARNISH_PORT"
VCL_SOURCE=$BANUA_REPO_ROOT/deploy/varnish/banua.vcl
WORKDIR=$BANUA_SERVICES_DIR/run/varnish
VCL=$BANUA_SERVICES_DIR/run/banua.vcl
PIDFILE=$BANUA_SERVICES_DIR/run/varnish.pid
LOGFILE=$BANUA_SERVICES_DIR/logs/varnish.log

varnishd_bin() {
    command -v varnishd 2>/dev/null || { [[ -x /usr/sbin/varnishd ]] && echo /usr/sbin/varnishd; }
}

v_install() {
    if [[ -z "$(varnishd_bin)" ]]; then
        apt_install varnish
    fi
    # Debian's package enables a system service on :6081; this checkout runs its own.
    varnishd_bin >/dev/null || die "varnishd not found after installing varnish"
}

# render_vcl SOURCE DEST HOST:PORT : the VCL with its default backend pointed at HOST:PORT.
render_vcl() {
    local host=${3%:*} port=${3##*:}
    sed -e "s/^\(    \.host = \)\"[^\"]*\";/\1\"$host\";/" \
        -e "s/^\(    \.port = \)\"[^\"]*\";/\1\"$port\";/" "$1" >"$2"
}

answers() {
    # Any HTTP answer counts (the backend may be down: Varnish then says 503).
    curl -sS --max-time 5 -o /dev/null "$VARNISH_URL/" 2>/dev/null
}

cmd_start() {
    local bin
    ensure_dirs
    if pid_alive "$PIDFILE" && answers; then
        log "already running (pid $(pid_of "$PIDFILE")) at $VARNISH_URL"
    else
        v_install
        bin=$(varnishd_bin)
        if port_open "$VARNISH_HOST" "$VARNISH_PORT"; then
            die "port $VARNISH_PORT is taken by another process; set BANUA_HTTP_CACHE_PORT"
        fi
        mkdir -p "$WORKDIR"
        render_vcl "$VCL_SOURCE" "$VCL" "$VARNISH_BACKEND"
        log "starting varnishd on $VARNISH_URL, backend $VARNISH_BACKEND"
        # -j none: no privilege separation jail, so the working directory may live in
        # the checkout; it still listens on loopback only, and -T (the CLI) likewise.
        if ! "$bin" -j none -n "$WORKDIR" -P "$PIDFILE" -a "$VARNISH_HOST:$VARNISH_PORT" \
            -T 127.0.0.1:0 -f "$VCL" -s "malloc,$VARNISH_MEMORY" \
            -p default_ttl=0 >"$LOGFILE" 2>&1; then
            show_log_tail "$LOGFILE"
            die "varnishd did not start"
        fi
        if ! wait_for_port "$VARNISH_HOST" "$VARNISH_PORT" 30 "$PIDFILE"; then
            show_log_tail "$LOGFILE"
            stop_pidfile "$PIDFILE" varnish 10
            die "varnishd did not come up"
        fi
        log "ready (pid $(pid_of "$PIDFILE"))"
    fi
    write_service_env varnish \
        "BANUA_HTTP_CACHE_URL=$VARNISH_URL" \
        "BANUA_VARNISHD=$(varnishd_bin)"
}

case "${1:-start}" in
    install) ensure_dirs && v_install ;;
    start) cmd_start ;;
    stop)
        stop_pidfile "$PIDFILE" varnish 15
        remove_service_env varnish
        ;;
    status)
        if pid_alive "$PIDFILE" && answers; then
            log "up at $VARNISH_URL"
        else
            log "down"
            exit 1
        fi
        ;;
    render-vcl) render_vcl "$VCL_SOURCE" /dev/stdout "${2:-$VARNISH_BACKEND}" ;;
    *) die "usage: $0 [install|start|stop|status|render-vcl HOST:PORT]" ;;
esac
