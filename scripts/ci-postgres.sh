#!/usr/bin/env bash
# Inside with-postgres.sh: the test suite on PostgreSQL, then the built app on PostgreSQL.
set -euo pipefail
npm test

DATA=$(mktemp -d /tmp/laiban-ci-data.XXXXXX)
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export DATABASE_URL="$PG_APP_URL" DATA_DIR="$DATA" PORT LOG_LEVEL=warn
node bin/laiban.mjs seed --demo >/dev/null
node bin/laiban.mjs start > "$DATA/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done
health=$(curl -fsS "http://127.0.0.1:$PORT/api/health")
echo "health: $health"
echo "$health" | grep -q '"db":"postgres"' || { echo "app did not report PostgreSQL"; cat "$DATA/server.log"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d '{"username":"admin","password":"Laiban@2026"}' "http://127.0.0.1:$PORT/api/auth/login")
[ "$code" = "200" ] || { echo "demo admin could not sign in on PostgreSQL ($code)"; cat "$DATA/server.log"; exit 1; }
echo "app on PostgreSQL: health ok, demo admin signs in"
