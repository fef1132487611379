#!/usr/bin/env bash
# Runs the nightly pipeline locally through spark-submit (org.apache.spark.deploy.SparkSubmit from
# the Maven-resolved jars, master local[*]).
#   scripts/run-local.sh [--input DIR] [--warehouse DIR] [any NightlyJob flag ...]
# Defaults: --input data-samples --warehouse ./warehouse (from conf/local.conf).
# (Re)builds the job jar first when it is missing or older than the sources.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
submit_local io.encordanalytics.NightlyJob "$@"
