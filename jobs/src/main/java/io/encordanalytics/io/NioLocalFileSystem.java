package io.encordanalytics.io;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a process per file: without Hadoop's native
 * library, {@link RawLocalFileSystem} runs {@code chmod} for every file and directory it creates
 * and {@code readlink} for every status it checks, which was 2,600 processes (several ms each) in
 * one 300k-record run. This one sets permissions and detects links with {@code java.nio} instead,
 * and is otherwise Hadoop's own. Used by the job sessions ({@code spark.hadoop.fs.file.impl});
 * every other scheme (s3a, abfss, hdfs) is untouched.
 */
public class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-free) part. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      java.nio.file.Path file = pathToFile(p).toPath();
      try {
        Files.setPosixFilePermissions(file, posix(permission));
      } catch (UnsupportedOperationException notPosix) {
        super.setPermission(p, permission);
      }
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      java.nio.file.Path file = pathToFile(f).toPath();
      if (!Files.isSymbolicLink(file)) {
        // What Hadoop returns for anything that is not a link, found without running readlink.
        return getFileStatus(f);
      }
      return super.getFileLinkStatus(f);
    }
  }

  /**
   * The same for Hadoop's {@code FileContext} API ({@code spark.hadoop.fs.AbstractFileSystem.file
   * .impl}), which Delta's log store uses to commit: Hadoop's {@code LocalFs} with {@link Raw}.
   */
  public static class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** Hadoop's {@code RawLocalFs}, delegating to {@link Raw}. */
  public static class RawFs extends DelegateToFileSystem {
    public RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, uri.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }

  static Set<PosixFilePermission> posix(FsPermission p) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    add(
        out,
        p.getUserAction(),
        PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);
    add(
        out,
        p.getGroupAction(),
        PosixFilePermission.GROUP_READ,
        PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_EXECUTE);
    add(
        out,
        p.getOtherAction(),
        PosixFilePermission.OTHERS_READ,
        PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_EXECUTE);
    return out;
  }

  private static void add(
      Set<PosixFilePermission> out,
      FsAction a,
      PosixFilePermission r,
      PosixFilePermission w,
      PosixFilePermission x) {
    if (a.implies(FsAction.READ)) {
      out.add(r);
    }
    if (a.implies(FsAction.WRITE)) {
      out.add(w);
    }
    if (a.implies(FsAction.EXECUTE)) {
      out.add(x);
    }
  }
}
