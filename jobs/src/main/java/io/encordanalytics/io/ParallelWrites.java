package io.encordanalytics.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent table writes side by side (Spark schedules their jobs together; Delta commits to
 * different tables do not conflict).
 */
public final class ParallelWrites {
  private ParallelWrites() {}

  /**
   * Runs the writes, at most {@code parallelism} at a time, and rethrows the first failure (the
   * others suppressed in it) once all have ended. With one, they run one after another in the given
   * order. The rows a write produces must not depend on this: each write reads materialized inputs
   * only, never a lazy query over a table another write of the same step commits to.
   */
  public static void run(int parallelism, List<Runnable> writes) {
    int threads = Math.min(parallelism, Math.max(1, writes.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable w : writes) {
        futures.add(pool.submit(w));
      }
      RuntimeException first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
          if (first == null) {
            first = cause;
          } else {
            first.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while writing tables", e);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
