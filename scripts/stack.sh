#!/usr/bin/env bash
# The whole stack on loopback, the journeys through it, and the fault drills.
#
#   scripts/stack.sh [run]   start the services it needs (scripts/services/up.sh), then
#                            scripts/stack.py: gunicorn (2 workers, production settings),
#                            the task worker, the scheduler, [the HTTP cache], the shopper
#                            and artisan journeys in Chromium (scripts/stack_browser.py)
#                            and as plain HTTP, then the drills; prints the table
#                            fault / requests / errors / lost and exits non-zero when
#                            anything was lost
#
# Everything listens on 127.0.0.1 (gunicorn :8101, the Elasticsearch relay :8102;
# BANUA_STACK_PORT / BANUA_STACK_ES_PORT move them). Its database is `banua_stack`,
# recreated on each run; logs are in $BANUA_SERVICES_DIR/stack/. Bounded: ~60 requests
# or 25 s of traffic per drill (BANUA_STACK_TRAFFIC, BANUA_STACK_TRAFFIC_SECONDS).
set -euo pipefail

# shellcheck source=services/lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/services/lib.sh"
BANUA_LOG_TAG=stack

case "${1:-run}" in
    run)
        bash "$BANUA_SERVICES_SCRIPTS_DIR/up.sh" postgres redis elasticsearch s3 chromium
        # shellcheck disable=SC1091
        source "$BANUA_SERVICES_DIR/env"
        cd "$BANUA_REPO_ROOT"
        exec "${BANUA_PYTHON:-.venv/bin/python}" scripts/stack.py
        ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "usage: $0 [run]" ;;
esac
