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
# `banua-compat` (Java source at the end of this file), against the jars of the
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

es_check() {
    local idx=banua-selfcheck out ok
    CHECK_FAILED=0
    log "feature self-check:"
    out=$(es_req GET /)
    [[ "$out" == *'"number":"'* && "$out" == *'You Know, for Search'* ]] && ok=1 || ok=0
    check_result "GET / (client info/ping)" yes "$ok" "$(first_reason "$out")"
    check_analyze "analyzer indonesian" yes \
        '{"analyzer":"indonesian","text":"Membangunkan perekonomian dan jembatan"}' bangun ekonomi jembat
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
    check_analyze "tokenizer lowercase" yes '{"tokenizer":"lowercase","text":"Kota-Baru"}' kota baru

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
    cat <<'JAVA'
package banua.es;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.classic.ClassicTokenizer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.env.Environment;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexService;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Banua test-node compatibility module.
 *
 * The Elasticsearch distribution available from the package registry (the
 * "integ-test-zip") ships only the server and x-pack core/security: it lacks
 * the analysis-common and rest-root modules. This module registers, under the
 * names and settings documented for Elasticsearch, the analysis components
 * the project uses, built from the Lucene classes already in the server, plus
 * the root endpoint (GET / and HEAD /) that clients use for info and ping.
 */
public class BanuaCompatPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    private final AtomicReference<ClusterService> clusterService = new AtomicReference<>();

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService.set(services.clusterService());
        return List.of();
    }

    // ------------------------------------------------------------ analyzers

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> m = new TreeMap<>();
        m.put("indonesian", (is, env, name, s) -> new FixedAnalyzerProvider<>(name, s,
            new IndonesianAnalyzer(Analysis.parseStopWords(env, s, IndonesianAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET))));
        m.put("english", (is, env, name, s) -> new FixedAnalyzerProvider<>(name, s,
            new EnglishAnalyzer(Analysis.parseStopWords(env, s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET),
                Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET))));
        return m;
    }

    static final class FixedAnalyzerProvider<T extends Analyzer> extends AbstractIndexAnalyzerProvider<T> {
        private final T analyzer;

        FixedAnalyzerProvider(String name, Settings settings, T analyzer) {
            super(name, settings);
            this.analyzer = analyzer;
        }

        @Override
        public T get() {
            return analyzer;
        }
    }

    // ----------------------------------------------------------- tokenizers

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> m = new TreeMap<>();
        m.put("keyword", (is, env, name, s) -> {
            int bufferSize = s.getAsInt("buffer_size", 256);
            return tokenizer(is, s, name, () -> new KeywordTokenizer(bufferSize));
        });
        m.put("whitespace", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return tokenizer(is, s, name, () -> new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, max));
        });
        m.put("letter", (is, env, name, s) -> tokenizer(is, s, name, LetterTokenizer::new));
        m.put("lowercase", (is, env, name, s) -> tokenizer(is, s, name, () -> new LowerCaseLetterTokenizer(255)));
        m.put("classic", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return tokenizer(is, s, name, () -> {
                ClassicTokenizer t = new ClassicTokenizer();
                t.setMaxTokenLength(max);
                return t;
            });
        });
        m.put("uax_url_email", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return tokenizer(is, s, name, () -> {
                UAX29URLEmailTokenizer t = new UAX29URLEmailTokenizer();
                t.setMaxTokenLength(max);
                return t;
            });
        });
        m.put("pattern", (is, env, name, s) -> {
            Pattern p = Regex.compile(s.get("pattern", "\\W+"), s.get("flags"));
            int group = s.getAsInt("group", -1);
            return tokenizer(is, s, name, () -> new PatternTokenizer(p, group));
        });
        m.put("ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            checkNgramDiff(is, min, max, "NGram Tokenizer");
            IntPredicate chars = tokenChars(s);
            return tokenizer(is, s, name, () -> chars == null ? new NGramTokenizer(min, max) : new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        });
        m.put("edge_ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            IntPredicate chars = tokenChars(s);
            return tokenizer(is, s, name, () -> chars == null ? new EdgeNGramTokenizer(min, max) : new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        });
        return m;
    }

    static TokenizerFactory tokenizer(IndexSettings is, Settings s, String name, Supplier<Tokenizer> supplier) {
        return new AbstractTokenizerFactory(is, s, name) {
            @Override
            public Tokenizer create() {
                return supplier.get();
            }
        };
    }

    static void checkNgramDiff(IndexSettings is, int min, int max, String what) {
        int allowed = is == null ? 1 : is.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in " + what
                + " must be less than or equal to: [" + allowed + "] but was [" + (max - min)
                + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                + "] index level setting.");
        }
    }

    /** token_chars / custom_token_chars of the ngram tokenizers; null means every character. */
    static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate p = c -> false;
        for (String cls : classes) {
            switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter" -> p = p.or(Character::isLetter);
                case "digit" -> p = p.or(Character::isDigit);
                case "whitespace" -> p = p.or(Character::isWhitespace);
                case "punctuation" -> p = p.or(c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                        Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                });
                case "symbol" -> p = p.or(c -> switch (Character.getType(c)) {
                    case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                        Character.OTHER_SYMBOL -> true;
                    default -> false;
                });
                case "custom" -> {
                    String custom = s.get("custom_token_chars");
                    if (custom == null || custom.isEmpty()) {
                        throw new IllegalArgumentException("Token type: [custom] requires setting `custom_token_chars`");
                    }
                    Set<Integer> cps = new HashSet<>();
                    custom.codePoints().forEach(cps::add);
                    p = p.or(cps::contains);
                }
                default -> throw new IllegalArgumentException("Unknown token type: '" + cls
                    + "', must be one of [symbol, letter, digit, whitespace, punctuation, custom]");
            }
        }
        return p;
    }

    /** Letter runs, lower-cased (the "lowercase" tokenizer). */
    static final class LowerCaseLetterTokenizer extends Tokenizer {
        private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
        private final int maxTokenLength;
        private String text = "";
        private int pos;

        LowerCaseLetterTokenizer(int maxTokenLength) {
            this.maxTokenLength = maxTokenLength;
        }

        @Override
        public boolean incrementToken() {
            clearAttributes();
            int len = text.length();
            while (pos < len && !Character.isLetter(text.codePointAt(pos))) {
                pos += Character.charCount(text.codePointAt(pos));
            }
            if (pos >= len) {
                return false;
            }
            int start = pos;
            int count = 0;
            StringBuilder sb = new StringBuilder();
            while (pos < len && count < maxTokenLength) {
                int cp = text.codePointAt(pos);
                if (!Character.isLetter(cp)) {
                    break;
                }
                sb.appendCodePoint(Character.toLowerCase(cp));
                pos += Character.charCount(cp);
                count++;
            }
            termAtt.setEmpty().append(sb);
            offsetAtt.setOffset(correctOffset(start), correctOffset(pos));
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[1024];
            int n;
            while ((n = input.read(buf)) != -1) {
                sb.append(buf, 0, n);
            }
            text = sb.toString();
            pos = 0;
        }

        @Override
        public void end() throws IOException {
            super.end();
            int finalOffset = correctOffset(text.length());
            offsetAtt.setOffset(finalOffset, finalOffset);
        }

        @Override
        public void close() throws IOException {
            super.close();
            text = "";
        }
    }

    // -------------------------------------------------------- token filters

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> m = new TreeMap<>();
        m.put("asciifolding", (is, env, name, s) -> new AsciiFoldingFactory(name, s));
        m.put("uppercase", (is, env, name, s) -> normalizing(name, s, UpperCaseFilter::new));
        m.put("decimal_digit", (is, env, name, s) -> normalizing(name, s, DecimalDigitFilter::new));
        m.put("trim", (is, env, name, s) -> normalizing(name, s, TrimFilter::new));
        m.put("reverse", (is, env, name, s) -> filter(name, s, ReverseStringFilter::new));
        m.put("porter_stem", (is, env, name, s) -> filter(name, s, PorterStemFilter::new));
        m.put("kstem", (is, env, name, s) -> filter(name, s, KStemFilter::new));
        m.put("length", (is, env, name, s) -> {
            int min = s.getAsInt("min", 0);
            int max = s.getAsInt("max", Integer.MAX_VALUE);
            return filter(name, s, ts -> new LengthFilter(ts, min, max));
        });
        m.put("truncate", (is, env, name, s) -> {
            int length = s.getAsInt("length", 10);
            if (length <= 0) {
                throw new IllegalArgumentException("length parameter must be provided");
            }
            return filter(name, s, ts -> new TruncateTokenFilter(ts, length));
        });
        m.put("unique", (is, env, name, s) -> {
            boolean samePos = s.getAsBoolean("only_on_same_position", false);
            return filter(name, s, ts -> samePos ? new RemoveDuplicatesTokenFilter(ts) : new UniqueTokenFilter(ts));
        });
        m.put("pattern_replace", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> {
            String pattern = s.get("pattern");
            if (pattern == null) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] token filter of type 'pattern_replace'");
            }
            Pattern p = Regex.compile(pattern, s.get("flags"));
            String replacement = s.get("replacement", "");
            boolean all = s.getAsBoolean("all", true);
            return filter(name, s, ts -> new PatternReplaceFilter(ts, p, replacement, all));
        }));
        m.put("elision", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> {
            CharArraySet articles = Analysis.parseArticles(env, s);
            if (articles == null) {
                throw new IllegalArgumentException("elision filter requires [articles] or [articles_path] setting");
            }
            return normalizing(name, s, ts -> new ElisionFilter(ts, articles));
        }));
        m.put("edge_ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return new NoSynonymsFactory(name, s, ts -> new EdgeNGramTokenFilter(ts, min, max, preserve));
        });
        m.put("ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            checkNgramDiff(is, min, max, "NGram Tokenizer");
            return new NoSynonymsFactory(name, s, ts -> new NGramTokenFilter(ts, min, max, preserve));
        });
        m.put("stemmer", (is, env, name, s) -> {
            String language = s.get("language", s.get("name", "porter"));
            return filter(name, s, stemmer(language));
        });
        m.put("snowball", (is, env, name, s) -> {
            String language = s.get("language", "English");
            return filter(name, s, ts -> new SnowballFilter(ts, language));
        });
        m.put("keyword_marker", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> keywordMarker(env, name, s)));
        m.put("synonym", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new SynonymFactory(env, name, s, false)));
        m.put("synonym_graph", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new SynonymFactory(env, name, s, true)));
        return m;
    }

    static TokenFilterFactory filter(String name, Settings s, UnaryOperator<TokenStream> fn) {
        return new AbstractTokenFilterFactory(name, s) {
            @Override
            public TokenStream create(TokenStream ts) {
                return fn.apply(ts);
            }
        };
    }

    static final class NormalizingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final UnaryOperator<TokenStream> fn;

        NormalizingFactory(String name, Settings s, UnaryOperator<TokenStream> fn) {
            super(name, s);
            this.fn = fn;
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return fn.apply(ts);
        }
    }

    static TokenFilterFactory normalizing(String name, Settings s, UnaryOperator<TokenStream> fn) {
        return new NormalizingFactory(name, s, fn);
    }

    /** Filters that must not take part in parsing synonym rules (ngram filters). */
    static final class NoSynonymsFactory extends AbstractTokenFilterFactory {
        private final UnaryOperator<TokenStream> fn;

        NoSynonymsFactory(String name, Settings s, UnaryOperator<TokenStream> fn) {
            super(name, s);
            this.fn = fn;
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return fn.apply(ts);
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
        }
    }

    static final class AsciiFoldingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFoldingFactory(String name, Settings s) {
            super(name, s);
            preserveOriginal = s.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return new ASCIIFoldingFilter(ts, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream ts) {
            return new ASCIIFoldingFilter(ts, false);
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            return preserveOriginal ? IDENTITY_FILTER : this;
        }
    }

    static UnaryOperator<TokenStream> stemmer(String language) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "indonesian" -> IndonesianStemFilter::new;
            case "english", "porter" -> PorterStemFilter::new;
            case "porter2" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.EnglishStemmer());
            case "light_english", "kstem" -> KStemFilter::new;
            case "minimal_english" -> EnglishMinimalStemFilter::new;
            case "possessive_english" -> EnglishPossessiveFilter::new;
            default -> throw new IllegalArgumentException("stemmer language [" + language + "] is not available on this"
                + " test node (available: indonesian, english, porter, porter2, light_english, kstem, minimal_english,"
                + " possessive_english)");
        };
    }

    static TokenFilterFactory keywordMarker(Environment env, String name, Settings s) {
        boolean ignoreCase = s.getAsBoolean("ignore_case", false);
        String patternString = s.get("keywords_pattern");
        if (patternString != null) {
            if (s.getAsList("keywords", null) != null || s.get("keywords_path") != null) {
                throw new IllegalArgumentException("cannot specify both `keywords_pattern` and `keywords` or `keywords_path`");
            }
            Pattern pattern = Pattern.compile(patternString);
            return filter(name, s, ts -> new PatternKeywordMarkerFilter(ts, pattern));
        }
        CharArraySet words = Analysis.getWordSet(env, s, "keywords");
        if (words == null) {
            throw new IllegalArgumentException(
                "keyword filter requires either `keywords`, `keywords_path`, or `keywords_pattern` to be configured");
        }
        CharArraySet lookup = new CharArraySet(words, ignoreCase);
        return filter(name, s, ts -> new SetKeywordMarkerFilter(ts, lookup));
    }

    /** Removes every token whose term was already seen in the stream. */
    static final class UniqueTokenFilter extends TokenFilter {
        private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);
        private final CharArraySet seen = new CharArraySet(8, false);

        UniqueTokenFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            int skippedIncrement = 0;
            while (input.incrementToken()) {
                char[] buffer = termAtt.buffer();
                int length = termAtt.length();
                if (seen.contains(buffer, 0, length)) {
                    skippedIncrement += posIncAtt.getPositionIncrement();
                    continue;
                }
                char[] copy = new char[length];
                System.arraycopy(buffer, 0, copy, 0, length);
                seen.add(copy);
                if (skippedIncrement > 0) {
                    posIncAtt.setPositionIncrement(posIncAtt.getPositionIncrement() + skippedIncrement);
                }
                return true;
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            seen.clear();
        }
    }

    /** synonym and synonym_graph, with inline rules or a file under the config directory. */
    static final class SynonymFactory extends AbstractTokenFilterFactory {
        private final Environment env;
        private final Settings settings;
        private final boolean graph;
        private final boolean expand;
        private final boolean lenient;
        private final String format;
        private final AnalysisMode mode;

        SynonymFactory(Environment env, String name, Settings s, boolean graph) {
            super(name, s);
            this.env = env;
            this.settings = s;
            this.graph = graph;
            this.expand = s.getAsBoolean("expand", true);
            this.lenient = s.getAsBoolean("lenient", false);
            this.format = s.get("format", "");
            this.mode = s.getAsBoolean("updateable", false) ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
            if (s.get("synonyms_set") != null) {
                throw new IllegalArgumentException("[synonyms_set] is not supported on this test node; use [synonyms] or [synonyms_path]");
            }
            if (s.getAsList("synonyms", null) == null && s.get("synonyms_path") == null) {
                throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured");
            }
        }

        @Override
        public TokenStream create(TokenStream ts) {
            throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
        }

        @Override
        public AnalysisMode getAnalysisMode() {
            return mode;
        }

        private Reader rules() {
            List<String> inline = settings.getAsList("synonyms", null);
            if (inline != null) {
                return new StringReader(String.join("\n", inline));
            }
            return Analysis.getReaderFromFile(env, settings.get("synonyms_path"), "synonyms_path");
        }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(
            IndexService.IndexCreationContext context,
            TokenizerFactory tokenizer,
            List<CharFilterFactory> charFilters,
            List<TokenFilterFactory> previousTokenFilters,
            Function<String, TokenFilterFactory> allFilters
        ) {
            Analyzer analyzer = new CustomAnalyzer(
                tokenizer,
                charFilters.toArray(new CharFilterFactory[0]),
                previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
            );
            SynonymMap map;
            try (Reader reader = rules()) {
                SynonymMap.Parser parser = "wordnet".equalsIgnoreCase(format)
                    ? new LenientWordnetParser(expand, lenient, analyzer)
                    : new LenientSolrParser(expand, lenient, analyzer);
                parser.parse(reader);
                map = parser.build();
            } catch (Exception e) {
                throw new IllegalArgumentException("failed to build synonyms", e);
            }
            String filterName = name();
            boolean useGraph = graph;
            AnalysisMode analysisMode = mode;
            return new TokenFilterFactory() {
                @Override
                public String name() {
                    return filterName;
                }

                @Override
                public TokenStream create(TokenStream ts) {
                    if (map.fst == null) {
                        return ts;
                    }
                    return useGraph ? new SynonymGraphFilter(ts, map, false) : new SynonymFilter(ts, map, false);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    return IDENTITY_FILTER;
                }

                @Override
                public AnalysisMode getAnalysisMode() {
                    return analysisMode;
                }
            };
        }
    }

    static final class LenientSolrParser extends SolrSynonymParser {
        private final boolean lenient;

        LenientSolrParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient && (input.length == 0 || output.length == 0)) {
                return;
            }
            super.add(input, output, includeOrig);
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient == false) {
                    throw e;
                }
                reuse.clear();
                return reuse.get();
            }
        }
    }

    static final class LenientWordnetParser extends WordnetSynonymParser {
        private final boolean lenient;

        LenientWordnetParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient && (input.length == 0 || output.length == 0)) {
                return;
            }
            super.add(input, output, includeOrig);
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient == false) {
                    throw e;
                }
                reuse.clear();
                return reuse.get();
            }
        }
    }

    // --------------------------------------------------------- char filters

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> m = new TreeMap<>();
        m.put("html_strip", (is, env, name, s) -> {
            List<String> escaped = s.getAsList("escaped_tags");
            Set<String> tags = escaped.isEmpty() ? null : Set.copyOf(escaped);
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return new HTMLStripCharFilter(reader, tags);
                }
            };
        });
        m.put("mapping", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> {
            List<String> rules = Analysis.getWordList(env, s, "mappings");
            if (rules == null) {
                throw new IllegalArgumentException("mapping requires either `mappings` or `mappings_path` to be configured");
            }
            NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
            for (String rule : rules) {
                Matcher matcher = MAPPING_RULE.matcher(rule);
                if (matcher.find() == false) {
                    throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]");
                }
                String lhs = unescape(matcher.group(1).trim());
                String rhs = unescape(matcher.group(2).trim());
                if (lhs.isEmpty()) {
                    throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]. Illegal mapping.");
                }
                builder.add(lhs, rhs);
            }
            NormalizeCharMap map = builder.build();
            return normalizingCharFilter(name, reader -> new MappingCharFilter(map, reader));
        }));
        m.put("pattern_replace", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> {
            String pattern = s.get("pattern");
            if (pattern == null || pattern.isEmpty()) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] char filter of type 'pattern_replace'");
            }
            Pattern p = Regex.compile(pattern, s.get("flags"));
            String replacement = s.get("replacement", "");
            return normalizingCharFilter(name, reader -> new PatternReplaceCharFilter(p, replacement, reader));
        }));
        return m;
    }

    static final Pattern MAPPING_RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");

    static final class NormalizingCharFilter extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
        private final UnaryOperator<Reader> fn;

        NormalizingCharFilter(String name, UnaryOperator<Reader> fn) {
            super(name);
            this.fn = fn;
        }

        @Override
        public Reader create(Reader reader) {
            return fn.apply(reader);
        }
    }

    static CharFilterFactory normalizingCharFilter(String name, UnaryOperator<Reader> fn) {
        return new NormalizingCharFilter(name, fn);
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 >= s.length()) {
                            throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                        }
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------ GET / and HEAD /

    @Override
    public Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new RootHandler(clusterService::get));
    }

    static final class RootHandler extends BaseRestHandler {
        private final Supplier<ClusterService> clusterService;

        RootHandler(Supplier<ClusterService> clusterService) {
            this.clusterService = clusterService;
        }

        @Override
        public String getName() {
            return "banua_main_action";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            return channel -> {
                ClusterService cs = clusterService.get();
                Build build = Build.current();
                XContentBuilder b = channel.newBuilder();
                b.startObject();
                b.field("name", cs.getNodeName());
                b.field("cluster_name", cs.getClusterName().value());
                b.field("cluster_uuid", cs.state().metadata().clusterUUID());
                b.startObject("version");
                b.field("number", build.qualifiedVersion());
                b.field("build_flavor", build.flavor());
                b.field("build_type", build.type().displayName());
                b.field("build_hash", build.hash());
                b.field("build_date", build.date());
                b.field("build_snapshot", build.isSnapshot());
                b.field("lucene_version", org.apache.lucene.util.Version.LATEST.toString());
                b.field("minimum_wire_compatibility_version", build.minWireCompatVersion());
                b.field("minimum_index_compatibility_version", build.minIndexCompatVersion());
                b.endObject();
                b.field("tagline", "You Know, for Search");
                b.endObject();
                channel.sendResponse(new RestResponse(RestStatus.OK, b));
            };
        }
    }
}
JAVA
}

main "$@"
