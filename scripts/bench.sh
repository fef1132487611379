#!/usr/bin/env bash
# Benchmark of the nightly pipeline against DuckDB and a bare Jackson parse (issue #7).
#
#   scripts/bench.sh [--events N] [--runs R] [--no-verify]   # defaults: 3000000 events, 3 runs
#   scripts/bench.sh --plot                                   # only redraw docs/benchmarks.png
#   scripts/bench.sh --small-files N [--records-per-file R] [--new-files H] [--runs R]
#   scripts/bench.sh --days D [--per-day N] [--runs R]        # long history (issue #14)
#
# --days: D days of N records a day (default 10000) and one more day: the time of night D+1 on a
# warehouse holding D nights against night 2 on one holding 1 night (both on a copy of the
# warehouse, each a whole process); prints them and growth_D (target for D = 365: <= 1.3). The
# D-night warehouse is built by one run over the D days (untimed: one run equals D nights).
#
# --small-files: Encord's label-log cache layout instead (issue #16): N files
# label_logs/<label_hash>/<frame>.json of R records each (default 10) in {"logs": [...]} envelopes,
# and the same records in 60 JSON Lines files (bench/: io.encordanalytics.bench.SmallFiles over the
# generator's records, fixed seeds). Times, each a whole process: the first night over the small
# files and over the 60 large ones, a no-op night over each, and a night with H new small files
# (default 500) on the small-files warehouse; prints them, the ratios the issue sets as targets
# (no-op small / no-op large <= 2, first night small / large <= 2), and how often a night listed
# the input tree and read the ledger. Results go to stdout only (not the CSV).
#
# 1. Generates N records over 30 days with the project's generator (fixed seed), plus a 31st day,
#    once: bench-data/events-N/{input,night31}/ (git-ignored) and reuses them afterwards.
# 2. pipeline_s: scripts/run-local.sh with SPARK_MASTER=local[2], JSON to every gold table, into
#    a fresh warehouse, whole process; peak_rss_mb: its peak resident set (GNU time).
# 3. duckdb_s: DuckDB (2 threads) computes the contract's six gold tables from the same files into
#    Parquet, whole process (bench/: io.encordanalytics.bench.DuckDbBaseline).
# 4. floor_s: a bare Jackson streaming parse of the same bytes on 2 threads (ParseFloor).
# 5. noop_s: the pipeline again on the same input and warehouse (nothing new);
#    incremental_growth: time of night 31 on a warehouse holding 30 nights / on one holding 1;
#    night_vs_duckdb: night 31 on 30 nights / duckdb_s; small_night_s: a night of the first 1,000
#    records of day 31 (500 of each format) on the 30-night warehouse, and small_vs_noop.
# 6. Unless --no-verify: the DuckDB gold tables' row counts and totals against the pipeline's.
# Figures are medians of R runs (R pipeline, DuckDB, floor, no-op and night-31 runs each). One
# results line is appended to docs/bench-results.csv and docs/benchmarks.png is redrawn from it.
# Run nothing else meanwhile: the machine's cores are the point. docs/benchmarks.md explains it.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

EVENTS=3000000
RUNS=3
VERIFY=true
PLOT_ONLY=false
SMALL_FILES=""
DAYS=""
PER_DAY=10000
PER_FILE=10
NEW_FILES=500
while [[ $# -gt 0 ]]; do
  case $1 in
    --events) EVENTS=$2; shift 2 ;;
    --events=*) EVENTS=${1#*=}; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --no-verify) VERIFY=false; shift ;;
    --plot) PLOT_ONLY=true; shift ;;
    --small-files) SMALL_FILES=$2; shift 2 ;;
    --days) DAYS=$2; shift 2 ;;
    --per-day) PER_DAY=$2; shift 2 ;;
    --records-per-file) PER_FILE=$2; shift 2 ;;
    --new-files) NEW_FILES=$2; shift 2 ;;
    -h | --help) sed -n '2,31p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ $EVENTS =~ ^[0-9]+$ && $EVENTS -ge 30 && $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]]; then
  echo "bench: --events must be a number >= 30 and --runs >= 1" >&2
  exit 2
fi

RESULTS="$ROOT/docs/bench-results.csv"
PNG="$ROOT/docs/benchmarks.png"
BENCH_JAR="$ROOT/bench/target/encord-bench-0.1.0-SNAPSHOT.jar"
BENCH_CP_FILE="$ROOT/bench/target/runtime-classpath.txt"

log() { echo "bench: $*" >&2; }

# Builds the bench module (DuckDB baseline, parse floor, plot) when it is missing or stale.
build_bench() {
  local newer=""
  if [[ -f $BENCH_JAR ]]; then
    newer=$(find "$ROOT/bench/src/main" "$ROOT/pom.xml" "$ROOT/bench/pom.xml" -newer "$BENCH_JAR" \
      -type f -print -quit)
  fi
  if [[ ! -f $BENCH_JAR || -n $newer ]]; then
    log "building bench/ ..."
    (cd "$ROOT" && $MVN -q -B -pl bench -am -Dmaven.test.skip=true -Dspotless.check.skip=true \
      package >&2)
  fi
  if [[ ! -s $BENCH_CP_FILE || $ROOT/bench/pom.xml -nt $BENCH_CP_FILE || $ROOT/pom.xml -nt $BENCH_CP_FILE ]]; then
    (cd "$ROOT" && $MVN -q -B -pl bench dependency:build-classpath \
      -Dmdep.outputFile="$BENCH_CP_FILE" >&2)
  fi
  BENCH_JAVA=(java -Djava.awt.headless=true -cp "$BENCH_JAR:$(cat "$BENCH_CP_FILE")")
}

plot() {
  "${BENCH_JAVA[@]}" io.encordanalytics.bench.BenchPlot "$RESULTS" "$PNG" >&2
}

build_bench
if [[ $PLOT_ONLY == true ]]; then
  [[ -f $RESULTS ]] || { echo "bench: no $RESULTS yet: run a benchmark first" >&2; exit 1; }
  plot
  exit 0
fi

if ! /usr/bin/time --version 2>&1 | grep -q GNU; then
  echo "bench: needs GNU time (/usr/bin/time) for the peak RSS: apt-get install time" >&2
  exit 1
fi

# ---- timing helpers ---------------------------------------------------------------------------
# run_timed LOG CMD...: runs CMD with its output in LOG; sets LAST_S (wall seconds, whole
# process) and LAST_RSS_MB (peak resident set of the process tree's largest process).
run_timed() {
  local out=$1
  shift
  local t0 t1
  t0=$(date +%s%N)
  if ! /usr/bin/time -f '%M' -o "$STAGE/rss" "$@" >"$out" 2>&1; then
    echo "bench: FAILED: $* (log: $out)" >&2
    tail -30 "$out" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  LAST_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  LAST_RSS_MB=$(tail -1 "$STAGE/rss" | awk '{printf "%.0f", $1 / 1024}')
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1}
    END {if (NR % 2) printf "%.3f\n", a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# The nightly pipeline, local[2], as a user runs it. The job jar is (re)built before, untimed, so
# that run-local.sh finds it current; a jar rebuilt during a run (someone editing jobs/src) is
# reported, since its build time would be in the figure.
pipeline() {
  local out=$1 input=$2 wh=$3
  ensure_jar
  local before
  before=$(stat -c %Y "$JOB_JAR")
  run_timed "$out" env SPARK_MASTER='local[2]' "$ROOT/scripts/run-local.sh" \
    --input "$input" --warehouse "$wh"
  if [[ $(stat -c %Y "$JOB_JAR") != "$before" ]]; then
    log "WARNING: the job jar was rebuilt during $out; that run's time includes the build"
  fi
}

# ms from the first log line matching a pattern, e.g. "Parsed 100 records (1 quarantined) in 28562 ms".
log_ms() { grep -m1 -oE "$2 in [0-9]+ ms" "$1" | grep -oE '[0-9]+ ms$' | grep -oE '[0-9]+' || true; }

# A fresh staging folder for warehouses and input links ($STAGE, removed at exit) and an empty
# logs folder for $DATA ($LOGS).
new_stage() {
  mkdir -p "$ROOT/bench-data"
  STAGE=$(mktemp -d "$ROOT/bench-data/run.XXXXXX")
  trap 'rm -rf "$STAGE"' EXIT
  LOGS="$DATA/logs"
  rm -rf "$LOGS"
  mkdir -p "$LOGS"
}

# Untimed: the job jar, and the class-data archive that every run of the job starts from
# (scripts/common.sh writes it at the exit of the first run after the classpath changed).
warm_up() {
  ensure_jar
  cds_options
  if [[ " ${CDS_OPTS[*]} " == *ArchiveClassesAtExit* ]]; then
    log "writing the JVM class-data archive: one untimed run on data-samples/ ..."
    SPARK_MASTER='local[2]' "$ROOT/scripts/run-local.sh" --input "$ROOT/data-samples" \
      --warehouse "$STAGE/warm-up" >"$LOGS/warm-up.log" 2>&1 ||
      { tail -30 "$LOGS/warm-up.log" >&2; echo "bench: the warm-up run failed" >&2; exit 1; }
  fi
}

# ---- machine --------------------------------------------------------------------------------
NPROC=$(nproc)
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//; s/,/ /g')
RAM_GB=$(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)
JAVA_VERSION=$(java -version 2>&1 | head -1 | tr -d '"')
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain -- jobs conf pom.xml 2>/dev/null) ]]; then
  COMMIT="$COMMIT-dirty"
fi

# ---- small files (--small-files) ---------------------------------------------------------------
if [[ -n $SMALL_FILES ]]; then
  if ! [[ $SMALL_FILES =~ ^[0-9]+$ && $PER_FILE =~ ^[0-9]+$ && $NEW_FILES =~ ^[0-9]+$ &&
    $SMALL_FILES -ge 60 && $PER_FILE -ge 1 ]]; then
    echo "bench: --small-files must be >= 60, --records-per-file >= 1, --new-files >= 0" >&2
    exit 2
  fi
  DATA="$ROOT/bench-data/small-files-$SMALL_FILES-x$PER_FILE-new$NEW_FILES"
  if [[ ! -f $DATA/.complete ]]; then
    rm -rf "$DATA"
    mkdir -p "$DATA"
    # Enough generated records for both nights, with room for the ~0.1% bad lines left out.
    need=$(((SMALL_FILES + NEW_FILES) * PER_FILE * 101 / 100 + 1000))
    log "generating $need records, then $SMALL_FILES + $NEW_FILES files of $PER_FILE records (once) ..."
    "$ROOT/scripts/generate-samples.sh" --mode bench --events "$need" --days 30 \
      --out "$DATA/gen" >"$DATA/generator.log" 2>&1 ||
      { tail -20 "$DATA/generator.log" >&2; echo "bench: the generator failed" >&2; exit 1; }
    "${BENCH_JAVA[@]}" io.encordanalytics.bench.SmallFiles "$DATA/gen" "$DATA" "$SMALL_FILES" \
      "$PER_FILE" "$NEW_FILES" >"$DATA/layout.txt"
    rm -rf "$DATA/gen"
    touch "$DATA/.complete"
  fi
  log "$(cat "$DATA/layout.txt")"
  new_stage
  cp -al "$DATA/small" "$STAGE/small" 2>/dev/null || cp -a "$DATA/small" "$STAGE/small"
  cp -al "$DATA/big" "$STAGE/big" 2>/dev/null || cp -a "$DATA/big" "$STAGE/big"
  warm_up
  FS_S=() FB_S=() NS_S=() NB_S=() NEW_S=()
  for ((r = 1; r <= RUNS; r++)); do
    rm -rf "$STAGE/wh-small" "$STAGE/wh-big" "$STAGE/wh-new"
    pipeline "$LOGS/first-small-$r.log" "$STAGE/small" "$STAGE/wh-small"
    FS_S+=("$LAST_S")
    log "first night, $SMALL_FILES small files, run $r: ${LAST_S} s"
    pipeline "$LOGS/noop-small-$r.log" "$STAGE/small" "$STAGE/wh-small"
    NS_S+=("$LAST_S")
    log "no-op night over $SMALL_FILES small files, run $r: ${LAST_S} s"
    cp -a "$STAGE/wh-small" "$STAGE/wh-new"
    cp -al "$DATA/new/." "$STAGE/small/" 2>/dev/null || cp -a "$DATA/new/." "$STAGE/small/"
    pipeline "$LOGS/new-small-$r.log" "$STAGE/small" "$STAGE/wh-new"
    NEW_S+=("$LAST_S")
    log "night with $NEW_FILES new files on $SMALL_FILES, run $r: ${LAST_S} s"
    for d in "$DATA"/new/label_logs/*; do rm -rf "$STAGE/small/label_logs/$(basename "$d")"; done
    pipeline "$LOGS/first-big-$r.log" "$STAGE/big" "$STAGE/wh-big"
    FB_S+=("$LAST_S")
    log "first night, the same records in 60 files, run $r: ${LAST_S} s"
    pipeline "$LOGS/noop-big-$r.log" "$STAGE/big" "$STAGE/wh-big"
    NB_S+=("$LAST_S")
    log "no-op night over 60 files, run $r: ${LAST_S} s"
  done
  fs=$(median "${FS_S[@]}") fb=$(median "${FB_S[@]}") ns=$(median "${NS_S[@]}")
  nb=$(median "${NB_S[@]}") nw=$(median "${NEW_S[@]}")
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
  # Per night: how often the input tree was listed and the ledger copy read, and in how long.
  passes() {
    local f=$1
    printf 'listings=%s listing_ms=%s ledger_reads=%s ledger_ms=%s parse_ms=%s' \
      "$(grep -c 'FileDiscovery: Listed' "$f")" \
      "$(grep -m1 -oE 'Listed [0-9]+ files under .* in [0-9]+ ms' "$f" | grep -oE '[0-9]+ ms' | grep -oE '[0-9]+')" \
      "$(grep -c 'LedgerCache: Ledger copy' "$f")" \
      "$(grep -m1 -oE 'Ledger copy: [0-9]+ ingested files in [0-9]+ ms' "$f" | grep -oE '[0-9]+ ms' | grep -oE '[0-9]+' || echo -)" \
      "$(log_ms "$f" 'Parsed [0-9]+ records \([0-9]+ quarantined\)' || echo -)"
  }
  echo "machine: nproc=$NPROC cpu=\"$CPU\" ram_gb=$RAM_GB java=\"$JAVA_VERSION\" commit=$COMMIT runs=$RUNS"
  echo "layout: $(cat "$DATA/layout.txt")"
  echo "first_night_small_s=$fs first_night_big_s=$fb ratio=$(ratio "$fs" "$fb") (target <= 2)"
  echo "noop_small_s=$ns noop_big_s=$nb ratio=$(ratio "$ns" "$nb") (target <= 2)"
  echo "night_${NEW_FILES}_new_files_s=$nw"
  echo "first-small: $(passes "$LOGS/first-small-1.log")"
  echo "noop-small:  $(passes "$LOGS/noop-small-1.log")"
  echo "new-small:   $(passes "$LOGS/new-small-1.log")"
  echo "first-big:   $(passes "$LOGS/first-big-1.log")"
  echo "noop-big:    $(passes "$LOGS/noop-big-1.log")"
  exit 0
fi

# ---- long history (--days) ---------------------------------------------------------------------
if [[ -n $DAYS ]]; then
  if ! [[ $DAYS =~ ^[0-9]+$ && $PER_DAY =~ ^[0-9]+$ && $DAYS -ge 2 && $PER_DAY -ge 100 ]]; then
    echo "bench: --days must be >= 2 and --per-day >= 100" >&2
    exit 2
  fi
  DATA="$ROOT/bench-data/days-$DAYS-x$PER_DAY"
  if [[ ! -f $DATA/.complete ]]; then
    rm -rf "$DATA"
    mkdir -p "$DATA"
    log "generating $(((DAYS + 1) * PER_DAY)) records over $((DAYS + 1)) days into $DATA (once) ..."
    "$ROOT/scripts/generate-samples.sh" --mode bench --events $(((DAYS + 1) * PER_DAY)) \
      --days $((DAYS + 1)) --out "$DATA/gen" >"$DATA/generator.log" 2>&1 ||
      { tail -20 "$DATA/generator.log" >&2; echo "bench: the generator failed" >&2; exit 1; }
    touch "$DATA/.complete"
  fi
  mapfile -t ALL_DAYS < <(ls "$DATA/gen/label-logs" | sort)
  new_stage
  # days_input DIR FIRST LAST: hard links to the generated days FIRST..LAST (1-based).
  days_input() {
    local dir=$1 first=$2 last=$3 i fmt
    for ((i = first; i <= last; i++)); do
      for fmt in label-logs editor-logs; do
        mkdir -p "$dir/$fmt"
        cp -al "$DATA/gen/$fmt/${ALL_DAYS[i - 1]}" "$dir/$fmt/" 2>/dev/null ||
          cp -a "$DATA/gen/$fmt/${ALL_DAYS[i - 1]}" "$dir/$fmt/"
      done
    done
  }
  days_input "$STAGE/in1" 1 1
  days_input "$STAGE/inD" 1 "$DAYS"
  warm_up
  pipeline "$LOGS/history-1.log" "$STAGE/in1" "$STAGE/wh1"
  log "1-night history built in ${LAST_S} s (untimed)"
  pipeline "$LOGS/history-$DAYS.log" "$STAGE/inD" "$STAGE/whD"
  log "$DAYS-night history built in ${LAST_S} s (untimed)"
  N2_S=() ND_S=()
  for ((r = 1; r <= RUNS; r++)); do
    rm -rf "$STAGE/wh-inc"
    cp -a "$STAGE/wh1" "$STAGE/wh-inc"
    days_input "$STAGE/in1" 2 2
    pipeline "$LOGS/night2-$r.log" "$STAGE/in1" "$STAGE/wh-inc"
    N2_S+=("$LAST_S")
    rm -rf "$STAGE/in1/label-logs/${ALL_DAYS[1]}" "$STAGE/in1/editor-logs/${ALL_DAYS[1]}"
    log "night 2 on a 1-night history, run $r: ${LAST_S} s"
    rm -rf "$STAGE/wh-inc"
    cp -a "$STAGE/whD" "$STAGE/wh-inc"
    days_input "$STAGE/inD" $((DAYS + 1)) $((DAYS + 1))
    pipeline "$LOGS/night$((DAYS + 1))-$r.log" "$STAGE/inD" "$STAGE/wh-inc"
    ND_S+=("$LAST_S")
    rm -rf "$STAGE/inD/label-logs/${ALL_DAYS[DAYS]}" "$STAGE/inD/editor-logs/${ALL_DAYS[DAYS]}"
    log "night $((DAYS + 1)) on a $DAYS-night history, run $r: ${LAST_S} s"
    rm -rf "$STAGE/wh-inc"
  done
  n2=$(median "${N2_S[@]}") nd=$(median "${ND_S[@]}")
  echo "machine: nproc=$NPROC cpu=\"$CPU\" ram_gb=$RAM_GB java=\"$JAVA_VERSION\" commit=$COMMIT runs=$RUNS"
  echo "input: days=$DAYS per_day=$PER_DAY"
  echo "night2_on_1_s=$(awk -v x="$n2" 'BEGIN {printf "%.2f", x}') night$((DAYS + 1))_on_${DAYS}_s=$(awk -v x="$nd" 'BEGIN {printf "%.2f", x}')"
  echo "growth_$DAYS=$(awk -v a="$nd" -v b="$n2" 'BEGIN {printf "%.2f", a / b}')"
  exit 0
fi

# ---- data: N records over days 1-30, and day 31 apart -----------------------------------------
# The generator spreads --events evenly over --days and draws every value from one seeded random
# sequence, day after day, so days 1-30 of a 31-day run with 31*floor(N/30) + N%30 events are
# byte-identical to a 30-day run with N events; day 31 is then the next night of the same world.
DATA="$ROOT/bench-data/events-$EVENTS"
if [[ ! -f $DATA/.complete ]]; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  gen_events=$((31 * (EVENTS / 30) + EVENTS % 30))
  log "generating $gen_events records over 31 days into $DATA (once) ..."
  "$ROOT/scripts/generate-samples.sh" --mode bench --events "$gen_events" --days 31 \
    --out "$DATA/gen" >"$DATA/generator.log" 2>&1 ||
    { tail -20 "$DATA/generator.log" >&2; echo "bench: the generator failed" >&2; exit 1; }
  grep -ao 'bench: files=.*' "$DATA/generator.log" >&2 || true
  last_day=$(ls "$DATA/gen/label-logs" | sort | tail -1)
  for fmt in label-logs editor-logs; do
    mkdir -p "$DATA/night31/$fmt"
    mv "$DATA/gen/$fmt/$last_day" "$DATA/night31/$fmt/"
  done
  mv "$DATA/gen" "$DATA/input"
  touch "$DATA/.complete"
fi
FIRST_DAY=$(ls "$DATA/input/label-logs" | sort | head -1)
NIGHT31_DAY=$(ls "$DATA/night31/label-logs")
sum_bytes() { find "$1" -type f -name '*.jsonl' -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
INPUT_BYTES=$(sum_bytes "$DATA/input")
INPUT_FILES=$(find "$DATA/input" -type f -name '*.jsonl' | wc -l)
INPUT_MB=$(awk -v b="$INPUT_BYTES" 'BEGIN {printf "%.1f", b / 1e6}')
NIGHT_MB=$(awk -v b="$(sum_bytes "$DATA/night31")" 'BEGIN {printf "%.1f", b / 1e6}')
# A small night: the first 500 records of day 31 in each format, as one file each.
if [[ ! -f $DATA/small-night/.complete ]]; then
  rm -rf "$DATA/small-night"
  for fmt in label-logs editor-logs; do
    mkdir -p "$DATA/small-night/$fmt/$NIGHT31_DAY-small"
    mapfile -t night_files < <(find "$DATA/night31/$fmt" -type f -name '*.jsonl' | sort)
    awk 'NR <= 500' "${night_files[@]}" >"$DATA/small-night/$fmt/$NIGHT31_DAY-small/small.jsonl"
  done
  touch "$DATA/small-night/.complete"
fi

# ---- staging: hard links to the cached files, temp warehouses ----------------------------------
new_stage
link_tree() { cp -al "$1" "$2" 2>/dev/null || cp -a "$1" "$2"; }
IN30="$STAGE/in30"
IN1="$STAGE/in1"
link_tree "$DATA/input" "$IN30"
for fmt in label-logs editor-logs; do
  mkdir -p "$IN1/$fmt"
  link_tree "$DATA/input/$fmt/$FIRST_DAY" "$IN1/$fmt/$FIRST_DAY"
done
# Night 31 is added to an input root for one run, then taken away again: the job knows its files
# by path, size and modification time, which hard links keep.
add_night31() { cp -al "$DATA/night31/." "$1/" 2>/dev/null || cp -a "$DATA/night31/." "$1/"; }
drop_night31() { rm -rf "$1/label-logs/$NIGHT31_DAY" "$1/editor-logs/$NIGHT31_DAY"; }


log "input: $EVENTS records, $INPUT_MB MB in $INPUT_FILES files; $RUNS run(s) of each"

warm_up

# ---- full pipeline ----------------------------------------------------------------------------
WH="$STAGE/wh-full"
P_S=() P_RSS=() P_PARSE=() P_SILVER=() P_INGEST=()
for ((r = 1; r <= RUNS; r++)); do
  rm -rf "$WH"
  pipeline "$LOGS/pipeline-$r.log" "$IN30" "$WH"
  P_S+=("$LAST_S")
  P_RSS+=("$LAST_RSS_MB")
  P_PARSE+=("$(log_ms "$LOGS/pipeline-$r.log" 'Parsed [0-9]+ records \([0-9]+ quarantined\)')")
  P_SILVER+=("$(log_ms "$LOGS/pipeline-$r.log" 'Appended to encord_silver.events')")
  P_INGEST+=("$(log_ms "$LOGS/pipeline-$r.log" 'Ingested [0-9]+ files \([0-9]+ bytes\) into bronze and silver')")
  log "pipeline run $r: ${LAST_S} s, peak RSS ${LAST_RSS_MB} MB"
done

# ---- DuckDB -----------------------------------------------------------------------------------
D_S=() D_RSS=()
for ((r = 1; r <= RUNS; r++)); do
  rm -rf "$STAGE/duckdb"
  run_timed "$LOGS/duckdb-$r.log" "${BENCH_JAVA[@]}" io.encordanalytics.bench.DuckDbBaseline \
    "$IN30" "$STAGE/duckdb" 2
  D_S+=("$LAST_S")
  D_RSS+=("$LAST_RSS_MB")
  log "duckdb run $r: ${LAST_S} s, peak RSS ${LAST_RSS_MB} MB"
done

# ---- floor ------------------------------------------------------------------------------------
F_S=()
for ((r = 1; r <= RUNS; r++)); do
  run_timed "$LOGS/floor-$r.log" "${BENCH_JAVA[@]}" io.encordanalytics.bench.ParseFloor "$IN30" 2
  F_S+=("$LAST_S")
  log "floor run $r: ${LAST_S} s ($(grep -o 'lines=[0-9]* bad_lines=[0-9]*' "$LOGS/floor-$r.log"))"
done

# ---- DuckDB vs pipeline gold tables -----------------------------------------------------------
CHECK="not run"
if [[ $VERIFY == true ]]; then
  log "comparing DuckDB's gold tables with the pipeline's ..."
  "$ROOT/scripts/sql.sh" --warehouse "$WH" \
    "$("${BENCH_JAVA[@]}" io.encordanalytics.bench.GoldCheck sql)" \
    >"$STAGE/pipeline-totals.csv" 2>"$LOGS/gold-check-sql.log"
  "${BENCH_JAVA[@]}" io.encordanalytics.bench.GoldCheck compare "$STAGE/duckdb" \
    "$STAGE/pipeline-totals.csv" >"$LOGS/gold-check.txt" || true
  grep '^DIFF' "$LOGS/gold-check.txt" | sed 's/^/bench:   /' >&2 || true
  CHECK=$(tail -1 "$LOGS/gold-check.txt")
  log "$CHECK (details: $LOGS/gold-check.txt)"
fi

# ---- no-op re-runs ----------------------------------------------------------------------------
N_S=()
for ((r = 1; r <= RUNS; r++)); do
  pipeline "$LOGS/noop-$r.log" "$IN30" "$WH"
  N_S+=("$LAST_S")
  log "no-op run $r: ${LAST_S} s"
done

# ---- one new night on 30 nights of history, and on 1 -------------------------------------------
# Each timed night-31 run works on a copy of the warehouse, so every repetition starts alike.
WH1="$STAGE/wh-1night"
pipeline "$LOGS/history-1night.log" "$IN1" "$WH1"
log "1-night history built in ${LAST_S} s (untimed)"
I30_S=() I1_S=()
for ((r = 1; r <= RUNS; r++)); do
  for hist in 30 1; do
    if [[ $hist == 30 ]]; then base=$WH input=$IN30; else base=$WH1 input=$IN1; fi
    rm -rf "$STAGE/wh-inc"
    cp -a "$base" "$STAGE/wh-inc"
    add_night31 "$input"
    pipeline "$LOGS/night31-history$hist-$r.log" "$input" "$STAGE/wh-inc"
    drop_night31 "$input"
    rm -rf "$STAGE/wh-inc"
    if [[ $hist == 30 ]]; then I30_S+=("$LAST_S"); else I1_S+=("$LAST_S"); fi
    log "night 31 on $hist night(s) of history, run $r: ${LAST_S} s"
  done
done

# ---- a small night (1,000 records) on 30 nights of history --------------------------------------
SN_S=()
for ((r = 1; r <= RUNS; r++)); do
  rm -rf "$STAGE/wh-inc"
  cp -a "$WH" "$STAGE/wh-inc"
  cp -al "$DATA/small-night/label-logs/." "$IN30/label-logs/"
  cp -al "$DATA/small-night/editor-logs/." "$IN30/editor-logs/"
  pipeline "$LOGS/small-night-$r.log" "$IN30" "$STAGE/wh-inc"
  rm -rf "$IN30/label-logs/$NIGHT31_DAY-small" "$IN30/editor-logs/$NIGHT31_DAY-small"
  rm -rf "$STAGE/wh-inc"
  SN_S+=("$LAST_S")
  log "small night (1,000 records) on 30 nights of history, run $r: ${LAST_S} s"
done

# ---- results ----------------------------------------------------------------------------------
pipeline_s=$(median "${P_S[@]}")
small_night_s=$(median "${SN_S[@]}")
duckdb_s=$(median "${D_S[@]}")
floor_s=$(median "${F_S[@]}")
noop_s=$(median "${N_S[@]}")
inc30_s=$(median "${I30_S[@]}")
inc1_s=$(median "${I1_S[@]}")
peak_rss_mb=$(median "${P_RSS[@]}" | awk '{printf "%.0f", $1}')
duckdb_rss_mb=$(median "${D_RSS[@]}" | awk '{printf "%.0f", $1}')
parse_ms=$(median "${P_PARSE[@]:-0}")
silver_ms=$(median "${P_SILVER[@]:-0}")
# The ingest stage as the job logs it: "Ingested N files (B bytes) into bronze and silver in X ms",
# from reading the first file to the last silver commit (bronze, events, per-action tables and
# quarantine). Older jobs without that line fall back to the whole run.
ingest_ms=$(median "${P_INGEST[@]:-0}")
if [[ -n $ingest_ms && $ingest_ms != 0 ]]; then
  ingest_timing="json to bronze+silver (job log)"
  ingest_mb_per_s=$(awk -v b="$INPUT_BYTES" -v ms="$ingest_ms" 'BEGIN {printf "%.2f", b / 1e3 / ms}')
else
  ingest_timing="whole-run stand-in"
  ingest_mb_per_s=$(awk -v b="$INPUT_BYTES" -v s="$pipeline_s" 'BEGIN {printf "%.2f", b / 1e6 / s}')
fi
parse_mb_per_s=$(awk -v b="$INPUT_BYTES" -v ms="$parse_ms" 'BEGIN {if (ms > 0) printf "%.2f", b / 1e3 / ms; else print "n/a"}')
growth=$(awk -v a="$inc30_s" -v b="$inc1_s" 'BEGIN {printf "%.2f", a / b}')
ratio=$(awk -v a="$pipeline_s" -v b="$duckdb_s" 'BEGIN {printf "%.1f", a / b}')
night_vs_duckdb=$(awk -v a="$inc30_s" -v b="$duckdb_s" 'BEGIN {printf "%.2f", a / b}')
small_vs_noop=$(awk -v a="$small_night_s" -v b="$noop_s" 'BEGIN {printf "%.2f", a / b}')
f2() { awk -v x="$1" 'BEGIN {printf "%.2f", x}'; }

mkdir -p "$(dirname "$RESULTS")"
HEADER="timestamp,events,runs,input_mb,input_files,pipeline_s,duckdb_s,floor_s,ingest_mb_per_s,ingest_timing,noop_s,incremental_30_s,incremental_1_s,incremental_growth,peak_rss_mb,duckdb_rss_mb,ratio_vs_duckdb,gold_check,commit,nproc,cpu,ram_gb"
[[ -s $RESULTS ]] || echo "$HEADER" >"$RESULTS"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$EVENTS,$RUNS,$INPUT_MB,$INPUT_FILES,$(f2 "$pipeline_s"),$(f2 "$duckdb_s"),$(f2 "$floor_s"),$ingest_mb_per_s,$ingest_timing,$(f2 "$noop_s"),$(f2 "$inc30_s"),$(f2 "$inc1_s"),$growth,$peak_rss_mb,$duckdb_rss_mb,$ratio,$(echo "$CHECK" | sed 's/^gold_check: //; s/,//g'),$COMMIT,$NPROC,$CPU,$RAM_GB" >>"$RESULTS"
plot

echo "machine: nproc=$NPROC cpu=\"$CPU\" ram_gb=$RAM_GB java=\"$JAVA_VERSION\" commit=$COMMIT"
echo "input: events=$EVENTS input_mb=$INPUT_MB input_files=$INPUT_FILES (30 days, label + editor logs) night31_mb=$NIGHT_MB runs=$RUNS"
echo "detail: incremental_30_s=$(f2 "$inc30_s") incremental_1_s=$(f2 "$inc1_s") duckdb_rss_mb=$duckdb_rss_mb parse_s=$(awk -v m="$parse_ms" 'BEGIN {printf "%.1f", m / 1000}') parse_mb_per_s=$parse_mb_per_s silver_events_append_s=$(awk -v m="$silver_ms" 'BEGIN {printf "%.1f", m / 1000}') ingest_timing=\"$ingest_timing\" $CHECK"
echo "pipeline_s=$(f2 "$pipeline_s") duckdb_s=$(f2 "$duckdb_s") floor_s=$(f2 "$floor_s") ingest_mb_per_s=$ingest_mb_per_s noop_s=$(f2 "$noop_s") incremental_growth=$growth peak_rss_mb=$peak_rss_mb"
echo "ratio_vs_duckdb=$ratio"
echo "night_vs_duckdb=$night_vs_duckdb small_night_s=$(f2 "$small_night_s") small_vs_noop=$small_vs_noop"
