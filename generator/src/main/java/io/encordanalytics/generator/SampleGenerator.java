package io.encordanalytics.generator;

import java.io.IOException;

/**
 * Deterministic generator of Encord activity-log exports (label logs and editor logs), for the
 * committed sample data ({@code --mode samples}) and for benchmarks ({@code --mode bench}); run by
 * {@code scripts/generate-samples.sh}.
 *
 * <p>It simulates annotation work: projects with video and image data units, annotators and
 * reviewers, tasks flowing annotate, submit, review (label and task decisions), rework after a
 * rejection and resubmission, consensus tasks with one branch per annotator followed by a consensus
 * review, agent runs, video playback incidents in bursts, and idle gaps. Every value comes from one
 * {@link java.util.Random} seeded with {@code --seed} (never the clock) and every map is ordered,
 * so a fixed seed gives byte-identical output, gzip files included.
 *
 * <p>Field semantics follow the input contract (inputs.md: label logs, editor logs, file shapes,
 * key styles, timestamp forms, bad input); the samples tree is described by the {@code MANIFEST.md}
 * it writes next to the data. The action codes and names come from the jobs module's vocabulary
 * ({@code io.encordanalytics.vocabulary}), the one definition the job reads them with.
 *
 * <p>The parts: {@link Options} (the command line); {@link Sim}, {@link Session}, {@link
 * LabelLogFlows} and {@link EditorFlows} (the simulated work and the events it logs, shared by both
 * modes) over the {@link World} model; {@link LogEvent}, {@link WriteStyle}, {@link TimestampForm}
 * and {@link EventRenderer} (how an event is written); {@link SampleCast}, {@link SampleScenario},
 * {@link ScriptedSessions}, {@link BadInputSamples} and {@link SdkExportSamples} (the files of
 * {@code data-samples/}), {@link SampleWriter} and {@link ManifestWriter} (their bytes and
 * MANIFEST.md); {@link BenchGenerator} (bench mode).
 */
public final class SampleGenerator {

  static final String USAGE =
      "usage: SampleGenerator --out DIR [--mode samples|bench] [--events N] [--days D]"
          + " [--users U] [--seed S] [--start-date YYYY-MM-DD]\n"
          + "  samples: a small tree covering every input variant, plus MANIFEST.md"
          + " (--events/--days/--users are ignored)\n"
          + "  bench:   N records (default 1000000) over D days (default 30) by U users"
          + " (default 300),\n"
          + "           one JSON Lines file per day and format,"
          + " ~0.5% duplicates and ~0.1% bad lines";

  private SampleGenerator() {}

  public static void main(String[] args) throws IOException {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("SampleGenerator: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (o.help) {
      System.out.println(USAGE);
      return;
    }
    try {
      run(o);
    } catch (RefusedException e) {
      System.err.println("SampleGenerator: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Generates what the options ask for into {@code o.out}. */
  static void run(Options o) throws IOException {
    if (o.mode.equals("samples")) {
      SampleCast cast = new SampleCast(o);
      new SampleScenario(cast).play();
      new SampleWriter(cast).write();
    } else {
      new BenchGenerator(o).run();
    }
  }

  /** The output directory is not one the generator may overwrite. */
  static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }
}
