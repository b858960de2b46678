#!/usr/bin/env bash
# A throwaway PostgreSQL server from Debian's binaries, for tests and CI. Nothing here touches the
# machine's own clusters: each server gets a temp data dir, a free loopback port and trust auth.
#
#   server.sh install      make sure the server binaries exist (as root: apt-get install postgresql)
#   server.sh start [DIR]  start one; prints `export TEST_DATABASE_URL=…` and `export PG_TEST_DIR=…`
#   server.sh stop DIR     stop it and delete DIR
set -euo pipefail

bin_dir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

install() {
  bin_dir >/dev/null && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== installing Debian postgresql" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin_dir >/dev/null && return 0
  fi
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package (apt-get install -y postgresql) or set TEST_DATABASE_URL to a server of yours." >&2
  exit 1
}

# Runs a command as the postgres user when root (initdb and postgres refuse to run as root).
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  install
  local bin dir port
  bin="$(bin_dir)"
  dir="${1:-$(mktemp -d "${TMPDIR:-/tmp}/policy-studio-pg.XXXXXX")}"
  mkdir -p "$dir"
  if [ "$(id -u)" = "0" ]; then
    getent passwd postgres >/dev/null || { echo "No postgres user to run the server as: install Debian's postgresql package (apt-get install -y postgresql)." >&2; exit 1; }
    chown postgres "$dir"
  fi
  as_owner "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync" >"$dir/initdb.log" 2>&1 ||
    { echo "initdb failed; see $dir/initdb.log:" >&2; tail -n 5 "$dir/initdb.log" >&2; exit 1; }
  # A port taken between choosing and binding is retried with another.
  for _ in 1 2 3; do
    port="$(free_port)"
    if as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 30 -o \"-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null; then
      echo "export PG_TEST_DIR='$dir'"
      echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/postgres'"
      return 0
    fi
  done
  echo "PostgreSQL did not start; see $dir/server.log:" >&2
  tail -n 5 "$dir/server.log" >&2 || true
  exit 1
}

stop() {
  local dir="${1:?usage: server.sh stop DIR}" bin
  bin="$(bin_dir)"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 install | start [DIR] | stop DIR" >&2; exit 2 ;;
esac
