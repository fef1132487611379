package io.encordanalytics.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Byte ranges of a JSON Lines file, so that several tasks read one large file side by side (as
 * Spark's own text source does). A range owns the lines that start inside it: it skips the line it
 * starts in the middle of (the range before owns it) and reads its last line to the end, past the
 * range's end if need be. Every line of the file is then read by exactly one range.
 *
 * <p>Lines end as {@link LogFileReader} ends them: at {@code \n}, {@code \r\n} or a lone {@code
 * \r}. These bytes never occur inside a multi-byte UTF-8 character, so ranges are cut in bytes and
 * decoded afterwards. The line breaks are counted at the last byte of each break (the {@code \n} of
 * {@code \r\n}), so that the number of breaks before a line's first byte is the number of lines
 * before it: a range's first line number follows from {@link #breaks} of the ranges before it.
 */
public final class LineRanges {
  private LineRanges() {}

  private static final int BUFFER = 1 << 16;

  /**
   * The line breaks whose last byte lies in the {@code length} bytes that {@code in} starts at (one
   * byte after them is read to tell a lone {@code \r} from {@code \r\n}). Closes {@code in}.
   */
  public static long breaks(InputStream in, long length) throws IOException {
    try (InputStream s = in) {
      byte[] buf = new byte[BUFFER];
      long count = 0;
      long left = length;
      boolean pendingCr = false;
      while (left > 0) {
        int n = s.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (pendingCr && b != '\n') {
            count++;
          }
          if (b == '\n') {
            count++;
          }
          pendingCr = b == '\r';
        }
        left -= n;
      }
      if (pendingCr) {
        int next = left == 0 ? s.read() : -1;
        if (next != '\n') {
          count++;
        }
      }
      return count;
    }
  }

  /**
   * The bytes of the lines that start in {@code [start, end)}: {@code in} is positioned at {@code
   * max(0, start - 1)} (the byte before the range tells whether a line starts at its first byte).
   * {@link Range#skippedBreak} says whether a line break had to be skipped to reach the range's
   * first line. The range owns {@code in}: it is closed with the range, or here when the range's
   * first line cannot be found.
   */
  public static Range open(InputStream in, long start, long end) throws IOException {
    try {
      return new Range(new BufferedInputStream(in, BUFFER), start, end);
    } catch (IOException e) {
      try {
        in.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** The bytes of the lines that start in one range of a file. */
  public static final class Range extends InputStream {
    private final InputStream in;
    private final long end;

    /** Position of the next byte of the file that {@link #read()} returns. */
    private long pos;

    private boolean done;

    /** A byte read ahead (after a {@code \r}) and not returned yet, or -2. */
    private int held = -2;

    /** Whether the range starts in the middle of a line, whose break was skipped. */
    private final boolean skippedBreak;

    Range(InputStream in, long start, long end) throws IOException {
      this.in = in;
      this.end = end;
      if (start <= 0) {
        pos = 0;
        skippedBreak = false;
      } else {
        // The first line starts right after the first break that ends at or after start - 1.
        pos = start - 1;
        boolean found = false;
        while (true) {
          if (pos >= end - 1) {
            // A break here or later ends at or after end - 1: no line starts in the range (a
            // long line crossing it), and the rest of that line is not scanned again.
            done = true;
            break;
          }
          int b = in.read();
          if (b < 0) {
            done = true;
            break;
          }
          pos++;
          if (b == '\n') {
            found = true;
            break;
          }
          if (b == '\r') {
            int c = in.read();
            if (c == '\n') {
              pos++;
            } else if (c >= 0) {
              held = c;
            }
            found = true;
            break;
          }
        }
        // A break that ends at start - 1 is not inside the range: nothing was skipped.
        skippedBreak = found && pos > start;
      }
      if (pos >= end) {
        done = true;
      }
    }

    public boolean skippedBreak() {
      return skippedBreak;
    }

    @Override
    public int read() throws IOException {
      if (done) {
        return -1;
      }
      int b;
      if (held != -2) {
        b = held;
        held = -2;
      } else {
        b = in.read();
      }
      if (b < 0) {
        done = true;
        return -1;
      }
      long at = pos++;
      // Reading stops after the first break that ends at or after end - 1: the end of the line
      // that the range's last byte belongs to.
      if (at >= end - 1) {
        if (b == '\n') {
          done = true;
        } else if (b == '\r') {
          int c = in.read();
          if (c == '\n') {
            held = c;
          } else {
            done = true;
          }
        }
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (done) {
        return -1;
      }
      if (held == -2 && pos < end - 1) {
        // Before the range's last byte nothing ends the range: copy in bulk.
        int n = in.read(buf, off, (int) Math.min(len, end - 1 - pos));
        if (n < 0) {
          done = true;
          return -1;
        }
        pos += n;
        return n;
      }
      int n = 0;
      while (n < len) {
        int b = read();
        if (b < 0) {
          break;
        }
        buf[off + n++] = (byte) b;
      }
      return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
