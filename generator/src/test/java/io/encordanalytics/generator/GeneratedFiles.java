package io.encordanalytics.generator;

import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.model.ParsedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers: running the generator, listing a tree, reading it as the job reads it. */
final class GeneratedFiles {
  private GeneratedFiles() {}

  /** The committed samples (the module's tests run with working directory {@code generator/}). */
  static final Path DATA_SAMPLES =
      Path.of(System.getProperty("encord.data-samples", "../data-samples"));

  /** The job's reader, as jobs' DataSamplesTest configures it; no Spark involved. */
  static final LogFileReader READER =
      new LogFileReader(new EventMapper(2000, 2100), 64 * 1024 * 1024);

  /** Runs the generator as {@code scripts/generate-samples.sh} would with these arguments. */
  static void generate(String... args) throws IOException {
    Options o = Options.parse(args);
    SampleGenerator.run(o);
  }

  /** Every regular file under {@code root} by its relative path, in path order. */
  static TreeMap<String, Path> files(Path root) throws IOException {
    TreeMap<String, Path> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(Files::isRegularFile).forEach(p -> out.put(root.relativize(p).toString(), p));
    }
    return out;
  }

  /**
   * The records of every data file under {@code root} (not the .md), files in path order as the job
   * reads them, each file's records in order.
   */
  static Map<String, List<ParsedRecord>> read(Path root) throws IOException {
    Map<String, List<ParsedRecord>> out = new LinkedHashMap<>();
    int order = 0;
    for (Map.Entry<String, Path> f : files(root).entrySet()) {
      if (f.getKey().endsWith(".md")) {
        continue;
      }
      Path p = f.getValue();
      out.put(f.getKey(), READER.readAll(() -> Files.newInputStream(p), p.toString(), order++));
    }
    return out;
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
