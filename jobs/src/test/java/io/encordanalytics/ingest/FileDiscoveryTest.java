package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encordanalytics.model.InputFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which files under the input root are read, and in which order. */
class FileDiscoveryTest {
  private static final List<String> EXTENSIONS = List.of(".json", ".jsonl", ".ndjson");

  @TempDir Path dir;

  private Path touch(Path root, String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  private static List<InputFile> list(Path root) throws IOException {
    return FileDiscovery.list(root.toString(), EXTENSIONS, new Configuration());
  }

  /** Paths relative to the root, as found. */
  private static List<String> relative(Path root, List<InputFile> files) throws IOException {
    String prefix = root.toRealPath().toUri().getPath();
    return files.stream()
        .map(f -> new org.apache.hadoop.fs.Path(f.getPath()).toUri().getPath())
        .map(p -> p.substring(prefix.length()))
        .toList();
  }

  @Test
  void listsMatchingFilesRecursivelyInPathOrderSkippingHiddenOnes() throws IOException {
    Path root = dir.resolve("exports");
    touch(root, "label-logs/2025-04-02/b.snake.jsonl", "{}");
    touch(root, "label-logs/2025-04-01/a.JSON", "{}");
    touch(root, "editor-logs/2025-04-03/page.results.json.gz", "x");
    touch(root, "editor-logs/2025-04-03/events.ndjson", "");
    touch(root, "top.json", "[]");
    touch(root, "notes.txt", "not an export");
    touch(root, "top.json.tmp", "partial download");
    touch(root, "archive.gz", "no known extension under the .gz");
    touch(root, ".hidden.json", "{}");
    touch(root, "_SUCCESS", "");
    touch(root, "_partial.json", "{}");
    touch(root, ".git/objects/x.json", "{}");
    touch(root, "_temporary/0/part.json", "{}");
    touch(root, "label-logs/.cache/c.json", "{}");

    List<InputFile> files = list(root);

    assertThat(relative(root, files))
        .as("matching files, recursively, sorted by path")
        .containsExactly(
            "editor-logs/2025-04-03/events.ndjson",
            "editor-logs/2025-04-03/page.results.json.gz",
            "label-logs/2025-04-01/a.JSON",
            "label-logs/2025-04-02/b.snake.jsonl",
            "top.json");
    assertThat(files)
        .extracting(InputFile::getFileOrder)
        .as("file order is the position in path order")
        .containsExactly(0, 1, 2, 3, 4);
    assertThat(files.get(0).getSize()).as("size of the empty file").isZero();
    assertThat(files.get(4).getSize()).as("size of top.json").isEqualTo(2L);
    assertThat(files)
        .extracting(InputFile::getModificationTime)
        .as("modification times")
        .allSatisfy(t -> assertThat(t).isPositive());
    assertThat(files)
        .extracting(InputFile::getPath)
        .as("paths are fully qualified")
        .allSatisfy(p -> assertThat(p).startsWith("file:/"));
  }

  @Test
  void pathOrderIsStableAcrossDatesAndNames() throws IOException {
    Path root = dir.resolve("days");
    for (String name :
        List.of(
            "2025-04-10/a.json", "2025-04-02/z.json", "2025-04-02/a.json", "2025-04-1/x.json")) {
      touch(root, name, "{}");
    }

    assertThat(relative(root, list(root)))
        .as("lexicographic path order")
        .containsExactly(
            "2025-04-02/a.json", "2025-04-02/z.json", "2025-04-1/x.json", "2025-04-10/a.json");
  }

  @Test
  void rootInsideAHiddenFolderIsStillRead() throws IOException {
    Path root = dir.resolve(".staging/_exports");
    touch(root, "day/a.jsonl", "{}");

    assertThat(relative(root, list(root)))
        .as("only folders below the root can hide files")
        .containsExactly("day/a.jsonl");
  }

  @Test
  void rootThatIsAFileListsThatFile() throws IOException {
    Path file = touch(dir.resolve("_single"), "one.jsonl", "{}");

    List<InputFile> files = FileDiscovery.list(file.toString(), EXTENSIONS, new Configuration());

    assertThat(files).as("the file itself").hasSize(1);
    assertThat(files.get(0).getPath()).as("its path").endsWith("/_single/one.jsonl");
  }

  @Test
  void emptyRootHasNoFiles() throws IOException {
    Path root = Files.createDirectories(dir.resolve("nothing-yet"));

    assertThat(list(root)).as("no exports yet").isEmpty();
  }

  @Test
  void missingRootFailsWithAClearError() {
    Path root = dir.resolve("does-not-exist");

    assertThatThrownBy(() -> list(root))
        .as("missing input root")
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("input root does not exist: " + root);
  }

  @Test
  void pathsAreTheStringsOfHadoopsOwnListingTheLedgerKeys() throws IOException {
    Path root = dir.resolve("exports");
    touch(root, "label-logs/2025-04-01/a b.jsonl", "{}");
    touch(root, "label-logs/2025-04-01/100%:x.json", "{}");
    touch(root, "editor-logs/p.json.gz", "x");
    List<String> hadoop = new java.util.ArrayList<>();
    org.apache.hadoop.fs.Path r = new org.apache.hadoop.fs.Path(root.toString());
    var it = r.getFileSystem(new Configuration()).listFiles(r, true);
    while (it.hasNext()) {
      var st = it.next();
      hadoop.add(st.getPath() + " " + st.getLen() + " " + st.getModificationTime());
    }
    hadoop.sort(null);

    assertThat(
            list(root).stream()
                .map(f -> f.getPath() + " " + f.getSize() + " " + f.getModificationTime())
                .toList())
        .as("path, size and modification time as before: no file is read again after an upgrade")
        .containsExactlyElementsOf(hadoop);
  }

  @Test
  void symlinksAreNeverReadLoopsAndLinksOutOfTheRootAreSkippedAndCounted() throws IOException {
    Path root = dir.resolve("exports");
    Path day = Files.createDirectories(root.resolve("labels/2025-04-01"));
    touch(root, "labels/2025-04-01/a.jsonl", "{}");
    touch(dir, "elsewhere/secret.jsonl", "{}");
    Files.createSymbolicLink(
        day.resolve("up"), day.getParent()); // a loop: labels/2025-04-01/up/...
    Files.createSymbolicLink(day.resolve("self.jsonl"), day.resolve("self.jsonl"));
    Files.createSymbolicLink(root.resolve("out"), dir.resolve("elsewhere"));
    Files.createSymbolicLink(root.resolve("out.jsonl"), dir.resolve("elsewhere/secret.jsonl"));
    Files.createSymbolicLink(root.resolve("latest"), day);
    Files.createSymbolicLink(root.resolve("gone.jsonl"), dir.resolve("no-such-file.jsonl"));

    FileDiscovery.Listing listing =
        FileDiscovery.scan(root.toString(), EXTENSIONS, new Configuration());

    assertThat(relative(root, listing.files()))
        .as("the real file once, under its own path")
        .containsExactly("labels/2025-04-01/a.jsonl");
    assertThat(listing.skipped())
        .as("every link skipped, by reason")
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                FileDiscovery.SYMLINK_LOOP, 2L,
                FileDiscovery.SYMLINK_OUTSIDE, 2L,
                FileDiscovery.SYMLINK_INSIDE, 1L,
                FileDiscovery.SYMLINK_BROKEN, 1L));
  }

  @Test
  void namesWithSpacesAndNewlinesAreReadAndUndecodableNamesAreSkippedAndCounted() throws Exception {
    Path root = dir.resolve("exports");
    touch(root, "label logs/2025 04 01/a b.jsonl", "{}");
    touch(root, "label logs/new\nline.jsonl", "{}");
    // A name with a byte that is not UTF-8 (Latin-1 e-acute), as a Windows share may hold.
    Process p =
        new ProcessBuilder("sh", "-c", "touch \"$(printf 'caf\\351.jsonl')\"")
            .directory(Files.createDirectories(root.resolve("latin1")).toFile())
            .start();
    assertThat(p.waitFor()).isZero();

    FileDiscovery.Listing listing =
        FileDiscovery.scan(root.toString(), EXTENSIONS, new Configuration());

    assertThat(relative(root, listing.files()))
        .containsExactly("label logs/2025 04 01/a b.jsonl", "label logs/new\nline.jsonl");
    assertThat(listing.skipped())
        .as("a file this JVM could not open by its name")
        .containsExactly(java.util.Map.entry(FileDiscovery.UNDECODABLE_NAME, 1L));
    assertThat(FileDiscovery.printable("a\nb")).isEqualTo("a\\u000ab");
  }

  @Test
  void unreadableFoldersAreSkippedAndCounted() throws IOException {
    // As root (CI), permissions do not apply: the folder refuses through the hostile file system.
    Path root = dir.resolve("exports");
    touch(root, "ok/a.jsonl", "{}");
    touch(root, "locked/b.jsonl", "{}");
    Configuration conf = new Configuration();
    conf.set("fs.hostile.impl", io.encordanalytics.testing.HostileFileSystem.class.getName());

    FileDiscovery.Listing listing = FileDiscovery.scan("hostile:" + root, EXTENSIONS, conf);

    assertThat(listing.files())
        .extracting(InputFile::getPath)
        .containsExactly("hostile:" + root + "/ok/a.jsonl");
    assertThat(listing.skipped())
        .containsExactly(java.util.Map.entry(FileDiscovery.UNREADABLE_FOLDER, 1L));
  }

  @Test
  void unreadableFoldersAndFilesOnTheLocalDiskAreSkippedAndCounted() throws IOException {
    Path root = dir.resolve("exports");
    touch(root, "ok/a.jsonl", "{}");
    Path locked = touch(root, "locked/b.jsonl", "{}").getParent();
    Path denied = touch(root, "ok/denied.jsonl", "{}");
    Files.setPosixFilePermissions(denied, java.util.Set.of());
    Files.setPosixFilePermissions(locked, java.util.Set.of());
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(
          Files.isReadable(denied), "permissions do not apply to this user (root)");

      FileDiscovery.Listing listing =
          FileDiscovery.scan(root.toString(), EXTENSIONS, new Configuration());

      assertThat(relative(root, listing.files())).containsExactly("ok/a.jsonl");
      assertThat(listing.skipped())
          .containsExactlyInAnyOrderEntriesOf(
              java.util.Map.of(
                  FileDiscovery.UNREADABLE_FOLDER, 1L, FileDiscovery.UNREADABLE_FILE, 1L));
    } finally {
      Files.setPosixFilePermissions(
          locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "a.json, true",
    "a.jsonl, true",
    "a.ndjson, true",
    "a.json.gz, true",
    "a.jsonl.gz, true",
    "A.NDJSON.GZ, true",
    "a.ndjson.Gz, true",
    "a.gz, false",
    "a.json.zip, false",
    "a.json.gz.tmp, false",
    "a.notjson, false",
    "a.txt, false",
    ".a.json, false",
    "_a.json, false",
    "json, false"
  })
  void acceptsTheConfiguredExtensionsOptionallyGzipped(String name, boolean accepted) {
    assertThat(FileDiscovery.accepts(name, EXTENSIONS)).as("accepts(%s)", name).isEqualTo(accepted);
  }
}
