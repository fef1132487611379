package io.encordanalytics.generator;

import static io.encordanalytics.generator.GeneratedFiles.DATA_SAMPLES;
import static io.encordanalytics.generator.GeneratedFiles.bytes;
import static io.encordanalytics.generator.GeneratedFiles.files;
import static io.encordanalytics.generator.GeneratedFiles.generate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/generate-samples.sh} regenerates exactly the committed {@code data-samples/}: the
 * same files, byte for byte. Fails when the generator is no longer deterministic, or when it was
 * changed and the samples were not regenerated (run the script and commit the result).
 */
class SamplesRegenerationTest {
  @TempDir Path tmp;

  @Test
  void regeneratingTheSamplesGivesExactlyTheCommittedFiles() throws IOException {
    Path out = tmp.resolve("samples");
    generate("--mode", "samples", "--out", out.toString());

    TreeMap<String, Path> committed = files(DATA_SAMPLES);
    TreeMap<String, Path> generated = files(out);
    assertThat(committed).as("committed samples in %s", DATA_SAMPLES).isNotEmpty();
    assertThat(generated.keySet())
        .as("the same set of files (regenerate data-samples/ with scripts/generate-samples.sh)")
        .containsExactlyElementsOf(committed.keySet());
    for (Map.Entry<String, Path> f : committed.entrySet()) {
      assertThat(bytes(generated.get(f.getKey())))
          .as("bytes of %s", f.getKey())
          .isEqualTo(bytes(f.getValue()));
    }
  }

  @Test
  void anEarlierSamplesTreeIsReplacedAndStaleFilesGo() throws IOException {
    Path out = tmp.resolve("samples");
    generate("--mode", "samples", "--out", out.toString());
    Path stale = Files.writeString(out.resolve("label-logs/renamed-since.jsonl"), "{}\n");
    generate("--mode", "samples", "--out", out.toString());
    assertThat(stale).doesNotExist();
    assertThat(files(out).keySet()).containsExactlyElementsOf(files(DATA_SAMPLES).keySet());
  }

  @Test
  void aNonEmptyDirectoryWithoutASamplesManifestIsRefused() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("precious"));
    Path keep = Files.writeString(out.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> generate("--mode", "samples", "--out", out.toString()))
        .isInstanceOf(SampleGenerator.RefusedException.class)
        .hasMessageContaining("refusing to overwrite");
    assertThat(keep).hasContent("mine");
  }
}
