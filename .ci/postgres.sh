#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback, for the test suite and the benchmarks.
#
#   .ci/postgres.sh start DIR   create a cluster in DIR (which must not exist), start it on
#                               127.0.0.1 on a free port, create database "trivia", and print
#                               its URL on stdout
#   .ci/postgres.sh stop DIR    stop that server and delete DIR
#
# PostgreSQL refuses to run as root: run as root (as CI does), the cluster belongs to the
# `postgres` user and every server command runs as that user. Run as anyone else, it is yours.
# PG_FSYNC=on keeps fsync (for benchmarks); by default it is off, as a test server loses
# nothing worth keeping. The binaries are looked up in PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH.
#
#   export TRIVIA_TEST_POSTGRES_URL=$(.ci/postgres.sh start /tmp/trivia-pg)
#   make test
#   .ci/postgres.sh stop /tmp/trivia-pg
set -euo pipefail

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
action=$1
dir=$(realpath -m "$2")

if [[ -z ${PG_BIN:-} ]]; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [[ -n $PG_BIN ]]; then
    PATH=$PG_BIN:$PATH
fi
if ! command -v initdb >/dev/null; then
    echo "$0: PostgreSQL's initdb was not found (install Debian's postgresql package," \
        "or set PG_BIN to the folder holding initdb and pg_ctl)" >&2
    exit 1
fi

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- env PATH="$PATH" "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    if [[ -e $dir ]]; then
        echo "$0: $dir already exists; pick a new folder or stop the server using it" >&2
        exit 1
    fi
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: "$dir"
    fi
    local port
    port=$(free_port)
    as_owner initdb --pgdata="$dir/data" --auth=trust --username=trivia --encoding=UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # The sockets stay inside DIR.
    as_owner pg_ctl --pgdata="$dir/data" --log="$dir/server.log" --wait \
        --options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=${PG_FSYNC:-off} -c max_connections=200" \
        start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_owner createdb --host=127.0.0.1 --port="$port" --username=trivia trivia
    echo "postgresql://trivia@127.0.0.1:$port/trivia"
}

stop() {
    if [[ -d $dir/data ]]; then
        as_owner pg_ctl --pgdata="$dir/data" --mode=fast --wait stop >/dev/null || true
    fi
    rm -rf "$dir"
}

case $action in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
