#!/usr/bin/env bash
# Runs one Spark SQL statement against a warehouse and prints CSV (header row; null = empty field)
# on stdout. Logs go to stderr.
#   scripts/sql.sh [--warehouse DIR] "SELECT action, count(*) FROM encord_silver.events GROUP BY action"
#   scripts/sql.sh [--warehouse DIR] --serve
# --serve keeps one session for many statements: a JSON request per line on stdin, {"sql": "..."},
# a JSON answer per line on stdout (typed values; see SqlCli). The notebooks' stand-in for PySpark
# (notebooks/tools/sql_shim.py) runs their SQL through it.
# SQL_JAVA_OPTS: extra JVM options, e.g. -XX:TieredStopAtLevel=1 (what the notebooks' build uses).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_jar
cd "$ROOT"
read -r -a EXTRA_JAVA_OPTS <<<"${SQL_JAVA_OPTS:-}"
# The JVM's own warnings (e.g. a full code cache) go to stderr: stdout carries only the answers,
# which --serve's clients parse line by line.
exec java "${JAVA_OPTS_SPARK[@]}" -XX:+DisplayVMOutputToStderr "${EXTRA_JAVA_OPTS[@]}" -Xmx${DRIVER_MEMORY:-2g} \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "$JOB_JAR:$(runtime_classpath)" \
  io.encordanalytics.SqlCli --config "$ROOT/conf/local.conf" "$@"
