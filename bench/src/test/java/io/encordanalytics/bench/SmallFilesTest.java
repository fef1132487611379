package io.encordanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFilesTest {
  @TempDir Path dir;

  private static List<Path> files(Path root, String suffix) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void smallEnvelopesAndLargeFilesHoldTheSameRecordsWithoutBadLines() throws Exception {
    Path gen = dir.resolve("gen");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2300; i++) {
      lines.add("{\"log_hash\":\"l" + i + "\",\"action\":0}");
      if (i == 7) {
        lines.add("{\"log_hash\":\"cut"); // a bad line: in neither layout
      }
    }
    Files.createDirectories(gen.resolve("label-logs/day=2025-04-01"));
    Files.write(gen.resolve("label-logs/day=2025-04-01/part-0.jsonl"), lines);

    SmallFiles.main(
        new String[] {gen.toString(), dir.resolve("out").toString(), "200", "10", "20"});

    List<Path> small = files(dir.resolve("out/small"), ".json");
    assertThat(small).hasSize(200);
    assertThat(small.get(0).toString())
        .as("label_logs/<label_hash>/<frame>.json")
        .matches(".*/small/label_logs/[0-9a-f-]{36}/\\d+\\.json");
    assertThat(files(dir.resolve("out/new"), ".json")).hasSize(20);
    assertThat(Files.readString(small.get(0))).startsWith("{\"logs\":[{\"log_hash\":\"l");
    List<String> inSmall = new ArrayList<>();
    for (Path p : small) {
      String text = Files.readString(p);
      for (String rec :
          text.substring("{\"logs\":[".length(), text.length() - 2).split("(?<=}),")) {
        inSmall.add(rec);
      }
    }
    List<String> inBig = new ArrayList<>();
    for (Path p : files(dir.resolve("out/big"), ".jsonl")) {
      inBig.addAll(Files.readAllLines(p));
    }
    assertThat(files(dir.resolve("out/big"), ".jsonl")).hasSize(60);
    assertThat(inSmall).hasSize(2000).doesNotContain("{\"log_hash\":\"cut");
    assertThat(inBig).containsExactlyInAnyOrderElementsOf(inSmall);
  }
}
