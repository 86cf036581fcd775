#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster: initdb into a temp dir (C.UTF-8, so
# pg_trgm works on Chinese), start on a free loopback port, export TEST_DATABASE_URL and
# DATABASE_URL_FOR_TESTS, run the command, stop and delete the cluster whatever happens.
# Installs Debian's postgresql package when the binaries are missing. Works as root (the server
# runs as the postgres user) and as an ordinary user.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL 15 not found; installing Debian's postgresql package…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi

DIR=$(mktemp -d /tmp/laiban-pg.XXXXXX)
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
AS=()
if [ "$(id -u)" = "0" ]; then
  chown -R postgres:postgres "$DIR"
  AS=(runuser -u postgres --)
fi

cleanup() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" --locale=C.UTF-8 --encoding=UTF8 -A trust -U postgres >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null
"${AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres laiban_test
"${AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres laiban_app

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/laiban_test"
export PG_ADMIN_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export PG_APP_URL="postgres://postgres@127.0.0.1:$PORT/laiban_app"
echo "Throwaway PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PORT"
"$@"
