"""Airflow DAGs for the Encord activity-analytics jobs (example; see docs/scheduling.md).

Two DAGs share one job jar and one configuration file:

* ``encord_nightly``: every night the nightly job (ingest new exports, rebuild the touched gold
  dates); on Sundays, after it, the maintenance job (OPTIMIZE + VACUUM every table).
* ``encord_backfill``: triggered by hand; rebuilds the gold tables for a date range from silver
  (``--from/--to``), e.g. after a metric definition changed::

      airflow dags trigger encord_backfill --conf '{"from": "2025-04-01", "to": "2025-04-30"}'

Airflow's own backfill (``airflow dags backfill encord_nightly``) is not the tool here: the nightly
job ingests whatever exports are new, whatever the logical date, so re-running old logical dates
only repeats no-op runs.

Everything site-specific comes from environment variables of the Airflow workers (or set them as
Airflow Variables and read them with ``{{ var.value.x }}``):

=========================  =====================================================================
ENCORD_JOB_JAR             job jar, e.g. s3a://bucket/artifacts/encord-jobs-0.1.0.jar
ENCORD_CLUSTER_CONF        conf/cluster.conf, shipped with --files (default: next to the DAGs)
ENCORD_INPUT_ROOT          where Encord exports land, e.g. s3a://bucket/encord-exports
ENCORD_WAREHOUSE           root of the Delta tables, e.g. s3a://bucket/warehouse
ENCORD_SPARK_CONN_ID       Airflow Spark connection (master: yarn, k8s://..., spark://...)
ENCORD_DEPLOY_MODE         cluster (default: the driver runs on the cluster) or client
=========================  =====================================================================

One run at a time per warehouse: the job's run guard makes a run all-or-nothing and rolls back an
interrupted run, but it can only tell a live run from a dead one on the same host. Every task
therefore takes the single slot of the ``encord_warehouse`` pool (create it once:
``airflow pools set encord_warehouse 1 "one Encord job per warehouse"``) and the nightly DAG runs
one DAG run at a time. Retries are safe: a failed run restores every table before it exits and a
killed run is rolled back by the next one, which then redoes its work exactly once.

Needs apache-airflow-providers-apache-spark. Written for Airflow 2.7+ and 3.x.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

try:  # Airflow 3
    from airflow.providers.standard.operators.python import ShortCircuitOperator
    from airflow.sdk import DAG, Param
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.models.param import Param
    from airflow.operators.python import ShortCircuitOperator

JOB_JAR = os.environ.get("ENCORD_JOB_JAR", "/opt/encord/encord-jobs-0.1.0-SNAPSHOT.jar")
CLUSTER_CONF = os.environ.get(
    "ENCORD_CLUSTER_CONF", os.path.join(os.path.dirname(__file__), "cluster.conf")
)
SPARK_CONN_ID = os.environ.get("ENCORD_SPARK_CONN_ID", "spark_default")
DEPLOY_MODE = os.environ.get("ENCORD_DEPLOY_MODE", "cluster")
# --files puts cluster.conf in the working directory of a driver that runs on the cluster (YARN,
# Kubernetes); a client-mode driver runs on the Airflow worker and reads the file where it is.
CONFIG_ARG = "cluster.conf" if DEPLOY_MODE == "cluster" else CLUSTER_CONF
POOL = "encord_warehouse"

# Read by conf/cluster.conf (${ENCORD_INPUT_ROOT}, ${ENCORD_WAREHOUSE}). The Spark provider passes
# env_vars to the driver in every deploy mode: the spark-submit environment in client mode,
# spark.yarn.appMasterEnv.* on YARN and spark.kubernetes.driverEnv.* on Kubernetes.
JOB_ENV = {
    "ENCORD_INPUT_ROOT": os.environ.get("ENCORD_INPUT_ROOT", ""),
    "ENCORD_WAREHOUSE": os.environ.get("ENCORD_WAREHOUSE", ""),
}

SPARK_CONF = {
    # The job sets these itself; on the command line they also hold for anything else that
    # shares the session (listeners, notebooks on the same cluster).
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
    # UTC; 32 MB G1 regions and small cached NIO buffers (README, "Performance").
    "spark.driver.extraJavaOptions": "-Duser.timezone=UTC -XX:G1HeapRegionSize=32m -Djdk.nio.maxCachedBufferSize=262144",
    "spark.executor.extraJavaOptions": "-Duser.timezone=UTC -XX:G1HeapRegionSize=32m -Djdk.nio.maxCachedBufferSize=262144",
}

default_args = {
    "owner": "data-engineering",
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=4),
    "pool": POOL,
}


def encord_job(task_id: str, java_class: str, extra_args: list[str] | None = None, **kwargs):
    """One spark-submit of the job jar: --files ships cluster.conf, --config names it."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class=java_class,
        name=f"encord-{task_id}",
        deploy_mode=DEPLOY_MODE,
        files=CLUSTER_CONF,
        application_args=["--config", CONFIG_ARG, *(extra_args or [])],
        conf=SPARK_CONF,
        env_vars=JOB_ENV,
        driver_memory="4g",
        executor_memory="8g",
        executor_cores=4,
        num_executors=4,
        **kwargs,
    )


def is_maintenance_day(**context) -> bool:
    """Sunday (UTC) by the run's logical date; manual Airflow 3 runs have none: their trigger time."""
    when = context.get("logical_date") or context["dag_run"].run_after
    return when.weekday() == 6


with DAG(
    dag_id="encord_nightly",
    description="Encord activity logs -> Delta: nightly ingest and gold; weekly table maintenance",
    schedule="30 2 * * *",  # 02:30 UTC, after the nightly Encord export lands
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["encord", "spark", "delta"],
) as nightly_dag:
    nightly = encord_job("nightly", "io.encordanalytics.NightlyJob")

    # Maintenance once a week, right after that night's run, never at the same time as it.
    is_sunday = ShortCircuitOperator(
        task_id="is_sunday", python_callable=is_maintenance_day, retries=0
    )
    maintenance = encord_job("maintenance", "io.encordanalytics.MaintenanceJob")

    nightly >> is_sunday >> maintenance


with DAG(
    dag_id="encord_backfill",
    description="Rebuild the Encord gold tables for a date range from silver (--from/--to)",
    schedule=None,
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    params={
        "from": Param("2025-04-01", type="string", format="date", description="first date"),
        "to": Param("2025-04-30", type="string", format="date", description="last date"),
    },
    tags=["encord", "spark", "delta", "backfill"],
) as backfill_dag:
    encord_job(
        "backfill",
        "io.encordanalytics.NightlyJob",
        extra_args=["--from", "{{ params['from'] }}", "--to", "{{ params['to'] }}"],
    )
