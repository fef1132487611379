package io.encordanalytics.generator;

import static io.encordanalytics.generator.Json.ei;
import static io.encordanalytics.generator.World.MAIN;

import io.encordanalytics.generator.World.DataUnit;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.Task;
import io.encordanalytics.generator.World.User;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.util.List;
import java.util.Set;

/**
 * The scripted days of {@code data-samples/}: which file each day writes (path, shape, style and
 * what it demonstrates) and the sessions logged into it. The hand-timed sessions are in {@link
 * ScriptedSessions}, the bad input in {@link BadInputSamples}, day 5's documentation and SDK
 * exports in {@link SdkExportSamples}.
 */
final class SampleScenario {
  private final SampleCast c;
  private final ScriptedSessions sessions;

  SampleScenario(SampleCast c) {
    this.c = c;
    this.sessions = new ScriptedSessions(c);
  }

  /** Plays days 0 to 5, each file declared where its day begins. */
  void play() {
    DataUnit v1 = c.videos.get(0);
    DataUnit v2 = c.videos.get(1);
    DataUnit v3 = c.videos.get(2);
    DataUnit v4 = c.videos.get(3);
    DataUnit v5 = c.videos.get(4);
    DataUnit v6 = c.videos.get(5);
    DataUnit v7 = c.videos.get(6);
    DataUnit v8 = c.videos.get(7);
    DataUnit v9 = c.videos.get(8);
    DataUnit v10 = c.videos.get(9);
    DataUnit v11 = c.videos.get(10);
    Project p1 = c.traffic;
    Project p2 = c.shelves;
    LogFormat lab = LogFormat.LABEL;
    LogFormat edt = LogFormat.EDITOR;

    // ===== Day 0: label logs, annotation of V1 and V2
    SampleFile l1 =
        c.file(
            "label-logs/" + c.day(0) + "/traffic-annotation.snake.jsonl",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.ISO_Z_MILLIS),
            "label logs, JSON Lines with blank lines, snake_case, ISO Z with milliseconds;"
                + " exact 300 s gap and playback episodes (incl. a gap of exactly 10 s)");
    l1.blankLines = true;
    Task t1 = c.task(v1);
    sessions.aliceV1(t1, l1);
    Task t2 = c.task(v2);
    sessions.brunoV2(t2, l1);

    // ===== Day 1: editor review of V1 (labels from day 0 label logs), label-log review of V2
    SampleFile e1 =
        c.file(
            "editor-logs/" + c.day(1) + "/traffic-review-rework.snake.jsonl",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.ISO_Z_MILLIS),
            "editor logs, JSON Lines, snake_case, ISO Z with milliseconds; reviews labels"
                + " created in day-0 label logs (object_hash == identifier), reject, rework,"
                + " approve, view mode (empty workflow_task_id)");
    e1.blankLines = true;
    sessions.ritaReviewsV1(t1, e1);

    SampleFile l2 =
        c.file(
            "label-logs/" + c.day(1) + "/traffic-review.camel.ndjson",
            SampleFile.Shape.JSONL,
            WriteStyle.camel(TimestampForm.ISO_Z).withIdMode(WriteStyle.IdMode.BOTH),
            "label logs, .ndjson, camelCase without nulls (SDK to_dict, annotationHash and"
                + " identifier both present), ISO Z whole seconds; starts with 4 events of the"
                + " day-0 file again in camelCase (duplicates)");
    for (int i = 0; i < 4; i++) {
      SampleFile.Rec src = l1.recs.get(i);
      l2.copy(src.ev(), l2.style.withTs(src.style().ts()));
    }
    sessions.labelReviewV2(t2, l2);
    Task t5 = c.task(v5);
    Session s = c.sim.session(lab, c.chen, t5, p1.annotate, MAIN, c.startAt(1, 14, 0), l2);
    c.labelLogs.annotate(s, 3, true, false);
    s = c.sim.session(lab, c.chen, t5, p1.annotate, MAIN, c.startAt(1, 15, 0), l2);
    s.l(LabelLogAction.START);
    s.think();
    s.frame = 100 + c.r.nextInt(300);
    s.lp(LabelLogAction.SEEKING_OVERLAY_SHOWN);
    s.pause(1.5 + c.r.nextDouble());
    s.lp(LabelLogAction.BUFFERING_OVERLAY_SHOWN);
    s.pause(21.3);
    s.lp(LabelLogAction.BITRATE_WARNING_SHOWN);
    s.pause(732);
    c.planted.add(
        "Chen Wei (label logs, "
            + c.day(1)
            + ", V5): 732 s idle gap inside a session, after a "
            + SampleCast.named(LabelLogAction.BITRATE_WARNING_SHOWN)
            + ".");
    s.l(LabelLogAction.CLICK_ZOOM);
    s.quick();
    s.l(LabelLogAction.SUBMIT_TASK);
    s.quick();
    s.l(LabelLogAction.END);

    SampleFile e9 =
        c.file(
            "editor-logs/" + c.day(1) + "/traffic-review-rework.camel-reexport.ndjson",
            SampleFile.Shape.JSONL,
            WriteStyle.camel(TimestampForm.ISO_Z_MILLIS),
            "editor logs re-exported with the SDK's to_dict(): the first 10 events of"
                + " traffic-review-rework.snake.jsonl again in camelCase without nulls"
                + " (duplicates in the other key style)");
    e9.blankLines = true;
    for (int i = 0; i < 10; i++) {
      e9.copy(e1.recs.get(i).ev(), e9.style);
    }

    // ===== Day 2: agent + edits (camelCase), editor consensus (array), label-log consensus
    SampleFile e2 =
        c.file(
            "editor-logs/" + c.day(2) + "/agent-prelabel-and-edits.camel.ndjson",
            SampleFile.Shape.JSONL,
            WriteStyle.camel(TimestampForm.ISO_Z_MICROS),
            "editor logs, .ndjson, camelCase without nulls, ISO Z with microseconds; RUN_AGENT,"
                + " every UPDATE_OBJECT variant, DELETE_OBJECT, CREATE/UPDATE/DELETE_ATTRIBUTE,"
                + " failed and successful SAVE_TASK, FORCE_OVERWRITE");
    Task t3 = c.task(v3);
    sessions.chenV3(t3, e2);

    SampleFile e3 =
        c.file(
            "editor-logs/" + c.day(2) + "/shelf-consensus.array.json",
            SampleFile.Shape.ARRAY,
            WriteStyle.snake(TimestampForm.NAIVE_ISO),
            "editor logs, pretty-printed JSON array, snake_case, naive ISO timestamps;"
                + " consensus: CONSENSUS_ANNOTATION on per-annotator branches, CONSENSUS_REVIEW"
                + " APPROVE_TASK with annotatorsWithApprovedLabels");
    Task ti1 = c.consensusTask(c.images.get(0), List.of(c.dana, c.eva, c.chen));
    c.editorConsensus(ti1, e3, 2, new int[][] {{10, 5}, {10, 15}, {11, 0}});
    s = c.sim.session(edt, c.rita, ti1, p2.review, MAIN, c.startAt(2, 13, 0), e3);
    c.editor.consensusReview(s, List.of(c.dana, c.chen), c.dana, 0, Set.of());
    c.planted.add(
        "Consensus unit "
            + ti1.id
            + " (editor, "
            + c.images.get(0).title
            + "): 3 annotator branches, APPROVE_TASK isConsensus=true with"
            + " annotatorsWithApprovedLabels = Dana, Chen (2 agreeing), no winningSetAnnotator.");

    SampleFile l3 =
        c.file(
            "label-logs/" + c.day(2) + "/shelf-consensus.logs-envelope.json",
            SampleFile.Shape.LOGS,
            WriteStyle.snake(TimestampForm.NAIVE_SPACE_MICROS)
                .withIdMode(WriteStyle.IdMode.ANNOTATION_HASH),
            "label logs, envelope {\"logs\": [...]} (the label-log cache), snake_case with the"
                + " deprecated annotation_hash instead of identifier, naive"
                + " 'YYYY-MM-DD HH:MM:SS.ffffff'; consensus with 35, a 36 and 37 per agreeing"
                + " branch");
    Task ti3 = c.consensusTask(c.images.get(2), List.of(c.chen, c.dana, c.eva));
    int[][] starts = {{14, 0}, {14, 10}, {14, 20}};
    for (int i = 0; i < 3; i++) {
      User a = ti3.consensusAnnotators.get(i);
      s =
          c.sim.session(
              lab, a, ti3, p2.annotate, a.branch(), c.startAt(2, starts[i][0], starts[i][1]), l3);
      c.labelLogs.annotate(s, 2 + i % 2, true, false);
    }
    s = c.sim.session(lab, c.sam, ti3, p2.review, MAIN, c.startAt(2, 16, 0), l3);
    c.labelLogs.consensusReview(s, List.of(c.dana, c.chen), c.dana, true);
    c.planted.add(
        "Consensus unit "
            + c.images.get(2).hash
            + " (label logs, data_hash is the task key): 3 branches, 37 for Dana's and"
            + " Chen's branches, one 36 cancelling one of Dana's 35s.");

    // ===== Day 3: undecided label-log consensus, night shift, editor consensus page (gz),
    //       SDK without event_information, all timestamp forms
    SampleFile l4 =
        c.file(
            "label-logs/" + c.day(3) + "/shelf-consensus-undecided.array.json",
            SampleFile.Shape.ARRAY,
            WriteStyle.snake(TimestampForm.NAIVE_SPACE),
            "label logs, pretty-printed JSON array, snake_case, naive 'YYYY-MM-DD HH:MM:SS';"
                + " a consensus task with two branches and no decision yet");
    Task ti5 = c.consensusTask(c.images.get(4), List.of(c.alice, c.eva));
    s = c.sim.session(lab, c.alice, ti5, p2.annotate, c.alice.branch(), c.startAt(3, 9, 0), l4);
    c.labelLogs.annotate(s, 2, false, false);
    s = c.sim.session(lab, c.eva, ti5, p2.annotate, c.eva.branch(), c.startAt(3, 9, 20), l4);
    c.labelLogs.annotate(s, 2, true, false);
    c.planted.add("Consensus unit " + c.images.get(4).hash + " (label logs): undecided.");

    SampleFile l5 =
        c.file(
            "label-logs/" + c.day(3) + "/night-shift.plus0200.jsonl.gz",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.ISO_PLUS2_MILLIS),
            "label logs, gzip JSON Lines, snake_case, ISO with +02:00 offset and milliseconds;"
                + " a night session crossing midnight UTC (local dates differ from UTC dates),"
                + " a playback episode spanning midnight");
    sessions.danaNight(c.task(v4), l5);

    SampleFile e4 =
        c.file(
            "editor-logs/" + c.day(3) + "/shelf-consensus-page.results.json.gz",
            SampleFile.Shape.RESULTS,
            WriteStyle.snake(TimestampForm.ISO_UTC_OFFSET_MICROS),
            "editor logs, gzip, saved API page {\"results\": [...], \"nextPageToken\": ...} on"
                + " one line, snake_case, ISO +00:00 with microseconds; consensus decided with"
                + " isDetermineConsensus=true (selectedAnnotators with one plain hash string,"
                + " winningSetAnnotator) and a consensus REJECT_TASK (undecided unit)");
    e4.pageToken = "eyJvZmZzZXQiOiAxMDAwLCAicGFnZSI6IDJ9";
    Task ti2 = c.consensusTask(c.images.get(1), List.of(c.bruno, c.chen, c.eva));
    c.editorConsensus(ti2, e4, 3, new int[][] {{9, 0}, {9, 30}, {10, 0}});
    s = c.sim.session(edt, c.sam, ti2, p2.review, MAIN, c.startAt(3, 13, 30), e4);
    c.editor.consensusReview(s, List.of(c.eva, c.chen), c.eva, 1, Set.of(c.chen));
    c.planted.add(
        "Consensus unit "
            + ti2.id
            + " (editor): APPROVE_TASK isDetermineConsensus=true, selectedAnnotators ="
            + " [Eva as {email, hash}, Chen as a plain hash string], winningSetAnnotator = Eva.");
    Task ti4 = c.consensusTask(c.images.get(3), List.of(c.alice, c.bruno));
    c.editorConsensus(ti4, e4, 3, new int[][] {{10, 40}, {11, 10}});
    s = c.sim.session(edt, c.rita, ti4, p2.review, MAIN, c.startAt(3, 14, 30), e4);
    c.editor.consensusReview(s, List.of(c.alice), c.alice, 2, Set.of());
    c.planted.add(
        "Consensus unit "
            + ti4.id
            + " (editor): REJECT_TASK isConsensus=true with plain-hash annotators; undecided.");

    SampleFile e5 =
        c.file(
            "editor-logs/" + c.day(3) + "/sdk-without-event-information.camel.ndjson",
            SampleFile.Shape.JSONL,
            WriteStyle.camel(TimestampForm.RFC_1123).withoutEventInfo(),
            "editor logs from a newer SDK: no eventInformation at all, camelCase without nulls,"
                + " RFC 1123 timestamps; annotate, reject, rework, approve");
    Task t6 = c.task(v6);
    s = c.sim.session(edt, c.eva, t6, p1.annotate, MAIN, c.startAt(3, 11, 30), e5);
    c.editor.annotate(s, 3, 0, true, false);
    s = c.sim.session(edt, c.rita, t6, p1.review, MAIN, c.startAt(3, 15, 10), e5);
    c.forceReject(t6, 1);
    c.editor.review(s, 0.0);
    s = c.sim.session(edt, c.eva, t6, p1.annotate, MAIN, c.startAt(3, 16, 0), e5);
    c.editor.rework(s);
    s = c.sim.session(edt, c.rita, t6, p1.review, MAIN, c.startAt(3, 16, 40), e5);
    c.editor.review(s, 0.0);

    SampleFile l6 =
        c.file(
            "label-logs/" + c.day(3) + "/all-timestamp-forms.snake.jsonl",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.ISO_Z),
            "label logs, JSON Lines, snake_case; line i uses timestamp form i mod 11, so every"
                + " form of inputs.md appears in one file");
    l6.rotateTs = true;
    Task t7 = c.task(v7);
    s = c.sim.session(lab, c.alice, t7, p1.annotate, MAIN, c.startAt(3, 13, 0), l6);
    c.labelLogs.annotate(s, 4, true, false);

    // ===== Day 4: overlapping export windows, misnamed files, props inside
    //       event_information, API pages, bad input
    SampleFile l8a =
        c.file(
            "label-logs/" + c.day(4) + "/export-window-0000-1200Z.snake.jsonl",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.ISO_Z_MICROS),
            "label logs export window 00:00-12:00Z, snake_case, ISO Z with microseconds");
    SampleFile l8b =
        c.file(
            "label-logs/" + c.day(4) + "/export-window-0600-1800Z.snake.jsonl",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.ISO_Z_MICROS),
            "label logs export window 06:00-18:00Z: repeats every 06:00-12:00Z event of the"
                + " 00:00-12:00Z window byte for byte (overlapping export windows)");
    long w1 = c.at(4, 6, 0, 0);
    long w2 = c.at(4, 12, 0, 0);
    EventSink windows =
        e -> {
          if (e.micros < w1) {
            l8a.accept(e);
          } else if (e.micros < w2) {
            l8a.accept(e);
            l8b.copy(e, l8b.style);
          } else {
            l8b.accept(e);
          }
        };
    Task t8 = c.task(v8);
    s = c.sim.session(lab, c.bruno, t8, p1.annotate, MAIN, c.at(4, 5, 52, 7.25), windows);
    c.labelLogs.annotate(s, 5, true, false);
    s = c.sim.session(lab, c.sam, t8, p1.review, MAIN, c.startAt(4, 11, 20), windows);
    c.forceReject(t8, 1);
    c.labelLogs.review(s, 0.0);
    s = c.sim.session(lab, c.bruno, t8, p1.annotate, MAIN, c.startAt(4, 13, 10), windows);
    c.labelLogs.rework(s);
    s = c.sim.session(lab, c.sam, t8, p1.review, MAIN, c.startAt(4, 16, 30), windows);
    c.labelLogs.review(s, 0.0);

    SampleFile l7 =
        c.file(
            "label-logs/" + c.day(4) + "/pretty-array-in-a.jsonl",
            SampleFile.Shape.ARRAY,
            WriteStyle.snake(TimestampForm.NAIVE_ISO_MICROS),
            "label logs: a pretty-printed JSON array although the name says .jsonl (shape is"
                + " detected from content), naive ISO with microseconds; review of V5 from"
                + " day 1");
    s = c.sim.session(lab, c.sam, t5, p1.review, MAIN, c.startAt(4, 9, 0), l7);
    c.labelLogs.review(s, 0.0);

    SampleFile e6 =
        c.file(
            "editor-logs/" + c.day(4) + "/props-inside-event-information.snake.jsonl",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.NAIVE_SPACE).withPropsInEventInfo(),
            "editor logs with the object/classification properties (objectHash, labelName,"
                + " labelRanges, ...) inside event_information instead of the top level,"
                + " snake_case, naive 'YYYY-MM-DD HH:MM:SS'");
    Task t9 = c.task(v9);
    s = c.sim.session(edt, c.alice, t9, p1.annotate, MAIN, c.startAt(4, 8, 30), e6);
    c.editor.annotate(s, 3, 0, true, false);
    s = c.sim.session(edt, c.rita, t9, p1.review, MAIN, c.startAt(4, 10, 0), e6);
    sessions.ritaClassificationDance(s);

    SampleFile e7a =
        c.file(
            "editor-logs/" + c.day(4) + "/api-page-0001.results.json",
            SampleFile.Shape.RESULTS,
            WriteStyle.snake(TimestampForm.ISO_PLUS2),
            "editor logs, saved API page 1 {\"results\": [...], \"nextPageToken\": \"...\"},"
                + " snake_case, ISO +02:00 whole seconds; review of the agent-labelled V3, a"
                + " RUN_AGENT without an actor (counts under user 'unknown')");
    e7a.pageToken = "eyJvZmZzZXQiOiA1MDAsICJwYWdlIjogMn0";
    SampleFile e7b =
        c.file(
            "editor-logs/" + c.day(4) + "/api-page-0002.results.json",
            SampleFile.Shape.RESULTS,
            WriteStyle.snake(TimestampForm.ISO_PLUS2),
            "editor logs, saved API page 2 (nextPageToken null); its first event repeats the"
                + " last event of page 1 (pagination overlap duplicate); rework, approval,"
                + " SKIP_TASK");
    Task t10 = c.task(v10);
    sessions.apiPages(t3, t10, e7a, e7b);

    SampleFile e8 =
        c.file(
            "editor-logs/" + c.day(4) + "/jsonl-content-in-a.json",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.ISO_Z),
            "editor logs: JSON Lines although the name says .json (shape is detected from"
                + " content), snake_case, ISO Z whole seconds; view mode on a finished task");
    s = c.sim.session(edt, c.tom, t8, p1.done, MAIN, c.startAt(4, 17, 0), e8);
    s.viewMode = true;
    s.e(EditorAction.ENTER_EDITOR);
    s = c.sim.session(edt, c.eva, t10, p1.annotate, MAIN, c.at(4, 17, 5, 12.5), e8);
    s.e(EditorAction.ENTER_EDITOR);
    s.think();
    s.e(EditorAction.ENTER_EDIT_MODE);
    s.quick();
    s.e(EditorAction.EXIT_EDIT_MODE);
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "autosave", "success", true));

    c.file(
        "editor-logs/" + c.day(4) + "/empty-export-window.jsonl",
        SampleFile.Shape.JSONL,
        WriteStyle.snake(TimestampForm.ISO_Z),
        "an empty file (0 bytes): an export window without activity");

    new BadInputSamples(c).write(t10, v11);

    // ===== Day 5: exports exactly as Encord's documentation and SDK write them
    new SdkExportSamples(c).write();

    // ===== Day 5, afternoon: agent pre-labels and consensus answers (written last, so that the
    // files before keep their bytes)
    SampleFile e10 =
        c.file(
            "editor-logs/" + c.day(5) + "/prelabels-and-consensus-answers.jsonl",
            SampleFile.Shape.JSONL,
            WriteStyle.camel(TimestampForm.ISO_Z_MILLIS),
            "editor logs, JSON Lines, camelCase, ISO Z with milliseconds; an agent's proposals"
                + " meeting every fate, a failed run and save; three-way consensus answers");
    sessions.agentFatesAndConsensusAnswers(e10);
  }
}
