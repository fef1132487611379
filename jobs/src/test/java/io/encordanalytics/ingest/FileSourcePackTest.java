package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.model.InputFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How input files are packed into read tasks (their parsed records are held per task). */
class FileSourcePackTest {
  private static InputFile file(String path, long size) {
    InputFile f = new InputFile();
    f.setPath(path);
    f.setSize(size);
    f.setModificationTime(0L);
    f.setFileOrder(0);
    return f;
  }

  private static long mb(long n) {
    return n << 20;
  }

  private static long load(List<InputFile> group) {
    return group.stream()
        .mapToLong(f -> f.getPath().endsWith(".gz") ? f.getSize() * 8 : f.getSize())
        .sum();
  }

  @Test
  void sixtyFilesOf34MbMakeTasksOfAtMost64Mb() {
    List<InputFile> files =
        IntStream.range(0, 60).mapToObj(i -> file("f" + i + ".jsonl", mb(34))).toList();
    List<ArrayList<InputFile>> groups = FileSource.pack(files, mb(64), 2);
    assertThat(groups).hasSize(32);
    assertThat(groups).allSatisfy(g -> assertThat(load(g)).isLessThanOrEqualTo(mb(68)));
    assertThat(groups.stream().mapToInt(List::size).sum()).as("every file once").isEqualTo(60);
    assertThat(groups.stream().flatMap(List::stream).distinct()).hasSize(60);
  }

  @Test
  void smallInputStillGivesEveryCoreWorkAndNeverMoreGroupsThanFiles() {
    List<InputFile> three = List.of(file("a.json", 10), file("b.json", 20), file("c.json", 30));
    assertThat(FileSource.pack(three, mb(64), 2)).hasSize(2);
    assertThat(FileSource.pack(three, mb(64), 8)).as("one file per task at most").hasSize(3);
    assertThat(FileSource.pack(List.of(), mb(64), 2)).isEmpty();
  }

  @Test
  void largeAndCompressedFilesAreBalancedByWeight() {
    List<InputFile> files = new ArrayList<>();
    files.add(file("big.jsonl", mb(200)));
    files.add(file("packed.jsonl.gz", mb(20)));
    for (int i = 0; i < 10; i++) {
      files.add(file("small" + i + ".jsonl", mb(10)));
    }
    List<ArrayList<InputFile>> groups = FileSource.pack(files, mb(64), 2);
    // 460 MB of weight (the .gz counts 160 MB): 8 tasks; the big file and the .gz each alone, the
    // small files spread over the other six.
    assertThat(groups).hasSize(8);
    assertThat(groups)
        .anySatisfy(g -> assertThat(g).extracting(InputFile::getPath).containsExactly("big.jsonl"));
    assertThat(groups)
        .anySatisfy(
            g -> assertThat(g).extracting(InputFile::getPath).containsExactly("packed.jsonl.gz"));
    assertThat(groups).allSatisfy(g -> assertThat(load(g)).isLessThanOrEqualTo(mb(200)));
  }
}
