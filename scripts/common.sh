# Shared by the scripts: repo root, the job jar (rebuilt when older than the sources), the
# Maven-resolved runtime classpath, and Spark's JDK 17 module options.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# ENCORD_BUILD_DIR: the jobs module's build directory when Maven was run with -Dbuild.dir=...
BUILD_DIR="${ENCORD_BUILD_DIR:-$ROOT/jobs/target}"
JOB_JAR="$BUILD_DIR/encord-jobs-0.1.0-SNAPSHOT.jar"
CLASSPATH_FILE="$BUILD_DIR/runtime-classpath.txt"
MVN="${MVN:-mvn}"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# Spark's JDK 17 module options: the property spark.jvm.opens of the parent pom.xml, the one list
# that the tests' JVMs (surefire argLine) get too; then this project's own options for its JVMs.
read -r -a SPARK_JVM_OPENS <<<"$(tr '\n' ' ' <"$ROOT/pom.xml" |
  sed -n 's:.*<spark\.jvm\.opens>\([^<]*\)</spark\.jvm\.opens>.*:\1:p')"
if ((${#SPARK_JVM_OPENS[@]} == 0)); then
  echo "scripts/common.sh: no <spark.jvm.opens> property in $ROOT/pom.xml" >&2
  exit 1
fi
# The JDK keeps, per thread, a direct buffer as large as the largest channel read or write the
# thread did (Spark writes blocks of several MB): 460 MB outside the heap at 1M records. Larger ones
# are freed after use with this (README, "Performance"); executors need it as much as drivers.
NIO_BUFFER_OPT=-Djdk.nio.maxCachedBufferSize=262144
JAVA_OPTS_SPARK=(
  "${SPARK_JVM_OPENS[@]}"
  -XX:G1HeapRegionSize=32m
  "$NIO_BUFFER_OPT"
  -Duser.timezone=UTC
  "-Dlog4j.configurationFile=$ROOT/conf/log4j2.properties"
)

# Rebuilds the job jar when it is missing or older than any source, pom or resource.
ensure_jar() {
  local newer=""
  if [[ -f "$JOB_JAR" ]]; then
    newer=$(find "$ROOT/jobs/src/main" "$ROOT/pom.xml" "$ROOT/jobs/pom.xml" "$ROOT/README.md" -newer "$JOB_JAR" -type f -print -quit)
  fi
  if [[ ! -f "$JOB_JAR" || -n "$newer" ]]; then
    echo "Building the job jar ..." >&2
    (cd "$ROOT" && $MVN -q -B -pl jobs -Dmaven.test.skip=true -Dspotless.check.skip=true \
      "-Dbuild.dir=$BUILD_DIR" package >&2)
  fi
  if [[ ! -f "$CLASSPATH_FILE" || "$ROOT/jobs/pom.xml" -nt "$CLASSPATH_FILE" || "$ROOT/pom.xml" -nt "$CLASSPATH_FILE" ]]; then
    # Every scope: the scripts need Spark (provided) and log4j-core (runtime), and no single
    # includeScope of the plugin gives both (compile drops runtime, runtime drops provided).
    (cd "$ROOT" && $MVN -q -B -pl jobs dependency:build-classpath \
      -Dmdep.outputFile="$CLASSPATH_FILE" >&2)
    # The plugin leaves an unchanged file untouched: without this every run paid ~10 s of Maven.
    touch "$CLASSPATH_FILE"
  fi
}

# The Spark runtime classpath (Spark, Delta, Config, Jackson) resolved by Maven.
runtime_classpath() {
  cat "$CLASSPATH_FILE"
}

# Class data sharing: the JVM maps the Spark, Delta and Hadoop classes a run loads from an archive
# instead of reading and verifying them from ~200 jars at every start. The first run after the
# classpath changes writes the archive at its exit; later runs use it. ENCORD_CDS=false turns it off.
CDS_ARCHIVE="$BUILD_DIR/spark-classes.jsa"
cds_options() {
  CDS_OPTS=()
  [[ ${ENCORD_CDS:-true} == true ]] || return 0
  if [[ -s $CDS_ARCHIVE && $CDS_ARCHIVE -nt $CLASSPATH_FILE ]]; then
    CDS_OPTS=("-XX:SharedArchiveFile=$CDS_ARCHIVE" -Xshare:auto)
  else
    CDS_OPTS=("-XX:ArchiveClassesAtExit=$CDS_ARCHIVE")
  fi
  CDS_OPTS+=(-Xlog:cds=off -Xlog:cds+dynamic=off)
}

# Runs one of the project's job classes through spark-submit (local[*] unless SPARK_MASTER is set),
# with conf/local.conf; extra arguments go to the job.
submit_local() {
  local class="$1"
  shift
  ensure_jar
  cd "$ROOT"
  cds_options
  exec java "${JAVA_OPTS_SPARK[@]}" "${CDS_OPTS[@]}" -Xmx${DRIVER_MEMORY:-3g} -cp "$(runtime_classpath)" \
    org.apache.spark.deploy.SparkSubmit \
    --master "${SPARK_MASTER:-local[*]}" \
    --conf spark.ui.enabled=false \
    --conf spark.driver.host=127.0.0.1 \
    --conf spark.driver.bindAddress=127.0.0.1 \
    --class "$class" \
    "$JOB_JAR" --config "$ROOT/conf/local.conf" "$@"
}
