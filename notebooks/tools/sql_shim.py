"""A stand-in for a PySpark session where PySpark is not installed.

The notebooks talk to Spark through ``spark.sql(query).toPandas()`` and a few helpers of the setup
cell. PySpark cannot be installed on the build machines, so the build gives the notebook kernel a
``spark`` object from this module instead: ``spark.sql(...)`` sends the statement to the project's
own Spark (``scripts/sql.sh --serve``, one JVM kept alive for the whole notebook, or shared by all
notebooks of a build run) and returns a result whose ``toPandas()`` gives the frame PySpark's
``toPandas()`` gives (without Arrow, its default):

* byte/short/int/long columns as int8/16/32/64, or float64 (NaN) when they hold a null;
* float/double as float32/float64 (null -> NaN); boolean as bool, or object (None) with nulls;
* timestamps as naive ``datetime64[ns]`` in the session time zone (UTC here);
* dates as ``datetime.date`` objects, decimals as ``decimal.Decimal``, strings as ``str``, nulls
  as None (object columns); arrays as lists, maps as dicts, structs as ``Row``.

Only what the notebooks use is here: ``spark.sql(...)`` with ``.toPandas()``, ``.collect()`` and
``.columns``; ``spark.conf.set/get``; ``spark.catalog.tableExists``. Anything else raises
AttributeError naming the shim, so a notebook that starts using more of PySpark fails the build
visibly instead of running something else.

Transport: when ``ENCORD_SQL_SOCKET`` names a Unix socket (the build's runner shares one SQL
process between notebooks that way), requests go there; otherwise the first ``spark.sql`` starts
``scripts/sql.sh --warehouse $ENCORD_WAREHOUSE --serve`` (default ``../warehouse``) for this kernel.
"""

import base64
import datetime as dt
import decimal
import importlib.util
import json
import os
import re
import socket
import subprocess
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class SqlError(Exception):
    """A statement failed in Spark; the message is Spark's."""


class Row(tuple):
    """A result row, like ``pyspark.sql.Row``: by position, by name (``r.tableName``, ``r["x"]``)."""

    def __new__(cls, fields, values):
        row = tuple.__new__(cls, values)
        row.__fields__ = list(fields)
        return row

    def __getattr__(self, name):
        try:
            return self[self.__fields__.index(name)]
        except ValueError:
            raise AttributeError(name) from None

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                key = self.__fields__.index(key)
            except ValueError:
                raise KeyError(key) from None
        return tuple.__getitem__(self, key)

    def asDict(self):
        return dict(zip(self.__fields__, self))

    def __repr__(self):
        return "Row(" + ", ".join(f"{n}={v!r}" for n, v in zip(self.__fields__, self)) + ")"


# --- values and frames ------------------------------------------------------------------------

_INTEGRAL = {"byte": "int8", "short": "int16", "integer": "int32", "long": "int64"}


def _converter(t):
    """A function from the JSON form of a value of Spark type ``t`` to what PySpark's collect() gives."""
    if isinstance(t, dict):
        kind = t.get("type")
        if kind == "array":
            element = _converter(t["elementType"])
            return lambda v: None if v is None else [element(x) for x in v]
        if kind == "map":
            key, value = _converter(t["keyType"]), _converter(t["valueType"])
            return lambda v: None if v is None else {key(k): value(x) for k, x in v}
        if kind == "struct":
            names = [f["name"] for f in t["fields"]]
            convs = [_converter(f["type"]) for f in t["fields"]]
            return lambda v: None if v is None else Row(names, [c(v.get(n)) for n, c in zip(names, convs)])
        return lambda v: v
    if t == "date":
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if t in ("timestamp", "timestamp_ntz"):
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if t in ("double", "float"):
        return lambda v: None if v is None else float(v)
    if t.startswith("decimal"):
        return lambda v: None if v is None else decimal.Decimal(v)
    if t == "binary":
        return lambda v: None if v is None else bytearray(base64.b64decode(v))
    return lambda v: v


def _corrected(series, field):
    """PySpark's non-Arrow toPandas() dtype correction of one column (pyspark.sql.pandas.types)."""
    import numpy as np

    t, nullable = field["type"], field.get("nullable", True)
    if not isinstance(t, str):
        return series  # arrays, maps, structs: lists, dicts, Rows
    has_null = bool(series.isnull().any())
    if t in _INTEGRAL:
        return series.astype(np.float64 if nullable and has_null else _INTEGRAL[t])
    if t == "float":
        return series.astype(np.float32)
    if t == "double":
        return series.astype(np.float64)
    if t == "boolean":
        return series.astype(object if nullable and has_null else bool)
    if t in ("timestamp", "timestamp_ntz"):
        return series.astype("datetime64[ns]")
    return series


def to_pandas(schema, rows):
    """The pandas frame PySpark's ``toPandas()`` gives for these rows (``Row``s of collect())."""
    import pandas as pd

    fields = schema["fields"]
    names = [f["name"] for f in fields]
    if rows:
        pdf = pd.DataFrame.from_records([tuple(r) for r in rows], index=range(len(rows)), columns=names)
    else:
        pdf = pd.DataFrame(columns=names)
    if not names:
        return pdf
    return pd.concat([_corrected(pdf.iloc[:, i], f) for i, f in enumerate(fields)], axis="columns")


class Result:
    """What ``spark.sql(...)`` returns: the statement has already run (PySpark runs DDL eagerly too)."""

    def __init__(self, answer):
        self._schema = answer["schema"]
        fields = self._schema["fields"]
        self.columns = [f["name"] for f in fields]
        convs = [_converter(f["type"]) for f in fields]
        self._rows = [Row(self.columns, [c(v) for c, v in zip(convs, r)]) for r in answer["rows"]]

    def collect(self):
        return list(self._rows)

    def toPandas(self):
        return to_pandas(self._schema, self._rows)

    def __getattr__(self, name):
        raise AttributeError(
            f"the build's stand-in for PySpark (notebooks/tools/sql_shim.py) has no DataFrame.{name}: "
            "notebooks use spark.sql(...).toPandas() or .collect()")


# --- transport --------------------------------------------------------------------------------

class _Process:
    """A ``scripts/sql.sh --serve`` process of this kernel's own, started on first use."""

    def __init__(self, warehouse):
        self.warehouse = os.path.abspath(warehouse)
        self.proc = None

    def request(self, line):
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                [os.path.join(ROOT, "scripts", "sql.sh"), "--warehouse", self.warehouse, "--serve"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
        self.proc.stdin.write(line)
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise SqlError(f"scripts/sql.sh --serve exited ({self.proc.wait()}); its log is on stderr")
        return answer

    def close(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.stdin.close()  # the server exits at the end of its input
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class _Socket:
    """A SQL process shared through a Unix socket (the build's runner relays it)."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("rwb")

    def request(self, line):
        self.file.write(line)
        self.file.flush()
        answer = self.file.readline()
        if not answer:
            raise SqlError("the shared SQL process closed the connection")
        return answer

    def close(self):
        self.file.close()
        self.sock.close()


# --- the session ------------------------------------------------------------------------------

class _Conf:
    def __init__(self, session):
        self._session = session

    def set(self, key, value):
        self._session.sql(f"SET {key}={value}")

    def get(self, key, default=None):
        rows = self._session.sql(f"SET {key}").collect()
        value = rows[0][1] if rows else None
        return default if value in (None, "<undefined>") else value


class _Catalog:
    def __init__(self, session):
        self._session = session

    def tableExists(self, tableName, dbName=None):
        name = f"{dbName}.{tableName}" if dbName else tableName
        db, _, table = name.rpartition(".")
        if not re.fullmatch(r"\w+", table) or (db and not re.fullmatch(r"\w+", db)):
            raise ValueError(f"tableExists: unsupported name {name!r}")
        try:
            rows = self._session.sql(f"SHOW TABLES IN {db} LIKE '{table}'" if db
                                     else f"SHOW TABLES LIKE '{table}'").collect()
        except SqlError as e:
            if "SCHEMA_NOT_FOUND" in str(e) or "NoSuchDatabase" in str(e) or "NoSuchNamespace" in str(e):
                return False
            raise
        return any(r.tableName.lower() == table.lower() for r in rows)


class SqlSession:
    """``spark`` for the notebooks when PySpark is missing (see the module's doc)."""

    def __init__(self, transport):
        self._transport = transport
        self._lock = threading.Lock()
        self.conf = _Conf(self)
        self.catalog = _Catalog(self)

    def sql(self, sqlQuery):
        line = (json.dumps({"sql": sqlQuery}) + "\n").encode("utf-8")
        with self._lock:
            answer = json.loads(self._transport.request(line))
        if "error" in answer:
            raise SqlError(answer["error"])
        return Result(answer)

    def stop(self):
        self._transport.close()

    def __getattr__(self, name):
        raise AttributeError(
            f"the build's stand-in for PySpark (notebooks/tools/sql_shim.py) has no SparkSession.{name}")

    def __repr__(self):
        return "<SqlSession: scripts/sql.sh --serve standing in for PySpark>"


def connect(warehouse=None):
    """The session: the shared process of ``ENCORD_SQL_SOCKET`` if set, else one of this kernel's."""
    path = os.environ.get("ENCORD_SQL_SOCKET")
    if path:
        return SqlSession(_Socket(path))
    return SqlSession(_Process(warehouse or os.environ.get("ENCORD_WAREHOUSE", "../warehouse")))


def stand_in():
    """The ``spark`` the build gives a kernel before its first cell: None where PySpark can be
    imported (the notebook's setup cell then makes a real session), else a SqlSession."""
    if importlib.util.find_spec("pyspark") is not None:
        return None
    return connect()
