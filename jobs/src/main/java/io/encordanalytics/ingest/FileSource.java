package io.encordanalytics.ingest;

import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The read edge of ingestion: turns a list of input files into a Dataset of parsed records, one
 * Spark task per group of files, each file streamed by {@link LogFileReader} on the executor.
 */
public final class FileSource {
  private FileSource() {}

  public static Dataset<ParsedRecord> read(
      SparkSession spark, List<InputFile> files, LogFileReader reader) {
    Broadcast<SerializableConfiguration> conf =
        spark
            .sparkContext()
            .broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()),
                scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class));
    int slices = Math.max(1, Math.min(files.size(), spark.sparkContext().defaultParallelism() * 4));
    Dataset<InputFile> fileSet =
        spark.createDataset(files, Encoders.bean(InputFile.class)).repartition(slices);
    FlatMapFunction<InputFile, ParsedRecord> parse =
        f -> {
          Path p = new Path(f.getPath());
          var fs = p.getFileSystem(conf.value().value());
          return reader.read(() -> fs.open(p), f.getPath(), f.getFileOrder());
        };
    return fileSet.flatMap(parse, Encoders.bean(ParsedRecord.class));
  }
}
