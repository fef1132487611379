package io.encordanalytics.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.security.AccessControlException;

/**
 * The local disk under the scheme {@code hostile:}, where files and folders misbehave by name, as
 * they do on a real export share while the job reads it (tests run as root, for whom permissions do
 * not apply, so denial is simulated here):
 *
 * <ul>
 *   <li>a folder named {@code locked} cannot be listed;
 *   <li>a file whose name starts with {@code denied} cannot be opened, the first time;
 *   <li>a file whose name starts with {@code replaced} is replaced by another version (renamed over
 *       it) once it has been opened the first time;
 *   <li>a file whose name starts with {@code growing} has a line appended once it has been opened
 *       the first time (an export still being written).
 * </ul>
 *
 * Register with {@code fs.hostile.impl}. Each file misbehaves once per JVM: the next night reads it
 * as it is then.
 */
public class HostileFileSystem extends RawLocalFileSystem {
  /** The extra line of a growing file, and the new version of a replaced one. */
  public static final String GROWN =
      "{\"log_hash\":\"g9\",\"user_hash\":\"u7\",\"action\":0,\"created_at\":\"2025-04-03T08:00:00Z\"}\n";

  public static final String REPLACEMENT =
      "{\"log_hash\":\"r2\",\"user_hash\":\"u7\",\"action\":1,\"created_at\":\"2025-04-03T09:00:00Z\"}\n"
          + "{\"log_hash\":\"r3\",\"user_hash\":\"u7\",\"action\":1,\"created_at\":\"2025-04-03T09:01:00Z\"}\n";

  private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

  @Override
  public URI getUri() {
    return URI.create("hostile:///");
  }

  @Override
  public String getScheme() {
    return "hostile";
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    if (f.getName().equals("locked")) {
      throw new AccessControlException("Permission denied: " + f);
    }
    return super.listStatus(f);
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    String name = f.getName();
    java.nio.file.Path file = pathToFile(f).toPath();
    if (name.startsWith("denied") && DONE.add(file.toString())) {
      throw new AccessControlException("Permission denied: " + f);
    }
    FSDataInputStream in = super.open(f, bufferSize);
    if (name.startsWith("replaced") && DONE.add(file.toString())) {
      java.nio.file.Path next = file.resolveSibling(".next-" + name);
      Files.writeString(next, REPLACEMENT, StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } else if (name.startsWith("growing") && DONE.add(file.toString())) {
      Files.writeString(file, GROWN, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
    return in;
  }
}
