package io.encordanalytics.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only: lets a test stop a job process at a named point and kill it there, so that a kill
 * lands where the test says (after the commit to one table, after restoring one table), not
 * wherever a sleep happens to end.
 *
 * <p>Inert unless the JVM runs with {@code -Dencord.test.pause-at=<point>}: then the thread that
 * reaches that point writes the point's name to the file named by {@code -Dencord.test.pause-file}
 * and blocks until the process is killed. Points: {@code after-commit:<db.table>} (a write to the
 * table has committed) and {@code after-restore:<db.table>} (a rollback has restored the table).
 */
public final class PausePoints {
  private static final Logger LOG = LoggerFactory.getLogger(PausePoints.class);
  private static final String AT = System.getProperty("encord.test.pause-at");

  private PausePoints() {}

  /** Blocks for good if {@code point} is the configured pause point; returns at once otherwise. */
  public static void reached(String point) {
    if (AT == null || !AT.equals(point)) {
      return;
    }
    LOG.warn("Paused at {} (encord.test.pause-at) until this process is killed", point);
    try {
      Files.writeString(
          Path.of(System.getProperty("encord.test.pause-file")), point, StandardCharsets.UTF_8);
      while (true) {
        Thread.sleep(60_000);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("pause point " + point + " could not block", e);
    }
  }
}
