package io.encordanalytics.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
  @TempDir Path tmp;

  private static NioLocalFileSystem fs() throws Exception {
    NioLocalFileSystem fs = new NioLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    return fs;
  }

  @Test
  void setsPermissionsAsHadoopWouldWithoutAProcess() throws Exception {
    NioLocalFileSystem fs = fs();
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp.resolve("f").toUri());
    try (OutputStream out = fs.create(file)) {
      out.write(1);
    }
    fs.setPermission(file, new FsPermission((short) 0640));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("f"))))
        .isEqualTo("rw-r-----");
    fs.setPermission(file, new FsPermission((short) 0755));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("f"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(fs.mkdirs(new org.apache.hadoop.fs.Path(tmp.resolve("d/e").toUri()))).isTrue();
    assertThat(tmp.resolve("d/e")).isDirectory();
  }

  @Test
  void linkStatusIsWhatHadoopsOwnLocalFileSystemReturns() throws Exception {
    NioLocalFileSystem fs = fs();
    org.apache.hadoop.fs.RawLocalFileSystem stock = new org.apache.hadoop.fs.RawLocalFileSystem();
    stock.initialize(java.net.URI.create("file:///"), new Configuration());
    Path target = Files.writeString(tmp.resolve("t"), "x");
    Path link = Files.createSymbolicLink(tmp.resolve("l"), target);
    Files.createDirectory(tmp.resolve("dir"));
    for (Path p : new Path[] {target, link, tmp.resolve("dir")}) {
      org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(p.toUri());
      FileStatus ours = fs.getFileLinkStatus(hp);
      FileStatus theirs = stock.getFileLinkStatus(hp);
      assertThat(ours.isSymlink()).as("link? %s", p).isEqualTo(theirs.isSymlink());
      assertThat(ours.isDirectory()).as("directory? %s", p).isEqualTo(theirs.isDirectory());
      assertThat(ours.getLen()).as("length of %s", p).isEqualTo(theirs.getLen());
      assertThat(ours.getPath()).as("path of %s", p).isEqualTo(theirs.getPath());
    }
    assertThat(fs.getFileLinkStatus(new org.apache.hadoop.fs.Path(target.toUri())).getLen())
        .isEqualTo(1);
  }

  @Test
  void fileContextRenamesWithoutOverwriteAsDeltaCommitsDo() throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
    FileContext fc = FileContext.getFileContext(java.net.URI.create("file:///"), conf);
    org.apache.hadoop.fs.Path tmpFile =
        new org.apache.hadoop.fs.Path(tmp.resolve(".0.json.tmp").toUri());
    org.apache.hadoop.fs.Path commit = new org.apache.hadoop.fs.Path(tmp.resolve("0.json").toUri());
    try (OutputStream out =
        fc.create(tmpFile, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.write('{');
    }
    fc.rename(tmpFile, commit, Options.Rename.NONE);
    assertThat(tmp.resolve("0.json")).hasContent("{");
    // A second commit of the same version must fail, not replace the first.
    try (OutputStream out =
        fc.create(tmpFile, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.write('[');
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fc.rename(tmpFile, commit, Options.Rename.NONE))
        .isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class);
    assertThat(tmp.resolve("0.json")).hasContent("{");
  }
}
