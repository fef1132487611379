package io.encordanalytics.generator;

import static io.encordanalytics.generator.World.MAIN;

import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.Task;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.util.List;

/**
 * Day 5 of the samples: label logs as Encord's documentation prints them (log_hash and user_hash
 * None) and as the SDK re-exports them, SDK editor-log pages in both key styles, and a saved
 * label-log API answer. Written after every other file, so the earlier files keep their bytes.
 */
final class SdkExportSamples {
  private final SampleCast c;

  SdkExportSamples(SampleCast c) {
    this.c = c;
  }

  /**
   * Label logs as Encord's documentation prints them (log_hash and user_hash None) and as the SDK
   * re-exports them, SDK editor-log pages in both key styles, and a saved label-log API answer.
   * Written after every other file, so the earlier files keep their bytes.
   */
  void write() {
    Project p = c.traffic;
    LogFormat lab = LogFormat.LABEL;
    c.yuki = c.user("Yuki Tanaka", "Yuki.Tanaka@contractors.pixelforge.example", "ANNOTATOR");
    SampleFile doc =
        c.file(
            "label-logs/" + c.day(5) + "/documentation-example.array.json",
            SampleFile.Shape.ARRAY,
            WriteStyle.snake(TimestampForm.NAIVE_SPACE)
                .withIdMode(WriteStyle.IdMode.BOTH)
                .withoutIds()
                .asSdk(),
            "label logs as Encord's documentation prints them: log_hash and user_hash None,"
                + " annotation_hash and identifier both set, naive 'YYYY-MM-DD HH:MM:SS',"
                + " nulls written; every event is kept with an id derived from its content and"
                + " the user of its e-mail");
    Task ta = c.task(c.videos.get(6));
    Session s = c.sim.session(lab, c.alice, ta, p.annotate, MAIN, c.startAt(5, 10, 0), doc);
    s.l(LabelLogAction.START);
    s.think();
    Label o1 = c.sim.newObject(s, p.objects.get(0), c.alice);
    s.l(LabelLogAction.ADD, o1);
    s.think();
    Label o2 = c.sim.newObject(s, p.objects.get(1), c.alice);
    s.l(LabelLogAction.ADD, o2);
    s.quick();
    o1.coords = c.sim.coords(o1.feature.shape);
    s.l(LabelLogAction.EDIT, o1);
    s.think();
    s.frame = 0;
    Label w = c.sim.newClassification(s, p.classifications.get(0), "sunny");
    s.l(LabelLogAction.ADD_ATTRIBUTE, w);
    s.quick();
    s.l(LabelLogAction.CLICK_SAVE);
    for (Label l : List.of(o1, o2)) {
      s.pause(0.6);
      s.l(LabelLogAction.SUBMIT_LABEL, l);
    }
    s.quick();
    s.l(LabelLogAction.SUBMIT_TASK);
    s.quick();
    s.l(LabelLogAction.END);
    Task ty = c.task(c.videos.get(7));
    s = c.sim.session(lab, c.yuki, ty, p.annotate, MAIN, c.startAt(5, 11, 0), doc);
    s.l(LabelLogAction.START);
    for (int i = 0; i < 3; i++) {
      s.think();
      Label o = c.sim.newObject(s, p.objects.get(i), c.yuki);
      s.l(LabelLogAction.ADD, o);
    }
    s.quick();
    s.l(LabelLogAction.SUBMIT_TASK);
    s.quick();
    s.l(LabelLogAction.END);
    s = c.sim.session(lab, c.sam, ty, p.review, MAIN, c.startAt(5, 13, 0), doc);
    c.forceReject(ty, 1);
    c.labelLogs.review(s, 0.0);
    c.planted.add(
        "Documentation-style label logs ("
            + c.day(5)
            + ", log_hash and user_hash None): Alice Ng's and Sam Müller's events belong to"
            + " their user hashes (their e-mails carry those hashes in other files); Yuki"
            + " Tanaka (Yuki.Tanaka@contractors.pixelforge.example) has no hash anywhere:"
            + " user email:yuki.tanaka@contractors.pixelforge.example, and Sam's rejection of"
            + " one of Yuki's labels is attributed to that user.");

    SampleFile reexport =
        c.file(
            "label-logs/" + c.day(5) + "/documentation-example.sdk-reexport.camel.ndjson",
            SampleFile.Shape.JSONL,
            WriteStyle.camel(TimestampForm.NAIVE_ISO).withoutIds().asSdk(),
            "the first 6 events of documentation-example.array.json as the SDK's to_dict()"
                + " writes them: camelCase, None dropped (no logHash, no userHash), no"
                + " annotationHash, naive ISO 'YYYY-MM-DDTHH:MM:SS'; the same content gives the"
                + " same derived ids, so all 6 are duplicates");
    for (int i = 0; i < 6; i++) {
      reexport.copy(doc.recs.get(i).ev(), reexport.style);
    }

    SampleFile page1 =
        c.file(
            "editor-logs/" + c.day(5) + "/sdk-editor-logs-page-0001.camel.json",
            SampleFile.Shape.RESULTS,
            WriteStyle.camel(TimestampForm.NAIVE_ISO).withoutEventInfo().asSdk(),
            "editor logs, saved SDK page 1 {\"results\": [...], \"nextPageToken\": \"...\"}:"
                + " camelCase, None dropped, no eventInformation (newer SDK), naive ISO"
                + " timestamps without an offset, numeric actorOrganisationId,"
                + " projectOrganisationId, projectOrganisationUserRole, dataUnitDatasetTitle,"
                + " objectId, workflowStageType \"\" on editor-category events");
    page1.pageToken = "eyJvZmZzZXQiOiAyMDAsICJwYWdlIjogMn0";
    Task tb = c.task(c.videos.get(1));
    s = c.sim.session(LogFormat.EDITOR, c.bruno, tb, p.annotate, MAIN, c.startAt(5, 9, 0), page1);
    c.editor.annotate(s, 3, 0, true, false);
    SampleFile page2 =
        c.file(
            "editor-logs/" + c.day(5) + "/sdk-editor-logs-page-0002.snake.json",
            SampleFile.Shape.LAST_PAGE,
            WriteStyle.snake(TimestampForm.NAIVE_ISO).withoutNulls().asSdk().withLowerCaseActions(),
            "editor logs, saved SDK last page {\"results\": [...]} with no nextPageToken key:"
                + " snake_case, None dropped, actions in lower case (create_object is"
                + " CREATE_OBJECT), naive ISO timestamps, the SDK's extra fields");
    c.forceReject(tb, 1);
    s = c.sim.session(LogFormat.EDITOR, c.rita, tb, p.review, MAIN, c.startAt(5, 14, 0), page2);
    c.editor.review(s, 0.0);
    s = c.sim.session(LogFormat.EDITOR, c.bruno, tb, p.annotate, MAIN, c.startAt(5, 15, 0), page2);
    c.editor.rework(s);

    SampleFile api =
        c.file(
            "label-logs/" + c.day(5) + "/label-log-api-response.json",
            SampleFile.Shape.RESPONSE,
            WriteStyle.snake(TimestampForm.NAIVE_SPACE),
            "label logs, the label-log API's answer saved as is, {\"status\": 200,"
                + " \"response\": [...]}, snake_case, naive 'YYYY-MM-DD HH:MM:SS'");
    Task tc = c.task(c.videos.get(4));
    s = c.sim.session(lab, c.chen, tc, p.annotate, MAIN, c.startAt(5, 16, 0), api);
    c.labelLogs.annotate(s, 3, true, false);
  }
}
