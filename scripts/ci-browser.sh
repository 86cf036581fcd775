#!/usr/bin/env bash
# Starts the built app with the demo district on a fresh embedded database and runs the
# browser smoke test against it.
set -euo pipefail
DATA=$(mktemp -d /tmp/laiban-ci-web.XXXXXX)
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export DATA_DIR="$DATA" PORT LOG_LEVEL=warn TIMERS=off
unset DATABASE_URL
node bin/laiban.mjs seed --demo >/dev/null
node bin/laiban.mjs start > "$DATA/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-smoke.mjs || { cat "$DATA/server.log"; exit 1; }
# The workbench stories S1 and S2 through the UI, on the same demo district.
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-cases.mjs || { cat "$DATA/server.log"; exit 1; }
# The ledger: export read back, template, import with bad lines, corrected import, re-import.
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-ledger.mjs || { cat "$DATA/server.log"; exit 1; }
# Configuration pages as the administrator (needs a database without a 2027 notice: this fresh one).
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-admin.mjs || { cat "$DATA/server.log"; exit 1; }
# Phone and tablet layouts: a grid worker's report with photo and position, a leader's charts.
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-mobile.mjs || { cat "$DATA/server.log"; exit 1; }
# ---- community: S9 from a phone onto the operations map, the demo grids, boundary import ----
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-community.mjs || { cat "$DATA/server.log"; exit 1; }
# axe-core on the main pages of several roles (no serious or critical violations) and keyboard sign-in.
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-a11y.mjs || { cat "$DATA/server.log"; exit 1; }
# 考核指标: the figures, the ranking, and the monthly report and quarterly bulletin read back.
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-evaluation.mjs || { cat "$DATA/server.log"; exit 1; }
# --- category suggestion and hot issues ---
# 智能分拨 in the intake form and 热点发现 on the leader's home page with drill-down.
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-hot-issues.mjs || { cat "$DATA/server.log"; exit 1; }
# --- end category suggestion and hot issues ---
# documents: 生成文书 on the case page, the DOCX read back, the dossier ZIP, the 文书模板 page.
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-documents.mjs || { cat "$DATA/server.log"; exit 1; }
# --- resolution mechanisms: mediation (S3) and expert review (S4) screens, the rosters page.
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-mechanisms.mjs || { cat "$DATA/server.log"; exit 1; }
# ── Search and repeat detection ──
BASE_URL="http://127.0.0.1:$PORT" node scripts/browser-search.mjs || { cat "$DATA/server.log"; exit 1; }

# The citizen portal on a phone, against a second instance that runs its timers, so the SMS code
# goes out through the outbox to the development transport's log, where the test reads it.
DATA2=$(mktemp -d /tmp/laiban-ci-portal.XXXXXX)
PORT2=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
DATA_DIR="$DATA2" PORT="$PORT2" node bin/laiban.mjs seed --demo >/dev/null
DATA_DIR="$DATA2" PORT="$PORT2" TIMERS=on LOG_LEVEL=info node bin/laiban.mjs start > "$DATA2/server.log" 2>&1 &
pid2=$!
trap 'kill $pid $pid2 2>/dev/null || true; wait $pid $pid2 2>/dev/null || true; rm -rf "$DATA" "$DATA2"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT2/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done
BASE_URL="http://127.0.0.1:$PORT2" SERVER_LOG="$DATA2/server.log" node scripts/browser-portal.mjs || { tail -50 "$DATA2/server.log"; exit 1; }
# 预约接访 on the same instance (the booking's SMS code comes from the same log).
BASE_URL="http://127.0.0.1:$PORT2" SERVER_LOG="$DATA2/server.log" node scripts/browser-appointments.mjs || { tail -50 "$DATA2/server.log"; exit 1; }
