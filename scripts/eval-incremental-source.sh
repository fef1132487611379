#!/usr/bin/env bash
# Measures Spark's incremental file source (Structured Streaming, Trigger.AvailableNow) and Delta's
# idempotent writes (txnAppId / txnVersion) on an input tree, for the comparison with the job's file
# ledger in docs/benchmarks.md. Copies the input first (the run adds NEW_DIR's files to the copy).
#   scripts/eval-incremental-source.sh INPUT_DIR [NEW_DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/common.sh"
[[ $# -ge 1 ]] || { echo "usage: $0 INPUT_DIR [NEW_DIR]" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -al "$1" "$WORK/input" 2>/dev/null || cp -a "$1" "$WORK/input"
java "${JAVA_OPTS_SPARK[@]}" -Xmx3g -cp "$ROOT/jobs/target/classes:$(runtime_classpath)" \
  "$ROOT/scripts/eval/IncrementalSource.java" "$WORK/input" "$WORK" ${2:+"$2"}
