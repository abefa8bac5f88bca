#!/usr/bin/env bash
# A real single-node Elasticsearch for the test suite.
#
#   elasticsearch.sh [start]  download/unpack/build if needed, start the node on
#                             127.0.0.1:9200, wait for yellow health, run the
#                             feature self-check, print ELASTICSEARCH_URL
#   elasticsearch.sh install  only download, unpack, pick Java, build the module
#   elasticsearch.sh check    only the feature self-check (node must be up)
#   elasticsearch.sh stop     stop the node started from this checkout
#   elasticsearch.sh status   exit 0 when the node answers
#
# Distribution: the Elasticsearch "integ-test-zip" from the Maven repository (the only
# Elasticsearch build the reachable registries publish; 8.19.21 is its newest
# version), verified against the published .sha1. That zip contains only the
# server and x-pack core/security: the analysis-common, mapper-extras,
# rest-root, reindex and lang-painless modules are NOT in it. To give the tests
# the analysis components they need, this script compiles a small module,
# `banua-compat` (Java source in es-compat/BanuaCompatPlugin.java), against the jars of the
# distribution. It registers, with Elasticsearch's documented names and
# settings and using Lucene's own classes (lucene-analysis-common is part of
# the server), these components:
#   analyzers    indonesian, english
#   tokenizers   keyword, whitespace, letter, lowercase, classic, uax_url_email,
#                pattern, ngram, edge_ngram
#   filters      asciifolding, stemmer (indonesian, english/porter, porter2,
#                light_english/kstem, minimal_english, possessive_english),
#                snowball, keyword_marker, synonym, synonym_graph, edge_ngram,
#                ngram, uppercase, decimal_digit, trim, reverse, porter_stem,
#                kstem, length, truncate, unique, pattern_replace, elision
#   char filters html_strip, mapping, pattern_replace
#   REST         GET / and HEAD / (client info() and ping())
# Still unavailable on this node: search_as_you_type (and the other
# mapper-extras field types), _update_by_query/_delete_by_query/_reindex,
# painless scripts, ingest pipelines. The server itself provides the
# standard/simple/whitespace/stop/keyword analyzers, the standard tokenizer,
# lowercase/stop/shingle filters and the completion field.
#
# Layout: distribution + module in $BANUA_CACHE_DIR; config, data, logs, pid in
# $BANUA_SERVICES_DIR/elasticsearch. Elasticsearch refuses to run as root, so
# as root the node runs as the system user `banua-es` (created if missing);
# when that user cannot reach those directories (e.g. they are under /root),
# a copy of the distribution and the node directory live under
# /var/lib/banua-es instead, with a symlink from the state directory.
#
# Environment: BANUA_ES_HEAP (default 512m), BANUA_ES_JAVA_HOME (JDK to use),
# BANUA_ES_START_TIMEOUT (seconds, default 180).
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BANUA_LOG_TAG=elasticsearch

ES_VERSION=8.19.21
ES_ZIP_URL="https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
ES_HOST=127.0.0.1
ES_PORT=9200
ELASTICSEARCH_URL="http://$ES_HOST:$ES_PORT"
ES_HEAP=${BANUA_ES_HEAP:-512m}
ES_START_TIMEOUT=${BANUA_ES_START_TIMEOUT:-180}
ES_USER=banua-es
ES_ALT_BASE=/var/lib/banua-es
MODULE_NAME=banua-compat

ES_ZIP=$BANUA_CACHE_DIR/downloads/elasticsearch-$ES_VERSION.zip
DIST_DIR=$BANUA_CACHE_DIR/elasticsearch-$ES_VERSION

# ------------------------------------------------------------------ java ----

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ { print $2; exit }'
}

# Prints a JAVA_HOME with java and javac whose major version Elasticsearch
# 8.19 runs on (17..25; Debian's OpenJDK 17 is preferred: tested, and
# installable from the Debian archive on a fresh machine).
find_jdk() {
    local home major arch
    arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
    for home in "${BANUA_ES_JAVA_HOME:-}" "/usr/lib/jvm/java-17-openjdk-$arch" "/usr/lib/jvm/java-21-openjdk-$arch" \
        /usr/lib/jvm/temurin-17* /usr/lib/jvm/temurin-21* /usr/lib/jvm/temurin-25*; do
        [[ -n "$home" && -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
        major=$(java_major "$home")
        if [[ "$major" =~ ^[0-9]+$ ]] && ((major >= 17 && major <= 25)); then
            printf '%s\n' "$home"
            return 0
        fi
    done
    return 1
}

ensure_jdk() {
    local home
    if home=$(find_jdk); then
        printf '%s\n' "$home"
        return 0
    fi
    apt_install openjdk-17-jdk-headless
    home=$(find_jdk) || die "no usable JDK (17..25 with javac) found, even after installing openjdk-17-jdk-headless"
    printf '%s\n' "$home"
}

# ---------------------------------------------------------- distribution ----

ensure_dist() {
    local tmp
    download_verified "$ES_ZIP_URL" "$ES_ZIP" sha1
    if [[ -f "$DIST_DIR/.banua-unpacked" ]]; then
        return 0
    fi
    log "unpacking $(basename "$ES_ZIP") into $BANUA_CACHE_DIR"
    rm -rf "$DIST_DIR"
    tmp=$(mktemp -d "$BANUA_CACHE_DIR/unpack.XXXXXX")
    unzip -q "$ES_ZIP" -d "$tmp" || { rm -rf "$tmp"; die "unzip of $ES_ZIP failed"; }
    [[ -f "$tmp/elasticsearch-$ES_VERSION/lib/elasticsearch-$ES_VERSION.jar" ]] \
        || { rm -rf "$tmp"; die "unexpected layout in $ES_ZIP"; }
    mv "$tmp/elasticsearch-$ES_VERSION" "$DIST_DIR"
    rm -rf "$tmp"
    chmod -R a+rX "$DIST_DIR"
    touch "$DIST_DIR/.banua-unpacked"
}

module_hash() {
    { printf '%s\n' "$ES_VERSION"; plugin_java_source; } | sha256sum | cut -c1-16
}

# Compiles the banua-compat module (cached per source hash) and installs it
# into the distribution's modules/ directory.
ensure_module() {
    local jdk=$1 hash build
    hash=$(module_hash)
    if [[ "$(cat "$DIST_DIR/modules/$MODULE_NAME/.hash" 2>/dev/null || true)" == "$hash" ]]; then
        return 0
    fi
    build=$BANUA_CACHE_DIR/es-$MODULE_NAME/$hash
    if [[ ! -s "$build/$MODULE_NAME.jar" ]]; then
        log "compiling the $MODULE_NAME module with $jdk"
        rm -rf "$build"
        mkdir -p "$build/src/banua/es" "$build/classes"
        plugin_java_source >"$build/src/banua/es/BanuaCompatPlugin.java"
        if ! "$jdk/bin/javac" --release 17 -nowarn -encoding UTF-8 -cp "$DIST_DIR/lib/*" -d "$build/classes" \
            "$build/src/banua/es/BanuaCompatPlugin.java" >"$build/javac.log" 2>&1; then
            show_log_tail "$build/javac.log"
            die "compiling the $MODULE_NAME module failed"
        fi
        "$jdk/bin/jar" cf "$build/$MODULE_NAME.jar.tmp" -C "$build/classes" . || die "jar failed"
        mv "$build/$MODULE_NAME.jar.tmp" "$build/$MODULE_NAME.jar"
    fi
    rm -rf "$DIST_DIR/modules/$MODULE_NAME"
    mkdir -p "$DIST_DIR/modules/$MODULE_NAME"
    cp "$build/$MODULE_NAME.jar" "$DIST_DIR/modules/$MODULE_NAME/"
    cat >"$DIST_DIR/modules/$MODULE_NAME/plugin-descriptor.properties" <<EOF
description=Banua test node: analysis components and root endpoint missing from the integ-test-zip
version=$ES_VERSION
name=$MODULE_NAME
classname=banua.es.BanuaCompatPlugin
java.version=17
elasticsearch.version=$ES_VERSION
EOF
    printf '%s\n' "$hash" >"$DIST_DIR/modules/$MODULE_NAME/.hash"
    chmod -R a+rX "$DIST_DIR/modules/$MODULE_NAME"
}

es_install() {
    local jdk
    ensure_dirs
    command -v unzip >/dev/null 2>&1 || apt_install unzip
    command -v curl >/dev/null 2>&1 || apt_install curl
    jdk=$(ensure_jdk)
    ensure_dist
    ensure_module "$jdk"
    printf '%s\n' "$jdk"
}

# ------------------------------------------------------------ node layout ----

run_as_es() {
    if is_root; then
        runuser -u "$ES_USER" -- "$@"
    else
        "$@"
    fi
}

ensure_es_user() {
    is_root || return 0
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        log "creating system user $ES_USER"
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$ES_USER" || die "useradd $ES_USER failed"
    fi
}

# Sets ES_HOME and NODE_DIR, reachable by the user the node runs as.
resolve_layout() {
    local key
    ES_HOME=$DIST_DIR
    NODE_DIR=$BANUA_SERVICES_DIR/elasticsearch
    is_root || return 0
    if ! runuser -u "$ES_USER" -- test -r "$DIST_DIR/lib/elasticsearch-$ES_VERSION.jar" 2>/dev/null; then
        ES_HOME=$ES_ALT_BASE/elasticsearch-$ES_VERSION
        if [[ "$(cat "$ES_HOME/modules/$MODULE_NAME/.hash" 2>/dev/null || true)" != "$(module_hash)" ]]; then
            log "copying the distribution to $ES_HOME (the cache is not readable by $ES_USER)"
            mkdir -p "$ES_ALT_BASE"
            rm -rf "$ES_HOME.tmp" "$ES_HOME"
            cp -a "$DIST_DIR" "$ES_HOME.tmp"
            mv "$ES_HOME.tmp" "$ES_HOME"
        fi
    fi
    if [[ -L "$NODE_DIR" ]] || ! runuser -u "$ES_USER" -- test -x "$BANUA_SERVICES_DIR" 2>/dev/null; then
        key=$(printf '%s' "$BANUA_SERVICES_DIR" | sha256sum | cut -c1-12)
        mkdir -p "$ES_ALT_BASE/node-$key"
        if [[ ! -L "$NODE_DIR" ]]; then
            rm -rf "$NODE_DIR"
            ln -s "$ES_ALT_BASE/node-$key" "$NODE_DIR"
        fi
        NODE_DIR=$ES_ALT_BASE/node-$key
    fi
}

write_config() {
    local conf=$NODE_DIR/config
    mkdir -p "$conf" "$NODE_DIR/data" "$NODE_DIR/logs" "$NODE_DIR/tmp"
    cp "$ES_HOME/config/jvm.options" "$ES_HOME/config/log4j2.properties" "$conf/"
    mkdir -p "$conf/jvm.options.d"
    cat >"$conf/elasticsearch.yml.tmp" <<EOF
# Generated by scripts/services/elasticsearch.sh; edits are overwritten.
cluster.name: banua-test
node.name: banua-es
path.data: $NODE_DIR/data
path.logs: $NODE_DIR/logs
network.host: $ES_HOST
http.port: $ES_PORT
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
    mv "$conf/elasticsearch.yml.tmp" "$conf/elasticsearch.yml"
    if is_root; then
        chown -R "$ES_USER:$ES_USER" "$NODE_DIR"
    fi
}

# ------------------------------------------------------------------ start ----

health_ok() {
    curl -fsS --max-time 10 -o /dev/null "$ELASTICSEARCH_URL/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null
}

cmd_start() {
    local jdk pidfile deadline
    ensure_dirs
    ensure_es_user
    pidfile=$BANUA_SERVICES_DIR/elasticsearch/es.pid
    if pid_alive "$pidfile"; then
        deadline=$((SECONDS + ES_START_TIMEOUT))
        until health_ok; do
            if ! pid_alive "$pidfile" || ((SECONDS >= deadline)); then
                die "Elasticsearch (pid $(pid_of "$pidfile")) is running but not healthy; see $BANUA_SERVICES_DIR/elasticsearch/logs or run: $0 stop"
            fi
            sleep 1
        done
        log "already running (pid $(pid_of "$pidfile")) at $ELASTICSEARCH_URL"
    elif port_open "$ES_HOST" "$ES_PORT"; then
        if health_ok; then
            warn "a node not started from this checkout already answers at $ELASTICSEARCH_URL; using it"
        else
            die "port $ES_PORT is taken by something that is not a healthy Elasticsearch node"
        fi
    else
        jdk=$(es_install)
        resolve_layout
        write_config
        pidfile=$NODE_DIR/es.pid
        rm -f "$pidfile"
        log "starting Elasticsearch $ES_VERSION (java $(java_major "$jdk") at $jdk, heap $ES_HEAP) on $ELASTICSEARCH_URL"
        # -d: the launcher returns once the node has started (or failed).
        if ! (cd "$NODE_DIR/logs" && run_as_es env -i \
            PATH=/usr/local/bin:/usr/bin:/bin \
            HOME="$NODE_DIR" \
            LANG=C.UTF-8 \
            ES_JAVA_HOME="$jdk" \
            ES_PATH_CONF="$NODE_DIR/config" \
            ES_TMPDIR="$NODE_DIR/tmp" \
            ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
            "$ES_HOME/bin/elasticsearch" -d -p "$pidfile") </dev/null >"$NODE_DIR/logs/launcher.log" 2>&1; then
            show_log_tail "$NODE_DIR/logs/launcher.log"
            show_log_tail "$NODE_DIR/logs/banua-test.log"
            die "Elasticsearch failed to start (logs in $NODE_DIR/logs)"
        fi
        deadline=$((SECONDS + ES_START_TIMEOUT))
        until health_ok; do
            if ! pid_alive "$pidfile" || ((SECONDS >= deadline)); then
                show_log_tail "$NODE_DIR/logs/banua-test.log"
                die "Elasticsearch did not reach yellow health within ${ES_START_TIMEOUT}s"
            fi
            sleep 1
        done
        log "ready (pid $(pid_of "$pidfile")), logs: $NODE_DIR/logs"
    fi
    es_check
    write_service_env elasticsearch "ELASTICSEARCH_URL=$ELASTICSEARCH_URL"
}

cmd_stop() {
    stop_pidfile "$BANUA_SERVICES_DIR/elasticsearch/es.pid" Elasticsearch 90
    remove_service_env elasticsearch
}

# ------------------------------------------------------------- self-check ----

CHECK_FAILED=0

# check_result NAME REQUIRED(yes|no) OK(0|1) DETAIL
check_result() {
    if [[ "$3" == 1 ]]; then
        log "  ok       $1"
    elif [[ "$2" == yes ]]; then
        log "  MISSING  $1 ($4)"
        CHECK_FAILED=1
    else
        log "  n/a      $1 (not available on this node: $4)"
    fi
}

# es_req METHOD PATH [JSON] : prints the body, never fails.
es_req() {
    local method=$1 path=$2 body=${3:-}
    if [[ -n "$body" ]]; then
        curl -sS --max-time 30 -X "$method" -H 'Content-Type: application/json' "$ELASTICSEARCH_URL$path" -d "$body" 2>&1 || true
    else
        curl -sS --max-time 30 -X "$method" "$ELASTICSEARCH_URL$path" 2>&1 || true
    fi
}

first_reason() {
    grep -o '"reason":"[^"]*"' <<<"$1" | head -n 1 | cut -d'"' -f4 | cut -c1-160
}

# check_analyze NAME REQUIRED BODY EXPECTED_TOKEN...
check_analyze() {
    local name=$1 required=$2 body=$3 out tok ok=1
    shift 3
    out=$(es_req POST /_analyze "$body")
    for tok in "$@"; do
        [[ "$out" == *"\"token\":\"$tok\""* ]] || ok=0
    done
    check_result "$name" "$required" "$ok" "$(first_reason "$out")"
}

# The node's own smoke test at start-up; tests/search/test_es_compat.py checks, in the
# suite, that the module registers exactly the components the indexes use.
es_check() {
    local idx=banua-selfcheck out ok
    CHECK_FAILED=0
    log "feature self-check:"
    out=$(es_req GET /)
    [[ "$out" == *'"number":"'* && "$out" == *'You Know, for Search'* ]] && ok=1 || ok=0
    check_result "GET / (client info/ping)" yes "$ok" "$(first_reason "$out")"
    check_analyze "filter stemmer language=indonesian" yes \
        '{"tokenizer":"standard","filter":["lowercase",{"type":"stemmer","language":"indonesian"}],"text":"pembangunan"}' bangun
    check_analyze "filter keyword_marker" yes \
        '{"tokenizer":"standard","filter":["lowercase",{"type":"keyword_marker","keywords":["perekonomian"]},{"type":"stemmer","language":"indonesian"}],"text":"perekonomian membangun"}' perekonomian bangun
    check_analyze "filter synonym_graph" yes \
        '{"tokenizer":"standard","filter":["lowercase",{"type":"synonym_graph","synonyms":["bjm, banjarmasin"]}],"text":"BJM"}' bjm banjarmasin
    check_analyze "filter asciifolding" yes \
        '{"tokenizer":"standard","filter":["lowercase","asciifolding"],"text":"Café"}' cafe
    check_analyze "filter edge_ngram" yes \
        '{"tokenizer":"standard","filter":["lowercase",{"type":"edge_ngram","min_gram":2,"max_gram":4}],"text":"Kota"}' ko kot kota
    check_analyze "tokenizer edge_ngram" yes \
        '{"tokenizer":{"type":"edge_ngram","min_gram":2,"max_gram":3,"token_chars":["letter"]},"text":"Kota"}' Ko Kot
    check_analyze "filter ngram" yes \
        '{"tokenizer":"standard","filter":[{"type":"ngram","min_gram":2,"max_gram":3}],"text":"abc"}' ab abc bc

    es_req DELETE "/$idx" >/dev/null
    out=$(es_req PUT "/$idx" '{
      "settings": {"number_of_replicas": 0, "index": {"max_ngram_diff": 14}, "analysis": {
        "filter": {
          "id_stop": {"type": "stop", "stopwords": "_indonesian_"},
          "id_keywords": {"type": "keyword_marker", "keywords": ["perekonomian"]},
          "id_stemmer": {"type": "stemmer", "language": "indonesian"},
          "id_synonyms": {"type": "synonym_graph", "synonyms": ["bjm, banjarmasin"]},
          "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15}},
        "analyzer": {
          "id_index": {"type": "custom", "tokenizer": "standard",
                       "filter": ["lowercase", "asciifolding", "id_stop", "id_keywords", "id_stemmer"]},
          "id_search": {"type": "custom", "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "id_synonyms", "id_stop", "id_keywords", "id_stemmer"]},
          "edgengram_analyzer": {"type": "custom", "tokenizer": "standard",
                                 "filter": ["asciifolding", "lowercase", "edgengram"]}}}},
      "mappings": {"properties": {
        "title": {"type": "text", "analyzer": "id_index", "search_analyzer": "id_search",
                  "fields": {"edge": {"type": "text", "analyzer": "edgengram_analyzer", "search_analyzer": "standard"}}},
        "suggest": {"type": "completion"}}}}')
    [[ "$out" == *'"acknowledged":true'* ]] && ok=1 || ok=0
    check_result "index with custom Indonesian analyzers" yes "$ok" "$(first_reason "$out")"
    if [[ "$ok" == 1 ]]; then
        es_req PUT "/$idx/_doc/1?refresh=true" '{"title":"Perekonomian Banjarmasin membaik","suggest":["Banjarmasin","Banjarbaru"]}' >/dev/null
        out=$(es_req POST "/$idx/_search" '{"query":{"match":{"title":"bjm"}}}')
        [[ "$out" == *'"total":{"value":1'* ]] && ok=1 || ok=0
        check_result "search through synonym_graph search analyzer" yes "$ok" "$(first_reason "$out")"
        out=$(es_req POST "/$idx/_search" '{"query":{"match":{"title.edge":"banj"}}}')
        [[ "$out" == *'"total":{"value":1'* ]] && ok=1 || ok=0
        check_result "search on edge_ngram subfield" yes "$ok" "$(first_reason "$out")"
        out=$(es_req POST "/$idx/_search" '{"suggest":{"s":{"prefix":"banjarb","completion":{"field":"suggest"}}}}')
        [[ "$out" == *'"text":"Banjarbaru"'* ]] && ok=1 || ok=0
        check_result "completion field suggester" yes "$ok" "$(first_reason "$out")"
        out=$(es_req POST "/$idx/_update_by_query?refresh=true" '{"query":{"match_all":{}}}')
        [[ "$out" == *'"updated":1'* ]] && ok=1 || ok=0
        check_result "_update_by_query (reindex module)" no "$ok" "no handler for _update_by_query"
    fi
    es_req DELETE "/$idx" >/dev/null
    out=$(es_req PUT "/$idx" '{"mappings":{"properties":{"s":{"type":"search_as_you_type"}}}}')
    [[ "$out" == *'"acknowledged":true'* ]] && ok=1 || ok=0
    check_result "search_as_you_type field (mapper-extras module)" no "$ok" "mapper type does not exist"
    es_req DELETE "/$idx" >/dev/null
    out=$(es_req POST /_scripts/painless/_execute '{"script":{"source":"1 + 1"}}')
    [[ "$out" == *'"result":"2"'* ]] && ok=1 || ok=0
    check_result "painless scripts (lang-painless module)" no "$ok" "no painless"
    if [[ "$CHECK_FAILED" != 0 ]]; then
        die "Elasticsearch at $ELASTICSEARCH_URL lacks required features (see above)"
    fi
}

# ------------------------------------------------------------------- main ----

main() {
    case "${1:-start}" in
        install) es_install >/dev/null ;;
        start) cmd_start ;;
        check) es_check ;;
        stop) cmd_stop ;;
        status)
            if health_ok; then
                log "up at $ELASTICSEARCH_URL"
            else
                log "down"
                exit 1
            fi
            ;;
        *) die "usage: $0 [install|start|check|stop|status]" ;;
    esac
}

# Source of the banua-compat module (see the header of this file).
plugin_java_source() {
    cat "$(dirname "${BASH_SOURCE[0]}")/es-compat/BanuaCompatPlugin.java"
}

main "$@"
