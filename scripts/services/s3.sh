#!/usr/bin/env bash
# An S3-compatible server for media uploads in tests and CI: moto's server mode
# (`moto[server]` from PyPI, pinned, in its own virtualenv under $BANUA_CACHE_DIR).
#
#   s3.sh [start]   install if needed, run it on 127.0.0.1:$S3_PORT (default 9020),
#                   create the bucket, print the AWS_* exports
#   s3.sh install   only install it
#   s3.sh stop      stop the server this script started (its buckets are in memory)
#   s3.sh status    exit 0 when it answers
#
# moto keeps objects in memory, which suits tests: a restart is a clean bucket.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=s3

MOTO_VERSION=5.2.5
S3_HOST=127.0.0.1
S3_PORT=${S3_PORT:-9020}
S3_URL="http://$S3_HOST:$S3_PORT"
S3_BUCKET=banua-media
S3_REGION=us-east-1
S3_KEY=banua-test-key
S3_SECRET=banua-test-secret

VENV=$BANUA_CACHE_DIR/moto/$MOTO_VERSION
BIN=$VENV/bin/moto_server
PIDFILE=$BANUA_SERVICES_DIR/run/s3.pid
LOGFILE=$BANUA_SERVICES_DIR/logs/s3.log

find_python() {
    local candidate
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import venv, ensurepip' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

s3_install() {
    local py
    if [[ -x "$BIN" ]] && "$VENV/bin/python" -c 'import moto.server' 2>/dev/null; then
        return 0
    fi
    if ! py=$(find_python); then
        apt_install python3-venv
        py=$(find_python) || die "python3 with venv is required for moto"
    fi
    log "installing moto[server]==$MOTO_VERSION into $VENV"
    rm -rf "$VENV"
    "$py" -m venv "$VENV"
    if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" \
        >"$BANUA_SERVICES_DIR/logs/s3-install.log" 2>&1; then
        show_log_tail "$BANUA_SERVICES_DIR/logs/s3-install.log"
        rm -rf "$VENV"
        die "pip install moto[server]==$MOTO_VERSION failed"
    fi
}

answers() {
    curl -fsS --max-time 5 -o /dev/null "$S3_URL/moto-api/" 2>/dev/null
}

bucket_ensure() {
    # moto accepts any signature; an unsigned PUT creates the bucket (200 when it exists).
    curl -fsS --max-time 10 -o /dev/null -X PUT "$S3_URL/$S3_BUCKET" \
        || die "could not create bucket $S3_BUCKET at $S3_URL"
}

cmd_start() {
    ensure_dirs
    if pid_alive "$PIDFILE" && answers; then
        log "already running (pid $(pid_of "$PIDFILE")) at $S3_URL"
    elif answers; then
        warn "an S3 server not started from this checkout already answers at $S3_URL; using it"
    else
        s3_install
        port_open "$S3_HOST" "$S3_PORT" && die "port $S3_PORT is taken by another program"
        log "starting moto $MOTO_VERSION on $S3_HOST:$S3_PORT"
        rm -f "$PIDFILE"
        setsid "$BIN" -H "$S3_HOST" -p "$S3_PORT" </dev/null >>"$LOGFILE" 2>&1 &
        echo "$!" >"$PIDFILE"
        if ! wait_for_http "$S3_URL/moto-api/" 60 "$PIDFILE"; then
            show_log_tail "$LOGFILE"
            stop_pidfile "$PIDFILE" s3 10
            die "moto server did not come up"
        fi
        log "ready (pid $(pid_of "$PIDFILE")), log: $LOGFILE"
    fi
    bucket_ensure
    write_service_env s3 \
        "AWS_S3_ENDPOINT_URL=$S3_URL" \
        "AWS_ACCESS_KEY_ID=$S3_KEY" \
        "AWS_SECRET_ACCESS_KEY=$S3_SECRET" \
        "AWS_S3_REGION_NAME=$S3_REGION" \
        "AWS_STORAGE_BUCKET_NAME=$S3_BUCKET"
}

case "${1:-start}" in
    install) ensure_dirs && s3_install ;;
    start) cmd_start ;;
    stop)
        stop_pidfile "$PIDFILE" s3 15
        remove_service_env s3
        ;;
    status)
        if answers; then
            log "up at $S3_URL"
        else
            log "down"
            exit 1
        fi
        ;;
    *) die "usage: $0 [install|start|stop|status]" ;;
esac
