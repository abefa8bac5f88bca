# shellcheck shell=bash
# Shared helpers for scripts/services/*.sh. Source it, do not run it.
#
# Directories (both overridable from the environment):
#   BANUA_CACHE_DIR     downloads, unpacked distributions, built binaries
#                       (default: $HOME/.cache/banua; survives `git clean`)
#   BANUA_SERVICES_DIR  per-checkout state: pid files, logs, data, env files
#                       (default: <repo>/.services)
#
# Conventions used by every service script:
#   * log lines go to stderr; stdout carries only `export NAME=value` lines,
#     so `eval "$(bash scripts/services/postgres.sh start)"` works;
#   * `<service>.sh start` writes its exports to $BANUA_SERVICES_DIR/env.d/<service>.env;
#   * everything listens on 127.0.0.1 only.

if [[ -n "${BANUA_SERVICES_LIB_LOADED:-}" ]]; then
    return 0
fi
BANUA_SERVICES_LIB_LOADED=1

BANUA_SERVICES_SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BANUA_REPO_ROOT=$(cd "$BANUA_SERVICES_SCRIPTS_DIR/../.." && pwd)
BANUA_CACHE_DIR=${BANUA_CACHE_DIR:-${HOME:-/root}/.cache/banua}
BANUA_SERVICES_DIR=${BANUA_SERVICES_DIR:-$BANUA_REPO_ROOT/.services}
export BANUA_CACHE_DIR BANUA_SERVICES_DIR
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------- logging --

log() {
    printf '[%s %s] %s\n' "$(date +%H:%M:%S)" "${BANUA_LOG_TAG:-services}" "$*" >&2
}

warn() {
    log "WARNING: $*"
}

die() {
    log "ERROR: $*"
    exit 1
}

# Print the last lines of a log file to stderr (used when a start fails).
show_log_tail() {
    local file=$1 lines=${2:-40}
    if [[ -f "$file" ]]; then
        log "last $lines lines of $file:"
        tail -n "$lines" "$file" >&2 || true
    fi
}

# --------------------------------------------------------------- dirs ------

ensure_dirs() {
    mkdir -p "$BANUA_CACHE_DIR" "$BANUA_SERVICES_DIR/env.d" "$BANUA_SERVICES_DIR/logs" "$BANUA_SERVICES_DIR/run"
}

is_root() {
    [[ "$(id -u)" -eq 0 ]]
}

# Run a command as root (directly, or through passwordless sudo).
as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "need root (or passwordless sudo) to run: $*"
    fi
}

# ---------------------------------------------------------------- apt ------

pkg_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# apt-get update at most once per hour across all scripts of one checkout.
apt_update_once() {
    ensure_dirs
    local stamp=$BANUA_SERVICES_DIR/run/apt-updated
    if [[ -f "$stamp" ]] && [[ -n "$(find "$stamp" -mmin -60 2>/dev/null)" ]]; then
        return 0
    fi
    log "apt-get update"
    if ! as_root apt-get -o DPkg::Lock::Timeout=600 update -q >>"$BANUA_SERVICES_DIR/logs/apt.log" 2>&1; then
        show_log_tail "$BANUA_SERVICES_DIR/logs/apt.log" 30
        die "apt-get update failed"
    fi
    touch "$stamp"
}

# apt_install PKG... : install the packages that are missing (no-op otherwise).
apt_install() {
    local missing=() pkg
    for pkg in "$@"; do
        pkg_installed "$pkg" || missing+=("$pkg")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    apt_update_once
    log "apt-get install ${missing[*]} (output: $BANUA_SERVICES_DIR/logs/apt.log)"
    if ! as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" \
        >>"$BANUA_SERVICES_DIR/logs/apt.log" 2>&1; then
        show_log_tail "$BANUA_SERVICES_DIR/logs/apt.log" 30
        die "apt-get install ${missing[*]} failed"
    fi
}

# ------------------------------------------------------------ processes ----

# pid_alive PIDFILE : true when the file names a running process.
pid_alive() {
    local pidfile=$1 pid
    [[ -s "$pidfile" ]] || return 1
    pid=$(tr -dc '0-9' <"$pidfile")
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

pid_of() {
    tr -dc '0-9' <"$1"
}

# stop_pidfile PIDFILE NAME [TIMEOUT] : TERM, wait, then KILL; removes the file.
stop_pidfile() {
    local pidfile=$1 name=$2 timeout=${3:-60} pid i
    if ! pid_alive "$pidfile"; then
        log "$name is not running"
        rm -f "$pidfile"
        return 0
    fi
    pid=$(pid_of "$pidfile")
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 2; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        warn "$name did not stop within ${timeout}s, sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$pidfile"
}

# ---------------------------------------------------------------- waits ----

# port_open HOST PORT
port_open() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# wait_for_port HOST PORT TIMEOUT_S [PIDFILE]
wait_for_port() {
    local host=$1 port=$2 timeout=$3 pidfile=${4:-} deadline
    deadline=$((SECONDS + timeout))
    until port_open "$host" "$port"; do
        if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile"; then
            log "process of $pidfile exited while waiting for $host:$port"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            log "timed out after ${timeout}s waiting for $host:$port"
            return 1
        fi
        sleep 0.5
    done
}

# wait_for_http URL TIMEOUT_S PIDFILE|"" [extra curl args...]
wait_for_http() {
    local url=$1 timeout=$2 pidfile=$3 deadline
    shift 3
    deadline=$((SECONDS + timeout))
    until curl -fsS -o /dev/null --max-time 10 "$@" "$url" 2>/dev/null; do
        if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile"; then
            log "process of $pidfile exited while waiting for $url"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            log "timed out after ${timeout}s waiting for $url"
            return 1
        fi
        sleep 1
    done
}

# ------------------------------------------------------------- downloads ---

# file_digest ALGO FILE : ALGO is sha1, sha256 or sha512.
file_digest() {
    "${1}sum" "$2" | cut -d' ' -f1
}

# download_verified URL DEST ALGO
# Downloads URL to DEST once, verified against the checksum file the registry
# publishes beside it (URL.ALGO). The expected digest is kept in DEST.ALGO so a
# cached file is re-verified offline on every call.
download_verified() {
    local url=$1 dest=$2 algo=$3 expected actual tmp
    mkdir -p "$(dirname "$dest")"
    if [[ -f "$dest" && -s "$dest.$algo" ]]; then
        expected=$(cut -d' ' -f1 <"$dest.$algo")
        actual=$(file_digest "$algo" "$dest")
        if [[ "$expected" == "$actual" ]]; then
            return 0
        fi
        warn "cached $(basename "$dest") does not match its $algo; downloading again"
        rm -f "$dest" "$dest.$algo"
    fi
    expected=$(curl -fsSL --retry 3 --max-time 60 "$url.$algo" | tr -d '\r' | awk '{print $1; exit}') \
        || die "could not fetch checksum $url.$algo"
    [[ "$expected" =~ ^[0-9a-f]{40,128}$ ]] || die "unexpected checksum content at $url.$algo: '$expected'"
    tmp="$dest.part.$$"
    log "downloading $url"
    if ! curl -fL --retry 3 --retry-delay 2 --connect-timeout 30 -sS -o "$tmp" "$url"; then
        rm -f "$tmp"
        die "download failed: $url"
    fi
    actual=$(file_digest "$algo" "$tmp")
    if [[ "$actual" != "$expected" ]]; then
        rm -f "$tmp"
        die "$algo mismatch for $url: expected $expected, got $actual"
    fi
    mv -f "$tmp" "$dest"
    printf '%s\n' "$expected" >"$dest.$algo"
    log "verified $(basename "$dest") ($algo $expected)"
}

# ------------------------------------------------------------ env files ----

# write_service_env SERVICE NAME=VALUE... : writes env.d/SERVICE.env and prints it.
write_service_env() {
    local service=$1 file tmp kv
    shift
    ensure_dirs
    file=$BANUA_SERVICES_DIR/env.d/$service.env
    tmp=$file.tmp.$$
    : >"$tmp"
    for kv in "$@"; do
        printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}" >>"$tmp"
    done
    mv -f "$tmp" "$file"
    cat "$file"
}

remove_service_env() {
    rm -f "$BANUA_SERVICES_DIR/env.d/$1.env"
}

# Concatenate env.d/*.env into $BANUA_SERVICES_DIR/env.
assemble_env_file() {
    local out=$BANUA_SERVICES_DIR/env tmp f
    ensure_dirs
    tmp=$out.tmp.$$
    {
        printf '# Generated by scripts/services/up.sh; source it: . %s\n' "$out"
        for f in "$BANUA_SERVICES_DIR"/env.d/*.env; do
            [[ -e "$f" ]] || continue
            printf '# %s\n' "$(basename "$f" .env)"
            cat "$f"
        done
    } >"$tmp"
    mv -f "$tmp" "$out"
}
