package io.encordanalytics.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.testing.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerCacheTest extends SparkTestBase {
  @TempDir Path tmp;

  private Dataset<Row> ledgerRows(String path) {
    StructType schema =
        new StructType()
            .add("path", "string")
            .add("size", "long")
            .add("modification_time_ms", "long")
            .add("run_id", "string");
    return spark.createDataFrame(List.of(RowFactory.create(path, 10L, 20L, "r")), schema);
  }

  @Test
  void aCopyIsUsedOnlyForTheExactCommitItWasWrittenFor() throws Exception {
    Warehouse wh = new Warehouse(spark, settings("warehouse", tmp.toString()));
    TableId ledger = new Tables(wh.settings()).ingestedFiles;
    LedgerCache cache = new LedgerCache(wh);
    assertThat(LedgerCache.stamp(wh, ledger)).as("no table yet").isNull();

    wh.append(ledgerRows("a.json"), ledger, "r1");
    String v0 = LedgerCache.stamp(wh, ledger);
    assertThat(v0).as("version @ commit time").matches("\\d+@\\d+");
    assertThat(cache.read(v0)).as("nothing written yet").isNull();
    cache.write(v0, Set.of(LedgerCache.entry("a.json", 10, 20)));
    assertThat(cache.read(v0)).containsExactly("a.json|10|20");

    // Any later commit makes the copy stale.
    wh.append(ledgerRows("b.json"), ledger, "r2");
    String v1 = LedgerCache.stamp(wh, ledger);
    assertThat(v1).isNotEqualTo(v0);
    assertThat(cache.read(v1)).isNull();

    // A table deleted and created again is not the same table at version 0.
    cache.write(v1, Set.of("x|1|1"));
    wh.writer().restore(ledger, -1);
    Thread.sleep(5);
    wh.append(ledgerRows("c.json"), ledger, "r3");
    String again = LedgerCache.stamp(wh, ledger);
    assertThat(again)
        .as("same version as the first table, another commit")
        .startsWith(v0.substring(0, v0.indexOf('@') + 1))
        .isNotEqualTo(v0);
    cache.write(v0, Set.of("stale|1|1"));
    assertThat(cache.read(again)).isNull();

    // A damaged copy is ignored, never trusted.
    Path file = tmp.resolve("_encord_runs/ingested_files.json.gz");
    assertThat(file).exists();
    Files.writeString(file, "not gzip", StandardCharsets.UTF_8);
    assertThat(cache.read(again)).isNull();
  }
}
