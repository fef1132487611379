#!/usr/bin/env bash
# Runs the nightly job the way a cluster runs it, on this machine, and checks it against a local run.
#
#   scripts/run-cluster-local.sh
#
# 1. Starts a Spark standalone cluster from the Maven-resolved jars: one Master and one Worker
#    (2 cores, 2g), bound to 127.0.0.1 on free ports, with a temporary SPARK_HOME whose jars/ holds
#    what a Spark distribution ships: the runtime classpath minus the artifacts the job jar must
#    bring itself (Delta, Unity Catalog client, Typesafe Config). Executors start from
#    $SPARK_HOME/jars/* plus the job jar, as on a real cluster, so a class missing from the shaded
#    jar fails here and not in production.
# 2. Runs scripts/run-local.sh into a temp warehouse (or takes REFERENCE_WAREHOUSE, see below),
#    then pins a copy of the job jar, so that both runs execute the same code even while others
#    rebuild jobs/target.
# 3. Submits the nightly job with that jar to the cluster in client mode with conf/cluster.conf
#    (ENCORD_INPUT_ROOT=data-samples, ENCORD_WAREHOUSE=<second temp dir>), its shuffle partitions
#    sized for the sample (REHEARSAL_SHUFFLE_PARTITIONS, default 4, instead of cluster.conf's 64:
#    64 tasks per stage for 552 records tripled the run); the driver also runs from
#    $SPARK_HOME/jars/* only. Then stops the cluster.
# 4. Compares every encord_gold table of the two warehouses: the table directories, then every row
#    of every table through scripts/sql.sh (one call per warehouse), as sorted lines.
#
# Prints "run-cluster-local: ok ..." and exits 0 when every gold table is identical; otherwise
# prints "run-cluster-local: FAIL ..." and exits non-zero. Master and Worker are stopped and the
# temp dirs removed on every exit. Environment: START_TIMEOUT (seconds to wait for the master and
# the worker, default 180), KEEP_TEMP=1 keeps the temp dir (logs, warehouses) for inspection,
# REFERENCE_WAREHOUSE=DIR uses an existing local run's warehouse instead of running one (see below).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

START_TIMEOUT="${START_TIMEOUT:-180}"
STARTED_AT=$(date +%s)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/encord-cluster.XXXXXX")
SPARK_HOME_DIR="$WORK/spark-home"
CLUSTER_WH="$WORK/warehouse-cluster"
LOCAL_WH="$WORK/warehouse-local"
LOGS="$WORK/logs"
MASTER_PID=""
WORKER_PID=""
STEP="setup"
mkdir -p "$SPARK_HOME_DIR/jars" "$SPARK_HOME_DIR/work" "$LOGS" "$CLUSTER_WH"

log() { echo "run-cluster-local: $*" >&2; }

# Stops a daemon by PID: TERM, then KILL after 30 s. Children it started (executors) that are still
# alive afterwards, e.g. because the daemon died before it could stop them, are killed by PID.
stop_pid() {
  local pid=$1 name=$2 children i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  children=$(pgrep -P "$pid" || true)
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop on TERM; killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
  for c in $children; do
    kill -0 "$c" 2>/dev/null && kill -9 "$c" 2>/dev/null || true
  done
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  trap '' INT TERM
  stop_pid "$WORKER_PID" Worker
  stop_pid "$MASTER_PID" Master
  local elapsed=$(($(date +%s) - STARTED_AT))
  if [[ $rc -ne 0 ]]; then
    for f in "$LOGS"/*.log "$SPARK_HOME_DIR"/work/*/*/stderr; do
      [[ -s $f ]] || continue
      echo "----- last lines of ${f#"$WORK"/} -----" >&2
      tail -n 25 "$f" >&2
    done
  fi
  if [[ ${KEEP_TEMP:-0} == 1 ]]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  if [[ $rc -eq 0 ]]; then
    echo "run-cluster-local: ok: cluster and local runs wrote identical gold tables (${elapsed}s)"
  else
    echo "run-cluster-local: FAIL during $STEP (exit $rc, ${elapsed}s)"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Sets the variable named $1 to a TCP port on 127.0.0.1 that nothing listens on and that this
# script has not handed out already.
TAKEN=" "
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    [[ $TAKEN == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      TAKEN+="$p "
      printf -v "$1" '%s' "$p"
      return 0
    fi
  done
  log "no free port found"
  return 1
}

# Waits until the log file of a live process shows a line matching the pattern.
wait_for() {
  local pid=$1 file=$2 pattern=$3 what=$4 i
  for ((i = 0; i < START_TIMEOUT; i++)); do
    if grep -q -- "$pattern" "$file" 2>/dev/null; then
      log "$what after ${i}s"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$what: process $pid exited (see $file)"
      return 1
    fi
    sleep 1
  done
  log "$what: not seen within ${START_TIMEOUT}s (START_TIMEOUT)"
  return 1
}

STEP="building the job jar"
ensure_jar

# A Spark distribution's jars/: the Maven-resolved runtime classpath without the artifacts that
# only the job needs (Delta and its dependencies, Typesafe Config). Those must come from the job jar.
STEP="preparing SPARK_HOME"
JOB_ONLY='/(io/delta|io/unitycatalog|com/typesafe/config|com/fasterxml/jackson/datatype/jackson-datatype-jdk8)/'
skipped=()
while IFS= read -r jar; do
  [[ -n $jar ]] || continue
  if [[ $jar =~ $JOB_ONLY ]]; then
    skipped+=("$(basename "$jar")")
  else
    ln -s "$jar" "$SPARK_HOME_DIR/jars/$(basename "$jar")"
  fi
done < <(runtime_classpath | tr ':' '\n')
log "SPARK_HOME $SPARK_HOME_DIR: $(ls "$SPARK_HOME_DIR/jars" | wc -l) jars; left to the job jar: ${skipped[*]}"

export SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_DIRS="$WORK/local" SPARK_WORKER_DIR="$SPARK_HOME_DIR/work"
unset SPARK_CONF_DIR
# Daemons log at INFO (their registration lines are how this script knows they are up).
cat >"$WORK/log4j2-daemons.properties" <<'EOF'
rootLogger.level = info
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
EOF
DAEMON_OPTS=("${JAVA_OPTS_SPARK[@]}" -Xmx512m "-Dlog4j.configurationFile=$WORK/log4j2-daemons.properties"
  -Dspark.master.rest.enabled=false)

STEP="starting the master"
free_port MASTER_PORT
free_port MASTER_UI_PORT
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"
java "${DAEMON_OPTS[@]}" -cp "$(runtime_classpath)" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT" \
  >"$LOGS/master.log" 2>&1 &
MASTER_PID=$!
log "Master pid $MASTER_PID at $MASTER_URL (UI 127.0.0.1:$MASTER_UI_PORT)"
wait_for "$MASTER_PID" "$LOGS/master.log" "I have been elected leader" "master up"

STEP="starting the worker"
free_port WORKER_PORT
free_port WORKER_UI_PORT
java "${DAEMON_OPTS[@]}" -cp "$(runtime_classpath)" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --port "$WORKER_PORT" --webui-port "$WORKER_UI_PORT" \
  --cores 2 --memory 2g --work-dir "$SPARK_HOME_DIR/work" "$MASTER_URL" \
  >"$LOGS/worker.log" 2>&1 &
WORKER_PID=$!
log "Worker pid $WORKER_PID (2 cores, 2g)"
wait_for "$WORKER_PID" "$LOGS/worker.log" "Successfully registered with master" "worker registered"

STEP="the local run"
# REFERENCE_WAREHOUSE: a warehouse that a local run of the current code already built from
# data-samples (mvn verify passes the one NotebookSqlTest builds); used only when no source,
# sample or README file is newer than it.
if [[ -n ${REFERENCE_WAREHOUSE:-} && -d $REFERENCE_WAREHOUSE/encord_gold.db ]] &&
  [[ -z $(find "$ROOT/jobs/src/main" "$ROOT/data-samples" "$ROOT/README.md" -newer "$REFERENCE_WAREHOUSE" -type f -print -quit) ]]; then
  LOCAL_WH="$REFERENCE_WAREHOUSE"
  log "local run: using the warehouse the tests built from data-samples ($LOCAL_WH)"
else
  log "local run (warehouse $LOCAL_WH)"
  jar_before=$(cksum <"$JOB_JAR")
  # As a developer runs it: without the cluster's SPARK_* variables.
  env -u SPARK_HOME -u SPARK_SCALA_VERSION -u SPARK_LOCAL_DIRS -u SPARK_WORKER_DIR \
    scripts/run-local.sh --warehouse "$LOCAL_WH"
  jar_after=$(cksum <"$JOB_JAR")
  if [[ $jar_before != "$jar_after" ]]; then
    log "WARNING: $JOB_JAR was rebuilt during the local run; the cluster run may run other code"
  fi
fi
SUBMIT_JAR="$WORK/$(basename "$JOB_JAR")"
cp "$JOB_JAR" "$SUBMIT_JAR"

STEP="the nightly job on the cluster"
log "submitting io.encordanalytics.NightlyJob to $MASTER_URL (warehouse $CLUSTER_WH)"
ENCORD_INPUT_ROOT="$ROOT/data-samples" ENCORD_WAREHOUSE="$CLUSTER_WH" \
  java "${JAVA_OPTS_SPARK[@]}" -Xmx${DRIVER_MEMORY:-2g} -cp "$SPARK_HOME_DIR/jars/*" \
  org.apache.spark.deploy.SparkSubmit \
  --master "$MASTER_URL" --deploy-mode client \
  --class io.encordanalytics.NightlyJob \
  --executor-memory 1g --total-executor-cores 2 \
  --conf spark.ui.enabled=false \
  --conf spark.driver.host=127.0.0.1 \
  --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension \
  --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
  --conf "spark.executor.extraJavaOptions=-Duser.timezone=UTC $NIO_BUFFER_OPT -Dlog4j.configurationFile=$ROOT/conf/log4j2.properties" \
  "$SUBMIT_JAR" --config "$ROOT/conf/cluster.conf" \
  --set "encord.spark.shuffle-partitions=${REHEARSAL_SHUFFLE_PARTITIONS:-4}"
executors=$(ls -d "$SPARK_HOME_DIR"/work/app-*/* 2>/dev/null | wc -l)
if [[ $executors -lt 1 ]]; then
  log "the job never got an executor from the worker"
  exit 1
fi
log "cluster run done ($executors executor(s) launched by the worker)"

# The cluster is no longer needed.
stop_pid "$WORKER_PID" Worker
stop_pid "$MASTER_PID" Master
WORKER_PID="" MASTER_PID=""
unset SPARK_HOME SPARK_SCALA_VERSION SPARK_LOCAL_DIRS SPARK_WORKER_DIR

STEP="comparing gold tables"
# sql.sh rebuilds the job jar when sources changed: build once here, so that the two calls below
# (one per warehouse, side by side) find it fresh. A call that still fails, e.g. because another
# build replaced the jar under it, is retried afterwards, one at a time.
ensure_jar
sql_retry() {
  local attempt
  for attempt in 1 2 3; do
    scripts/sql.sh "$@" && return 0
    log "sql.sh failed (attempt $attempt of 3)"
    sleep 30
  done
  return 1
}
# Runs one statement on both warehouses into $WORK/<name>.cluster.csv and $WORK/<name>.local.csv.
sql_both() {
  local name=$1 sql=$2 pid_cluster pid_local rc_cluster=0 rc_local=0
  scripts/sql.sh --warehouse "$CLUSTER_WH" "$sql" >"$WORK/$name.cluster.csv" 2>>"$LOGS/sql-cluster.log" &
  pid_cluster=$!
  scripts/sql.sh --warehouse "$LOCAL_WH" "$sql" >"$WORK/$name.local.csv" 2>>"$LOGS/sql-local.log" &
  pid_local=$!
  wait "$pid_cluster" || rc_cluster=$?
  wait "$pid_local" || rc_local=$?
  if [[ $rc_cluster -ne 0 ]]; then
    sql_retry --warehouse "$CLUSTER_WH" "$sql" >"$WORK/$name.cluster.csv" 2>>"$LOGS/sql-cluster.log"
  fi
  if [[ $rc_local -ne 0 ]]; then
    sql_retry --warehouse "$LOCAL_WH" "$sql" >"$WORK/$name.local.csv" 2>>"$LOGS/sql-local.log"
  fi
}

# The gold tables of each warehouse: directories of <warehouse>/encord_gold.db with a Delta commit.
gold_tables() {
  local d
  for d in "$1"/encord_gold.db/*/; do
    compgen -G "$d/_delta_log/*.json" >/dev/null && basename "$d"
  done | LC_ALL=C sort
}
cluster_tables=$(gold_tables "$CLUSTER_WH")
local_tables=$(gold_tables "$LOCAL_WH")
if [[ -z $local_tables ]]; then
  log "the local run wrote no gold tables"
  exit 1
fi
if [[ $cluster_tables != "$local_tables" ]]; then
  log "gold tables differ: cluster [$(echo $cluster_tables)] vs local [$(echo $local_tables)]"
  exit 1
fi

# SELECT * of every gold table in one statement (one JVM per warehouse instead of one per table):
# each row as one JSON line (every column, microsecond timestamps), prefixed with its table.
union=""
for t in $local_tables; do
  [[ -z $union ]] || union+=" UNION ALL "
  union+="SELECT '$t' AS gold_table, to_json(struct(*), map('timestampFormat', 'yyyy-MM-dd HH:mm:ss.SSSSSS')) AS row FROM (SELECT * FROM encord_gold.$t)"
done
sql_both gold "$union"

different=0
for t in $local_tables; do
  grep "^$t," "$WORK/gold.cluster.csv" | LC_ALL=C sort >"$WORK/$t.cluster.sorted" || true
  grep "^$t," "$WORK/gold.local.csv" | LC_ALL=C sort >"$WORK/$t.local.sorted" || true
  rows=$(wc -l <"$WORK/$t.local.sorted")
  if cmp -s "$WORK/$t.cluster.sorted" "$WORK/$t.local.sorted"; then
    log "encord_gold.$t: identical ($rows rows)"
  else
    log "encord_gold.$t: DIFFERENT (cluster $(wc -l <"$WORK/$t.cluster.sorted") rows, local $rows); first differing lines (< cluster, > local):"
    diff "$WORK/$t.cluster.sorted" "$WORK/$t.local.sorted" | head -n 10 >&2 || true
    different=$((different + 1))
  fi
done
if [[ $different -ne 0 ]]; then
  log "$different gold table(s) differ"
  exit 1
fi
STEP="done"
