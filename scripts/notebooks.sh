#!/usr/bin/env bash
# Executes the analyst notebooks (notebooks/*.ipynb) top to bottom in a real Jupyter kernel against a
# warehouse built from data-samples/.
#
#   scripts/notebooks.sh           executes them and writes their outputs (tables, charts) into
#                                  notebooks/*.ipynb: how the committed outputs are made
#   scripts/notebooks.sh --check   what `mvn verify` runs: executes them into jobs/target/notebooks/ and
#                                  fails on any cell error, on a chart without title or axis labels or
#                                  that does not read over a year of data, and on a committed notebook
#                                  whose code differs from the code its outputs came from
#
# Python: a virtualenv in jobs/target/notebooks-venv with exactly notebooks/requirements.txt (made
# again when that file changes), from the package index pip is configured with; PYTHON picks the
# interpreter (default python3). PySpark is not in it: the kernel then gets notebooks/tools/sql_shim.py
# as `spark`, which runs each statement on this project's Spark through one `scripts/sql.sh --serve`
# process for all notebooks (see notebooks/README.md). NOTEBOOK_VENV=DIR uses an existing environment
# instead (it needs nbclient and ipykernel); where PySpark imports there, the notebooks make their own
# session as on a laptop.
#
# Warehouse: NOTEBOOK_WAREHOUSE=DIR if set; else the one the tests keep (jobs/target/samples-warehouse,
# built from data-samples/ by NotebookSqlTest) when no source, sample or README file is newer than it;
# else one built here with scripts/run-local.sh into jobs/target/notebooks-warehouse.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

MODE=write
case "${1:-}" in
  --check) MODE=check; shift ;;
  ""|--) ;;
  *) echo "usage: scripts/notebooks.sh [--check] [-- run_notebooks.py options]" >&2; exit 2 ;;
esac
[[ ${1:-} == -- ]] && shift
STARTED_AT=$(date +%s)
log() { echo "notebooks: $*" >&2; }

VENV="${NOTEBOOK_VENV:-$BUILD_DIR/notebooks-venv}"
REQUIREMENTS="$ROOT/notebooks/requirements.txt"
if [[ -n ${NOTEBOOK_VENV:-} ]]; then
  log "using the Python environment $VENV as it is"
elif [[ ! -x $VENV/bin/python || ! -f $VENV/requirements.txt ]] || ! cmp -s "$REQUIREMENTS" "$VENV/requirements.txt"; then
  log "installing notebooks/requirements.txt into $VENV"
  rm -rf "$VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
  # --retries 0: an index that this machine cannot reach fails at once instead of after five
  # waits per package (they took six minutes here). The file pins every package, so no resolution
  # (--no-deps; `pip check` then proves the pins complete) and no bytecode for files never imported:
  # half the CPU of a plain install.
  if ! { "$VENV/bin/python" -m pip install --retries 0 --disable-pip-version-check -q --no-deps \
    --no-compile -r "$REQUIREMENTS" && "$VENV/bin/python" -m pip check; } >"$BUILD_DIR/notebooks-pip.log" 2>&1; then
    tail -n 30 "$BUILD_DIR/notebooks-pip.log" >&2
    log "pip install failed (log: $BUILD_DIR/notebooks-pip.log)"
    exit 1
  fi
  cp "$REQUIREMENTS" "$VENV/requirements.txt"
  log "virtualenv ready after $(($(date +%s) - STARTED_AT)) s"
fi

fresh() {
  [[ -d $1/encord_gold.db ]] &&
    [[ -z $(find "$ROOT/jobs/src/main" "$ROOT/data-samples" "$ROOT/README.md" -newer "$1" -type f -print -quit) ]]
}
if [[ -n ${NOTEBOOK_WAREHOUSE:-} ]]; then
  WAREHOUSE="$NOTEBOOK_WAREHOUSE"
elif fresh "$BUILD_DIR/samples-warehouse"; then
  WAREHOUSE="$BUILD_DIR/samples-warehouse"
else
  WAREHOUSE="$BUILD_DIR/notebooks-warehouse"
  if ! fresh "$WAREHOUSE"; then
    log "building a warehouse from data-samples/ in $WAREHOUSE"
    rm -rf "$WAREHOUSE"
    # In a subshell: run-local.sh ends with exec.
    (scripts/run-local.sh --warehouse "$WAREHOUSE" >"$BUILD_DIR/notebooks-warehouse.log" 2>&1) || {
      tail -n 30 "$BUILD_DIR/notebooks-warehouse.log" >&2
      exit 1
    }
  fi
fi
log "warehouse $WAREHOUSE"
ensure_jar

# The unit tests of notebooks/tools (the PySpark stand-in's types, the chart checks over a year).
if ! "$VENV/bin/python" -m unittest discover -s "$ROOT/notebooks/tools" -p 'test_*.py' \
  >"$BUILD_DIR/notebooks-unittest.log" 2>&1; then
  cat "$BUILD_DIR/notebooks-unittest.log" >&2
  log "FAIL: unit tests of notebooks/tools"
  exit 1
fi
log "unit tests of notebooks/tools: $(grep -E '^Ran ' "$BUILD_DIR/notebooks-unittest.log")"

ARGS=(--warehouse "$WAREHOUSE" --out "$BUILD_DIR/notebooks")
[[ $MODE == write ]] && ARGS+=(--write)
rc=0
"$VENV/bin/python" "$ROOT/notebooks/tools/run_notebooks.py" "${ARGS[@]}" "$@" || rc=$?
log "$( [[ $rc -eq 0 ]] && echo ok || echo FAIL ) ($MODE, $(($(date +%s) - STARTED_AT)) s in all)"
exit $rc
