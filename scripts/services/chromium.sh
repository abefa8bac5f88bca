#!/usr/bin/env bash
# Headless Chromium + ChromeDriver for browser tests, from Debian's packages.
#
#   chromium.sh [start]   install if needed, print versions, smoke-test a
#                         headless page load, print BANUA_CHROMIUM/_CHROMEDRIVER
#   chromium.sh install   only install the packages
#   chromium.sh check     only the headless smoke test
#   chromium.sh stop      nothing to stop (no daemon); removes the env entry
#
# As root Chromium needs --no-sandbox; the flags below are the ones the tests
# use too (no network traffic of Chromium's own).
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=chromium

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
CHROMIUM_FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --disable-dev-shm-usage)

cr_install() {
    if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
        return 0
    fi
    apt_install chromium chromium-driver
    [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]] || die "chromium/chromedriver missing after install"
}

versions() {
    local cv dv
    # The Debian launcher script prints a harmless shell warning on some
    # machines; keep only the version line.
    cv=$("$CHROMIUM" --version 2>/dev/null | grep -m1 -i chromium || true)
    dv=$("$CHROMEDRIVER" --version 2>/dev/null | head -n 1 | cut -d' ' -f1-2)
    log "${cv:-chromium: unknown version}; ${dv:-chromedriver: unknown version}"
}

cr_check() {
    local profile out
    profile=$(mktemp -d "${TMPDIR:-/tmp}/banua-chromium.XXXXXX")
    out=$(timeout 90 "$CHROMIUM" "${CHROMIUM_FLAGS[@]}" --user-data-dir="$profile" \
        --dump-dom 'data:text/html,<title>banua</title><p>ok</p>' 2>/dev/null || true)
    rm -rf "$profile"
    if [[ "$out" != *"<p>ok</p>"* ]]; then
        die "headless chromium smoke test failed (no DOM dumped)"
    fi
    log "headless smoke test passed"
}

case "${1:-start}" in
    install) ensure_dirs && cr_install ;;
    check) cr_check ;;
    start)
        ensure_dirs
        cr_install
        versions
        cr_check
        write_service_env chromium "BANUA_CHROMIUM=$CHROMIUM" "BANUA_CHROMEDRIVER=$CHROMEDRIVER"
        ;;
    stop) remove_service_env chromium ;;
    status) [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]] && versions ;;
    *) die "usage: $0 [install|start|check|stop|status]" ;;
esac
