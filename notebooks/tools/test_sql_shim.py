"""sql_shim: results of `sql.sh --serve` become what PySpark's toPandas() and collect() give."""

import datetime as dt
import decimal
import json
import unittest

import numpy as np
import pandas as pd

import sql_shim


def field(name, type_, nullable=True):
    return {"name": name, "type": type_, "nullable": nullable, "metadata": {}}


# What SqlCli --serve answers (see SqlCliServeTest) for a row of every kind of column.
ANSWER = {
    "schema": {"type": "struct", "fields": [
        field("i", "integer", False), field("n", "integer"), field("l", "long"), field("d", "double"),
        field("nan", "double"), field("dec", "decimal(10,3)"), field("day", "date"),
        field("ts", "timestamp"), field("s", "string"), field("b", "boolean"), field("bn", "boolean"),
        field("arr", {"type": "array", "elementType": "integer", "containsNull": True}),
        field("m", {"type": "map", "keyType": "string", "valueType": "date", "valueContainsNull": True}),
        field("st", {"type": "struct", "fields": [field("x", "integer"), field("y", "string")]}),
        field("bin", "binary"),
    ]},
    "rows": [
        [1, None, 7, 2.5, "NaN", "1.250", "2025-04-01", "2025-04-01T10:00:00.123456", "a,\"b\"\nc ü",
         True, None, [1, None], [["k", "2025-04-02"]], {"x": 1, "y": "z"}, "AQI="],
        [2, 3, 8, -1.0, 1.0, None, None, None, None, False, True, None, None, None, None],
    ],
}


class FakeTransport:
    def __init__(self, answers):
        self.answers = list(answers)
        self.sent = []

    def request(self, line):
        self.sent.append(json.loads(line)["sql"])
        return (json.dumps(self.answers.pop(0)) + "\n").encode()

    def close(self):
        pass


class ToPandasTest(unittest.TestCase):
    def test_dtypes_and_values_are_those_of_pyspark_to_pandas(self):
        df = sql_shim.Result(ANSWER).toPandas()
        self.assertEqual(df["i"].dtype, np.int32)           # not nullable: the schema's width
        self.assertEqual(df["n"].dtype, np.float64)         # nullable with a null: float, NaN
        self.assertTrue(np.isnan(df["n"][0]))
        self.assertEqual(df["l"].dtype, np.int64)           # nullable without a null: the width
        self.assertEqual(df["d"].dtype, np.float64)
        self.assertTrue(np.isnan(df["nan"][0]))
        self.assertEqual(df["dec"][0], decimal.Decimal("1.250"))
        self.assertIsNone(df["dec"][1])
        self.assertEqual(df["day"][0], dt.date(2025, 4, 1))  # dates stay datetime.date (object)
        self.assertEqual(df["day"].dtype, object)
        self.assertEqual(df["ts"].dtype, "datetime64[ns]")  # naive, in the session time zone
        self.assertEqual(df["ts"][0], pd.Timestamp("2025-04-01 10:00:00.123456"))
        self.assertTrue(pd.isna(df["ts"][1]))
        self.assertEqual(df["s"][0], "a,\"b\"\nc ü")
        self.assertEqual(df["b"].dtype, bool)
        self.assertEqual(df["bn"].dtype, object)            # boolean with a null: object
        self.assertEqual(df["arr"][0], [1, None])
        self.assertEqual(df["m"][0], {"k": dt.date(2025, 4, 2)})
        self.assertEqual(df["st"][0].y, "z")
        self.assertEqual(df["st"][0].asDict(), {"x": 1, "y": "z"})
        self.assertEqual(df["bin"][0], bytearray(b"\x01\x02"))
        self.assertEqual(list(df.columns), [f["name"] for f in ANSWER["schema"]["fields"]])

    def test_empty_result_keeps_columns_and_numeric_dtypes(self):
        answer = {"schema": {"type": "struct", "fields": [field("event_date", "date"), field("n", "long")]},
                  "rows": []}
        df = sql_shim.Result(answer).toPandas()
        self.assertEqual(list(df.columns), ["event_date", "n"])
        self.assertEqual(len(df), 0)
        self.assertEqual(df["n"].dtype, np.int64)

    def test_collect_gives_rows_by_position_and_by_name(self):
        rows = sql_shim.Result(ANSWER).collect()
        self.assertEqual(rows[1].i, 2)
        self.assertEqual(rows[1]["l"], 8)
        self.assertEqual(rows[0][6], dt.date(2025, 4, 1))
        with self.assertRaises(AttributeError):
            rows[0].no_such_column


class SessionTest(unittest.TestCase):
    def test_setup_cell_calls(self):
        empty = {"schema": {"type": "struct", "fields": []}, "rows": []}
        tables = {"schema": {"type": "struct", "fields": [
            field("namespace", "string", False), field("tableName", "string", False),
            field("isTemporary", "boolean", False)]}, "rows": [["encord_gold", "consensus_units", False]]}
        transport = FakeTransport([empty, tables, {"error": "AnalysisException: [SCHEMA_NOT_FOUND] x"}])
        spark = sql_shim.SqlSession(transport)
        spark.conf.set("spark.sql.session.timeZone", "UTC")
        self.assertTrue(spark.catalog.tableExists("encord_gold.consensus_units"))
        self.assertFalse(spark.catalog.tableExists("nowhere.t"))
        self.assertEqual(transport.sent, ["SET spark.sql.session.timeZone=UTC",
                                          "SHOW TABLES IN encord_gold LIKE 'consensus_units'",
                                          "SHOW TABLES IN nowhere LIKE 't'"])

    def test_errors_and_what_the_shim_does_not_have(self):
        spark = sql_shim.SqlSession(FakeTransport([{"error": "AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] t"}]))
        with self.assertRaisesRegex(sql_shim.SqlError, "TABLE_OR_VIEW_NOT_FOUND"):
            spark.sql("SELECT * FROM t")
        with self.assertRaisesRegex(AttributeError, "sql_shim.py"):
            spark.read
        with self.assertRaisesRegex(AttributeError, "sql_shim.py"):
            sql_shim.Result(ANSWER).filter


class StandInTest(unittest.TestCase):
    def test_only_where_pyspark_cannot_be_imported(self):
        import os
        import sys
        import tempfile

        os.environ.pop("ENCORD_SQL_SOCKET", None)
        spark = sql_shim.stand_in()  # no process starts before the first statement
        self.assertIsInstance(spark, sql_shim.SqlSession)
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "pyspark"))
            open(os.path.join(d, "pyspark", "__init__.py"), "w").close()
            sys.path.insert(0, d)
            try:
                self.assertIsNone(sql_shim.stand_in())
            finally:
                sys.path.remove(d)
                sys.modules.pop("pyspark", None)


if __name__ == "__main__":
    unittest.main()
