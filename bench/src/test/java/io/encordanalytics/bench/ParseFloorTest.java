package io.encordanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseFloorTest {
  @TempDir Path dir;

  @Test
  void countsEveryTokenFieldAndLineAndSkipsBadLines() throws Exception {
    Path f = dir.resolve("a.jsonl");
    // 9 tokens, 2 fields; a blank line; a bad line; 6 tokens, 2 fields; no final newline.
    String text = "{\"a\":1,\"b\":[true,null]}\n\n<<< not json >>>\n{\"c\":\"x\",\"d\":2.5}";
    Files.writeString(f, text);

    ParseFloor.Counts c = ParseFloor.parseFile(f);

    assertThat(c.bytes).isEqualTo(text.length());
    assertThat(c.lines).as("non-blank lines").isEqualTo(3);
    assertThat(c.badLines).isEqualTo(1);
    assertThat(c.tokens).isEqualTo(9 + 6);
    assertThat(c.fields).isEqualTo(4);
  }

  @Test
  void aTruncatedLineDoesNotSwallowTheNextOne() throws Exception {
    Path f = dir.resolve("b.jsonl");
    Files.writeString(f, "{\"id\":\"a\",\"x\":\n{\"id\":\"b\"}\n");

    ParseFloor.Counts c = ParseFloor.parseFile(f);

    assertThat(c.lines).isEqualTo(2);
    assertThat(c.badLines).isEqualTo(1);
    // Jackson reads a field name together with the start of its value, so the cut-off "x" fails
    // before it counts; the next line is parsed on its own.
    assertThat(c.fields).as("id of the first line, id of the second").isEqualTo(2);
    assertThat(c.tokens).isEqualTo(3 + 4);
  }

  @Test
  void linesLongerThanTheBufferAreParsedWhole() throws Exception {
    Path f = dir.resolve("long.jsonl");
    String big = "x".repeat(3 << 20);
    Files.writeString(f, "{\"big\":\"" + big + "\"}\n{\"n\":1}\n");

    ParseFloor.Counts c = ParseFloor.parseFile(f);

    assertThat(c.lines).isEqualTo(2);
    assertThat(c.badLines).isZero();
    assertThat(c.tokens).isEqualTo(8);
  }

  @Test
  void twoThreadsSeeWhatOneSeesAndShareTheBytesEvenly() throws Exception {
    for (int i = 0; i < 6; i++) {
      Files.writeString(dir.resolve("f" + i + ".jsonl"), "{\"i\":1}\n".repeat(10 * (i + 1)));
    }
    List<Path> files = DuckDbBaseline.inputFiles(dir);

    ParseFloor.Counts one = ParseFloor.parseAll(files, 1);
    ParseFloor.Counts two = ParseFloor.parseAll(files, 2);

    assertThat(two.toString()).isEqualTo(one.toString());
    assertThat(two.lines).isEqualTo(10 * (1 + 2 + 3 + 4 + 5 + 6));
    List<List<Path>> shares = ParseFloor.split(files, 2);
    long a = shares.get(0).stream().mapToLong(p -> p.toFile().length()).sum();
    long b = shares.get(1).stream().mapToLong(p -> p.toFile().length()).sum();
    assertThat(a + b).isEqualTo(8 * 10 * (1 + 2 + 3 + 4 + 5 + 6));
    assertThat(Math.abs(a - b)).as("differ by at most the smallest file").isLessThanOrEqualTo(80);
  }
}
