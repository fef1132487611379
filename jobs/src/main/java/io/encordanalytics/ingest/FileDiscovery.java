package io.encordanalytics.ingest;

import io.encordanalytics.model.InputFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Lists the exported log files under the input root, recursively, in path order. */
public final class FileDiscovery {
  private FileDiscovery() {}

  /** True if the name ends in one of the extensions, optionally followed by {@code .gz}. */
  public static boolean accepts(String name, List<String> extensions) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (name.startsWith(".") || name.startsWith("_")) {
      return false;
    }
    for (String ext : extensions) {
      if (n.endsWith(ext.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every matching file under {@code root}, sorted by path; {@code fileOrder} is the position.
   * Hidden files and folders (starting with '.' or '_') are skipped.
   */
  public static List<InputFile> list(String root, List<String> extensions, Configuration conf)
      throws IOException {
    Path rootPath = new Path(root);
    FileSystem fs = rootPath.getFileSystem(conf);
    if (!fs.exists(rootPath)) {
      throw new FileNotFoundException("input root does not exist: " + rootPath);
    }
    List<InputFile> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(rootPath, true);
    Path qualifiedRoot = fs.makeQualified(rootPath);
    while (it.hasNext()) {
      LocatedFileStatus status = it.next();
      if (!status.isFile()
          || hiddenBelow(qualifiedRoot, status.getPath())
          || !accepts(status.getPath().getName(), extensions)) {
        continue;
      }
      InputFile f = new InputFile();
      f.setPath(status.getPath().toString());
      f.setSize(status.getLen());
      f.setModificationTime(status.getModificationTime());
      files.add(f);
    }
    files.sort(Comparator.comparing(InputFile::getPath));
    for (int i = 0; i < files.size(); i++) {
      files.get(i).setFileOrder(i);
    }
    return files;
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
      hidden |= p.getName().startsWith(".") || p.getName().startsWith("_");
    }
    // The root is not an ancestor (the root is the file itself): nothing lies in between.
    return false;
  }
}
