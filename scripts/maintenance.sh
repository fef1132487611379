#!/usr/bin/env bash
# Runs the table maintenance job (io.encordanalytics.MaintenanceJob) locally through spark-submit:
# OPTIMIZE then VACUUM (retention encord.maintenance.vacuum-retention) on every Delta table of the
# warehouse. Run it after the nightly job, e.g. weekly.
#   scripts/maintenance.sh [--warehouse DIR] [--set encord.maintenance.vacuum-retention=336h]
# Defaults: --warehouse ./warehouse (from conf/local.conf).
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
  --class io.encordanalytics.MaintenanceJob \
  "$JOB_JAR" --config "$ROOT/conf/local.conf" "$@"
