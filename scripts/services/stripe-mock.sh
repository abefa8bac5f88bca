#!/usr/bin/env bash
# stripe-mock (Stripe's official API mock) for the test suite.
#
#   stripe-mock.sh [start]   build the pinned version if needed, start it on
#                            127.0.0.1:12111 (HTTP) and 127.0.0.1:12112 (HTTPS),
#                            print the STRIPE_* exports
#   stripe-mock.sh install   only build it
#   stripe-mock.sh stop      stop the process started by this script
#   stripe-mock.sh status    exit 0 when it answers
#
# Built with `go install module@version` (checked against the Go checksum
# database) into $BANUA_CACHE_DIR/stripe-mock/<version>/.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=stripe-mock

STRIPE_MOCK_MODULE=github.com/stripe/stripe-mock
STRIPE_MOCK_VERSION=v0.203.0
STRIPE_MOCK_HOST=127.0.0.1
STRIPE_MOCK_HTTP_PORT=12111
STRIPE_MOCK_HTTPS_PORT=12112
STRIPE_API_BASE="http://$STRIPE_MOCK_HOST:$STRIPE_MOCK_HTTP_PORT"
STRIPE_SECRET_KEY=sk_test_123

BIN_DIR=$BANUA_CACHE_DIR/stripe-mock/$STRIPE_MOCK_VERSION
BIN=$BIN_DIR/stripe-mock
PIDFILE=$BANUA_SERVICES_DIR/run/stripe-mock.pid
LOGFILE=$BANUA_SERVICES_DIR/logs/stripe-mock.log

find_go() {
    local candidate
    for candidate in "${BANUA_GO:-}" /usr/local/go/bin/go "$(command -v go 2>/dev/null || true)"; do
        if [[ -n "$candidate" && -x "$candidate" ]]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

sm_install() {
    local go gover
    if [[ -x "$BIN" ]] && "$BIN" -version >/dev/null 2>&1; then
        return 0
    fi
    go=$(find_go) || die "Go is required to build stripe-mock (expected /usr/local/go/bin/go or go on PATH; set BANUA_GO)"
    gover=$("$go" env GOVERSION)
    # stripe-mock's go.mod needs Go >= 1.22.
    if [[ "$(printf '%s\n' go1.22 "$gover" | sort -V | head -n 1)" != "go1.22" ]]; then
        die "$go is $gover; stripe-mock $STRIPE_MOCK_VERSION needs go1.22 or newer"
    fi
    log "building $STRIPE_MOCK_MODULE@$STRIPE_MOCK_VERSION with $gover"
    mkdir -p "$BIN_DIR"
    if ! GOBIN=$BIN_DIR GOSUMDB=sum.golang.org GONOSUMDB='' GOPRIVATE='' GOINSECURE='' GOFLAGS=-mod=mod \
        "$go" install "$STRIPE_MOCK_MODULE@$STRIPE_MOCK_VERSION" >"$BANUA_SERVICES_DIR/logs/stripe-mock-build.log" 2>&1; then
        show_log_tail "$BANUA_SERVICES_DIR/logs/stripe-mock-build.log"
        die "go install $STRIPE_MOCK_MODULE@$STRIPE_MOCK_VERSION failed"
    fi
    "$BIN" -version >/dev/null 2>&1 || die "built $BIN does not run"
}

answers() {
    curl -fsS --max-time 5 -o /dev/null -u "$STRIPE_SECRET_KEY:" "$STRIPE_API_BASE/v1/customers" 2>/dev/null
}

cmd_start() {
    ensure_dirs
    if pid_alive "$PIDFILE" && answers; then
        log "already running (pid $(pid_of "$PIDFILE")) at $STRIPE_API_BASE"
    elif answers; then
        warn "something not started from this checkout already answers at $STRIPE_API_BASE; using it"
    else
        sm_install
        if port_open "$STRIPE_MOCK_HOST" "$STRIPE_MOCK_HTTP_PORT" || port_open "$STRIPE_MOCK_HOST" "$STRIPE_MOCK_HTTPS_PORT"; then
            die "port $STRIPE_MOCK_HTTP_PORT or $STRIPE_MOCK_HTTPS_PORT is taken by another program"
        fi
        log "starting $STRIPE_MOCK_VERSION on $STRIPE_MOCK_HOST:$STRIPE_MOCK_HTTP_PORT (https :$STRIPE_MOCK_HTTPS_PORT)"
        rm -f "$PIDFILE"
        setsid "$BIN" \
            -http-addr "$STRIPE_MOCK_HOST:$STRIPE_MOCK_HTTP_PORT" \
            -https-addr "$STRIPE_MOCK_HOST:$STRIPE_MOCK_HTTPS_PORT" \
            </dev/null >>"$LOGFILE" 2>&1 &
        echo "$!" >"$PIDFILE"
        if ! wait_for_http "$STRIPE_API_BASE/v1/customers" 60 "$PIDFILE" -u "$STRIPE_SECRET_KEY:" \
            || ! wait_for_port "$STRIPE_MOCK_HOST" "$STRIPE_MOCK_HTTPS_PORT" 30 "$PIDFILE"; then
            show_log_tail "$LOGFILE"
            stop_pidfile "$PIDFILE" stripe-mock 10
            die "stripe-mock did not come up"
        fi
        log "ready (pid $(pid_of "$PIDFILE")), log: $LOGFILE"
    fi
    write_service_env stripe-mock \
        "STRIPE_API_BASE=$STRIPE_API_BASE" \
        "STRIPE_SECRET_KEY=$STRIPE_SECRET_KEY" \
        "STRIPE_PUBLISHABLE_KEY=pk_test_123" \
        "STRIPE_WEBHOOK_SECRET=whsec_test_banua"
}

case "${1:-start}" in
    install) ensure_dirs && sm_install ;;
    start) cmd_start ;;
    stop)
        stop_pidfile "$PIDFILE" stripe-mock 15
        remove_service_env stripe-mock
        ;;
    status)
        if answers; then
            log "up at $STRIPE_API_BASE"
        else
            log "down"
            exit 1
        fi
        ;;
    *) die "usage: $0 [install|start|stop|status]" ;;
esac
