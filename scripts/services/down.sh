#!/usr/bin/env bash
# Stop what scripts/services/up.sh started and update $BANUA_SERVICES_DIR/env.
#
#   scripts/services/down.sh                 Elasticsearch, stripe-mock, Redis, S3, Varnish
#   scripts/services/down.sh postgres        also (or only) PostgreSQL
#   scripts/services/down.sh all             everything
#
# PostgreSQL is left running by default: as root it is the machine's Debian
# cluster (shared, cheap when idle, and restarting it is slower than keeping
# it); name `postgres` (or `all`) to stop it. Chromium has no daemon.
# Data stays in $BANUA_SERVICES_DIR; delete that directory for a clean slate.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=down

main() {
    local arg s rc=0 selected=()
    for arg in "$@"; do
        case "$arg" in
            -h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
            postgres | postgresql | pg) selected+=(postgres) ;;
            elasticsearch | es) selected+=(elasticsearch) ;;
            stripe-mock | stripe | stripemock) selected+=(stripe-mock) ;;
            chromium | chrome | chromedriver) selected+=(chromium) ;;
            redis) selected+=(redis) ;;
            s3 | moto) selected+=(s3) ;;
            varnish | http-cache | cache) selected+=(varnish) ;;
            all) selected+=(varnish stripe-mock elasticsearch s3 redis postgres chromium) ;;
            *) die "unknown service '$arg' (known: postgres redis elasticsearch stripe-mock s3 chromium varnish all)" ;;
        esac
    done
    [[ ${#selected[@]} -gt 0 ]] || selected=(varnish stripe-mock elasticsearch s3 redis)
    ensure_dirs
    for s in "${selected[@]}"; do
        bash "$BANUA_SERVICES_SCRIPTS_DIR/$s.sh" stop || rc=1
    done
    assemble_env_file
    return "$rc"
}

main "$@"
