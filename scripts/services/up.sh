#!/usr/bin/env bash
# Install (if needed) and start the services the test suite needs, then write
# $BANUA_SERVICES_DIR/env (default <repo>/.services/env): `export NAME=value`
# lines for every running service. Idempotent: services already up are only
# reported, so a second run takes a few seconds.
#
#   scripts/services/up.sh                     all services
#   scripts/services/up.sh postgres elasticsearch
#   . .services/env                            then use the variables
#
# Services: postgres, redis, elasticsearch (alias es), stripe-mock (alias stripe),
# s3 (moto), chromium, varnish (alias http-cache). Order: the apt-based installs run
# first, then the starts. A
# service that cannot be started makes the script exit non-zero (after the
# others were tried). Stop with scripts/services/down.sh.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=up

ALL_SERVICES=(postgres redis chromium varnish elasticsearch stripe-mock s3)

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

normalize() {
    case "$1" in
        postgres | postgresql | pg) echo postgres ;;
        elasticsearch | es) echo elasticsearch ;;
        stripe-mock | stripe | stripemock) echo stripe-mock ;;
        chromium | chrome | chromedriver) echo chromium ;;
        redis) echo redis ;;
        s3 | moto) echo s3 ;;
        varnish | http-cache | cache) echo varnish ;;
        all) echo all ;;
        *) return 1 ;;
    esac
}

main() {
    local arg name s t0 total_start wanted=() selected=() failed=()
    declare -A want=() took=()
    for arg in "$@"; do
        case "$arg" in
            -h | --help) usage; exit 0 ;;
        esac
        name=$(normalize "$arg") || die "unknown service '$arg' (known: ${ALL_SERVICES[*]})"
        if [[ "$name" == all ]]; then
            wanted+=("${ALL_SERVICES[@]}")
        else
            wanted+=("$name")
        fi
    done
    [[ ${#wanted[@]} -gt 0 ]] || wanted=("${ALL_SERVICES[@]}")
    for s in "${wanted[@]}"; do want[$s]=1; done
    for s in "${ALL_SERVICES[@]}"; do
        [[ -n "${want[$s]:-}" ]] && selected+=("$s")
    done

    ensure_dirs
    total_start=$SECONDS
    log "services: ${selected[*]} (state: $BANUA_SERVICES_DIR, cache: $BANUA_CACHE_DIR)"

    # 1. installs (apt packages first: postgres, chromium; then downloads/builds)
    for s in "${selected[@]}"; do
        t0=$SECONDS
        if ! bash "$BANUA_SERVICES_SCRIPTS_DIR/$s.sh" install; then
            failed+=("$s (install)")
        fi
        took[$s]=$((SECONDS - t0))
    done

    # 2. starts
    for s in "${selected[@]}"; do
        [[ " ${failed[*]} " == *" $s (install) "* ]] && continue
        t0=$SECONDS
        if ! bash "$BANUA_SERVICES_SCRIPTS_DIR/$s.sh" start >/dev/null; then
            failed+=("$s")
            remove_service_env "$s"
        fi
        took[$s]=$((${took[$s]} + SECONDS - t0))
    done

    assemble_env_file

    log "summary ($((SECONDS - total_start))s):"
    for s in "${selected[@]}"; do
        if [[ " ${failed[*]} " == *" $s "* || " ${failed[*]} " == *" $s (install) "* ]]; then
            log "  FAILED  $s (${took[$s]}s)"
        else
            log "  up      $s (${took[$s]}s)"
        fi
    done
    log "env file: $BANUA_SERVICES_DIR/env"
    grep '^export ' "$BANUA_SERVICES_DIR/env" | sed 's/^/    /' >&2 || true
    if [[ ${#failed[@]} -gt 0 ]]; then
        die "could not start: ${failed[*]} (see the messages above and $BANUA_SERVICES_DIR/logs)"
    fi
}

main "$@"
