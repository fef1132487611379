package io.encordanalytics.ingest;

import io.encordanalytics.model.InputFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.AccessControlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the exported log files under the input root, recursively, in path order, and says what it
 * left out of a hostile tree and why.
 *
 * <p>On a local disk the tree is walked without following symbolic links: a link is never read (its
 * target is either outside the input root, or a loop, or inside the root and read under its own
 * path, so nothing is stored twice), a folder that cannot be listed and a file that cannot be read
 * are skipped, and so is a file whose name this JVM cannot decode (bytes that are not valid in its
 * file-name encoding: it could not open the file by that name). Each skip is logged with the path
 * and counted by reason ({@link Listing#skipped()}, the audit's {@code files_skipped}). Object
 * stores are listed flat (one listing request per thousand files, whatever the folders); other file
 * systems (HDFS) folder by folder, skipping folders they refuse to list.
 */
public final class FileDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(FileDiscovery.class);

  /** Skip reasons, the keys of {@link Listing#skipped()}. */
  public static final String SYMLINK_LOOP = "symlink loop";

  public static final String SYMLINK_OUTSIDE = "symlink leaving the input root";
  public static final String SYMLINK_INSIDE = "symlink within the input root (read by its target)";
  public static final String SYMLINK_BROKEN = "broken symlink";
  public static final String UNREADABLE_FOLDER = "unreadable folder";
  public static final String UNREADABLE_FILE = "unreadable file";
  public static final String UNDECODABLE_NAME = "file name not decodable";

  /** Schemes listed flat: object stores, where folders are only key prefixes. */
  private static final Set<String> OBJECT_STORES =
      Set.of("s3a", "s3", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cosn", "obs");

  private FileDiscovery() {}

  /** The files to read, and how many entries were skipped for which reason. */
  public record Listing(List<InputFile> files, Map<String, Long> skipped) {}

  /** True if the name ends in one of the extensions, optionally followed by {@code .gz}. */
  public static boolean accepts(String name, List<String> extensions) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (hidden(name)) {
      return false;
    }
    for (String ext : extensions) {
      if (n.endsWith(ext.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  /**
   * Every matching file under {@code root}, sorted by path; {@code fileOrder} is the position.
   * Hidden files and folders (starting with '.' or '_') are skipped.
   */
  public static List<InputFile> list(String root, List<String> extensions, Configuration conf)
      throws IOException {
    return scan(root, extensions, conf).files();
  }

  /** As {@link #list}, with the entries skipped by reason. */
  public static Listing scan(String root, List<String> extensions, Configuration conf)
      throws IOException {
    Path rootPath = new Path(root);
    FileSystem fs = rootPath.getFileSystem(conf);
    if (!fs.exists(rootPath)) {
      throw new FileNotFoundException("input root does not exist: " + rootPath);
    }
    long t0 = System.nanoTime();
    Path qualifiedRoot = fs.makeQualified(rootPath);
    Walk walk = new Walk(fs, qualifiedRoot, extensions);
    FileSystem raw = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    String scheme = qualifiedRoot.toUri().getScheme();
    if (raw instanceof RawLocalFileSystem && "file".equals(scheme)) {
      walk.local();
    } else if (OBJECT_STORES.contains(scheme)) {
      walk.flat();
    } else {
      walk.folders();
    }
    List<InputFile> files = walk.files;
    files.sort(Comparator.comparing(InputFile::getPath));
    for (int i = 0; i < files.size(); i++) {
      files.get(i).setFileOrder(i);
    }
    LOG.info(
        "Listed {} files under {} in {} ms{}",
        files.size(),
        qualifiedRoot,
        (System.nanoTime() - t0) / 1_000_000,
        walk.skipped.isEmpty() ? "" : "; skipped " + walk.skipped);
    return new Listing(files, walk.skipped);
  }

  /** One listing of one root. */
  private static final class Walk {
    final FileSystem fs;
    final Path root;
    final List<String> extensions;
    final List<InputFile> files = new ArrayList<>();
    final Map<String, Long> skipped = new TreeMap<>();

    Walk(FileSystem fs, Path root, List<String> extensions) {
      this.fs = fs;
      this.root = root;
      this.extensions = extensions;
    }

    void skip(String reason, Object path, String detail) {
      skipped.merge(reason, 1L, Long::sum);
      LOG.warn(
          "Skipped {}: {}{}",
          printable(String.valueOf(path)),
          reason,
          detail == null ? "" : " (" + detail + ")");
    }

    void add(Path path, long size, long modificationTime) {
      InputFile f = new InputFile();
      f.setPath(path.toString());
      f.setSize(size);
      f.setModificationTime(modificationTime);
      files.add(f);
    }

    /** A local disk: java.nio, links not followed. */
    void local() throws IOException {
      java.nio.file.Path start = Paths.get(root.toUri());
      java.nio.file.Path realRoot = start.toRealPath();
      if (!Files.isDirectory(start)) {
        if (accepts(start.getFileName().toString(), extensions)) {
          localFile(start, Files.readAttributes(start, BasicFileAttributes.class), true);
        }
        return;
      }
      Deque<java.nio.file.Path> folders = new ArrayDeque<>();
      folders.push(start);
      while (!folders.isEmpty()) {
        java.nio.file.Path folder = folders.pop();
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(folder)) {
          for (java.nio.file.Path e : entries) {
            String name = e.getFileName().toString();
            if (hidden(name)) {
              continue;
            }
            BasicFileAttributes a;
            try {
              a = Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException gone) {
              continue; // removed while listed: not there
            }
            if (a.isSymbolicLink()) {
              link(e, realRoot);
            } else if (a.isDirectory()) {
              folders.push(e);
            } else if (a.isRegularFile() && accepts(name, extensions)) {
              localFile(e, a, false);
            }
          }
        } catch (AccessDeniedException denied) {
          skip(UNREADABLE_FOLDER, folder, denied.getMessage());
        } catch (NoSuchFileException gone) {
          // A folder removed while the tree was walked holds nothing to read.
        }
      }
    }

    private void localFile(java.nio.file.Path file, BasicFileAttributes a, boolean isRoot) {
      // The path as a string must name the same file again (readers open it by name).
      if (!Paths.get(file.toString()).equals(file)) {
        skip(
            UNDECODABLE_NAME,
            file,
            "bytes not valid in this JVM's file-name encoding "
                + System.getProperty("sun.jnu.encoding")
                + ": rename the file, or run with a UTF-8 locale");
        return;
      }
      if (!Files.isReadable(file)) {
        skip(UNREADABLE_FILE, file, "permission denied");
        return;
      }
      // The same string as Hadoop's local listing made: the file ledger's key.
      Path path = isRoot ? root : fs.makeQualified(new Path(file.toAbsolutePath().toString()));
      add(path, a.size(), a.lastModifiedTime().toMillis());
    }

    private void link(java.nio.file.Path link, java.nio.file.Path realRoot) {
      java.nio.file.Path target;
      try {
        target = link.toRealPath();
      } catch (NoSuchFileException broken) {
        skip(SYMLINK_BROKEN, link, null);
        return;
      } catch (IOException e) {
        // ELOOP: "Too many levels of symbolic links".
        boolean loop =
            e instanceof FileSystemException && String.valueOf(e.getMessage()).contains("levels");
        skip(loop ? SYMLINK_LOOP : SYMLINK_BROKEN, link, e.getMessage());
        return;
      }
      if (!target.startsWith(realRoot)) {
        skip(SYMLINK_OUTSIDE, link, "-> " + target);
      } else if (Files.isDirectory(target) && linkParent(link).startsWith(target)) {
        skip(SYMLINK_LOOP, link, "-> " + target + ", a folder it is in");
      } else {
        skip(SYMLINK_INSIDE, link, "-> " + target);
      }
    }

    private static java.nio.file.Path linkParent(java.nio.file.Path link) {
      try {
        return link.toAbsolutePath().getParent().toRealPath();
      } catch (IOException e) {
        return link.toAbsolutePath().getParent();
      }
    }

    /** An object store: one flat listing. */
    void flat() throws IOException {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus status = it.next();
        if (status.isFile()
            && !hiddenBelow(root, status.getPath())
            && accepts(status.getPath().getName(), extensions)) {
          add(status.getPath(), status.getLen(), status.getModificationTime());
        }
      }
    }

    /** Any other file system: folder by folder, skipping those it refuses to list. */
    void folders() throws IOException {
      FileStatus top = fs.getFileStatus(root);
      if (top.isFile()) {
        add(top.getPath(), top.getLen(), top.getModificationTime());
        return;
      }
      Deque<Path> folders = new ArrayDeque<>();
      folders.push(root);
      while (!folders.isEmpty()) {
        Path folder = folders.pop();
        FileStatus[] entries;
        try {
          entries = fs.listStatus(folder);
        } catch (AccessControlException | AccessDeniedException e) {
          skip(UNREADABLE_FOLDER, folder, e.getMessage());
          continue;
        } catch (FileNotFoundException gone) {
          continue;
        }
        for (FileStatus st : entries) {
          String name = st.getPath().getName();
          if (hidden(name)) {
            continue;
          }
          if (st.isSymlink()) {
            skip(SYMLINK_INSIDE, st.getPath(), null);
          } else if (st.isDirectory()) {
            folders.push(st.getPath());
          } else if (st.isFile() && accepts(name, extensions)) {
            add(st.getPath(), st.getLen(), st.getModificationTime());
          }
        }
      }
    }
  }

  /** A path for a log line: control characters (a newline in a name) escaped. */
  static String printable(String path) {
    StringBuilder b = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (Character.isISOControl(c)) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * True if a folder between the root and the file is hidden. Folders above the root are never
   * looked at: a root that itself lives under a hidden folder is still read.
   */
  private static boolean hiddenBelow(Path root, Path file) {
    boolean hidden = false;
    for (Path p = file.getParent(); p != null; p = p.getParent()) {
      if (p.equals(root)) {
        return hidden;
      }
      hidden |= hidden(p.getName());
    }
    // The root is not an ancestor (the root is the file itself): nothing lies in between.
    return false;
  }
}
