#!/usr/bin/env bash
# Runs the nightly pipeline locally through spark-submit (org.apache.spark.deploy.SparkSubmit from
# the Maven-resolved jars, master local[*]).
#   scripts/run-local.sh [--input DIR] [--warehouse DIR] [any NightlyJob flag ...]
# Defaults: --input data-samples --warehouse ./warehouse (from conf/local.conf).
# (Re)builds the job jar first when it is missing or older than the sources.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_jar
cd "$ROOT"
exec java "${JAVA_OPTS_SPARK[@]}" -Xmx${DRIVER_MEMORY:-4g} -cp "$(runtime_classpath)" \
  org.apache.spark.deploy.SparkSubmit \
  --master "${SPARK_MASTER:-local[*]}" \
  --conf spark.ui.enabled=false \
  --conf spark.driver.host=127.0.0.1 \
  --conf spark.driver.bindAddress=127.0.0.1 \
  --class io.encordanalytics.NightlyJob \
  "$JOB_JAR" --config "$ROOT/conf/local.conf" "$@"
