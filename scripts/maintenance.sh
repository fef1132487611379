#!/usr/bin/env bash
# Runs the table maintenance job (io.encordanalytics.MaintenanceJob) locally through spark-submit:
# OPTIMIZE then VACUUM (retention encord.maintenance.vacuum-retention) on every Delta table of the
# warehouse. Run it after the nightly job, e.g. weekly.
#   scripts/maintenance.sh [--warehouse DIR] [--set encord.maintenance.vacuum-retention=336h]
# Defaults: --warehouse ./warehouse (from conf/local.conf).
# (Re)builds the job jar first when it is missing or older than the sources.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
submit_local io.encordanalytics.MaintenanceJob "$@"
