package io.encordanalytics.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random activity logs for property tests: dense on purpose (four annotators, two reviewers, five
 * tasks of which two are consensus units, ten labels, four days with sessions across midnight), so
 * that the events of one label, task or user meet in every order. Not a realistic project: label
 * creations, reviews and decisions come in any order, which is what incremental logic must survive.
 * Every record is JSON Lines; both formats and both key styles; about 4% exact re-deliveries and 2%
 * lines that are not events.
 */
public final class RandomHistory {
  private static final String[] ANNOTATORS = {"ann1", "ann2", "ann3", "ann4"};
  private static final String[] REVIEWERS = {"rev1", "rev2"};
  private static final String[] TASKS = {"k1", "k2", "k3", "c1", "c2"};
  private static final int[] CODES = {
    0, 0, 0, 1, 1, 2, 3, 4, 11, 11, 12, 12, 13, 13, 14, 23, 24, 25, 26, 27, 30, 30, 31, 32, 33, 33,
    34, 34, 35, 36, 37, 18
  };
  private static final String[] ACTIONS = {
    "CREATE_OBJECT",
    "CREATE_OBJECT",
    "UPDATE_OBJECT",
    "UPDATE_OBJECT",
    "DELETE_OBJECT",
    "APPROVE_OBJECT",
    "APPROVE_OBJECT",
    "REJECT_OBJECT",
    "REJECT_OBJECT",
    "CREATE_ATTRIBUTE",
    "UPDATE_ATTRIBUTE",
    "DELETE_ATTRIBUTE",
    "APPROVE_CLASSIFICATION",
    "REJECT_CLASSIFICATION",
    "SUBMIT_TASK",
    "SUBMIT_TASK",
    "SKIP_TASK",
    "SAVE_TASK",
    "APPROVE_TASK",
    "APPROVE_TASK",
    "REJECT_TASK",
    "RUN_AGENT",
    "ENTER_EDITOR",
    "NEW_FANCY_ACTION"
  };

  private RandomHistory() {}

  /** The seeds a property test runs with: the system property's list, {@code 1,2,3}, or 11. */
  public static java.util.stream.Stream<Long> seeds(String property) {
    return java.util.Arrays.stream(System.getProperty(property, "11").split(","))
        .map(String::trim)
        .map(Long::parseLong);
  }

  /** Writes about 250 records into a few JSON Lines files under {@code out}. */
  public static void write(Path out, Random r) throws IOException {
    List<String> label = new ArrayList<>();
    List<String> editor = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      boolean labelLog = r.nextBoolean();
      List<String> into = labelLog ? label : editor;
      if (r.nextInt(50) == 0) {
        into.add(r.nextBoolean() ? "not json {" : "{\"foo\":1}");
      } else if (r.nextInt(25) == 0 && !into.isEmpty()) {
        into.add(into.get(r.nextInt(into.size())));
      } else {
        into.add(labelLog ? labelLog(i, r) : editorLog(i, r));
      }
    }
    // Answers to the classification questions on the consensus units, from several annotators,
    // so that the agreement tables have pairs to compare.
    for (int k = 0; k < 12; k++) {
      editor.add(
          editorLog(
              240 + k,
              r,
              k % 3 == 2 ? "UPDATE_ATTRIBUTE" : "CREATE_ATTRIBUTE",
              k % 2 == 0 ? "c1" : "c2"));
    }
    // Objects drawn in one place on the consensus units, with values, so that objects of
    // different annotators match and their values are compared.
    for (int k = 0; k < 16; k++) {
      editor.add(
          editorLog(
              252 + k,
              r,
              k % 4 == 3 ? "UPDATE_OBJECT" : "CREATE_OBJECT",
              k % 2 == 0 ? "c1" : "c2",
              true));
    }
    write(out.resolve("label-logs/part-0.jsonl"), label.subList(0, label.size() / 2));
    write(out.resolve("label-logs/part-1.jsonl"), label.subList(label.size() / 2, label.size()));
    write(out.resolve("editor-logs/part-0.jsonl"), editor);
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static String pick(String[] a, Random r) {
    return a[r.nextInt(a.length)];
  }

  /** A time on one of four days, in a few busy windows, one of them across midnight. */
  private static Instant time(Random r) {
    Instant day = Instant.parse("2025-04-01T00:00:00Z").plusSeconds(86_400L * r.nextInt(4));
    int window = r.nextInt(3);
    long base = window == 0 ? 9 * 3600 : window == 1 ? 14 * 3600 : 23 * 3600 + 58 * 60;
    return day.plusSeconds(base + r.nextInt(window == 2 ? 300 : 1200));
  }

  private static String user(boolean review, Random r) {
    return review ? pick(REVIEWERS, r) : pick(ANNOTATORS, r);
  }

  private static String branch(String task, String user, Random r) {
    return task.startsWith("c") && !user.startsWith("rev") && r.nextInt(5) > 0
        ? "br-" + user
        : "main";
  }

  private static String labelLog(int i, Random r) {
    int code = CODES[r.nextInt(CODES.length)];
    String task = pick(TASKS, r);
    boolean review = code >= 12 && code <= 13 || code >= 26 && code <= 27 || code >= 33;
    String user = user(review, r);
    boolean camel = r.nextBoolean();
    StringBuilder b = new StringBuilder("{");
    field(b, camel ? "logHash" : "log_hash", "L" + i);
    field(b, camel ? "userHash" : "user_hash", user);
    field(b, camel ? "userEmail" : "user_email", user + "@x.com");
    field(b, camel ? "dataHash" : "data_hash", task);
    if (code <= 2 || code >= 12 && code <= 13 || code >= 23 && code <= 28) {
      field(b, "identifier", "p" + r.nextInt(10));
      field(b, camel ? "featureHash" : "feature_hash", "F" + r.nextInt(2));
      field(b, camel ? "labelName" : "label_name", r.nextBoolean() ? "Car" : "Person");
    }
    if (code <= 1) {
      b.append(camel ? "\"timeTaken\":" : "\"time_taken\":").append(r.nextInt(5000)).append(',');
    }
    field(b, camel ? "branchName" : "branch_name", branch(task, user, r));
    field(b, camel ? "createdAt" : "created_at", time(r).toString());
    b.append("\"action\":").append(code).append('}');
    return b.toString();
  }

  private static String editorLog(int i, Random r) {
    String action = pick(ACTIONS, r);
    return editorLog(i, r, action, pick(TASKS, r));
  }

  private static String editorLog(int i, Random r, String action, String task) {
    return editorLog(i, r, action, task, false);
  }

  /**
   * An editor log record; {@code aligned}: an object event's box and feature are always the same,
   * and a created object has values.
   */
  private static String editorLog(int i, Random r, String action, String task, boolean aligned) {
    boolean review = action.startsWith("APPROVE") || action.startsWith("REJECT");
    String user = action.equals("RUN_AGENT") && r.nextBoolean() ? null : user(review, r);
    boolean consensus = task.startsWith("c");
    boolean camel = r.nextBoolean();
    String object = "p" + r.nextInt(10);
    StringBuilder b = new StringBuilder("{");
    field(b, "id", "E" + i);
    field(b, "action", action);
    if (user != null) {
      field(b, camel ? "actorUserId" : "actor_user_id", user);
      field(b, camel ? "actorUserEmail" : "actor_user_email", user + "@x.com");
    }
    field(b, camel ? "dataUnitId" : "data_unit_id", "du-" + task);
    field(b, camel ? "workflowTaskId" : "workflow_task_id", r.nextInt(10) == 0 ? "" : task);
    field(b, camel ? "branchName" : "branch_name", branch(task, user == null ? "x" : user, r));
    field(b, camel ? "sessionId" : "session_id", "s" + r.nextInt(6));
    if (consensus) {
      field(
          b,
          camel ? "workflowStageType" : "workflow_stage_type",
          review ? "CONSENSUS_REVIEW" : "CONSENSUS_ANNOTATION");
    }
    if (action.endsWith("_OBJECT") || action.endsWith("_ATTRIBUTE") || action.contains("CLASS")) {
      field(
          b,
          action.contains("ATTRIBUTE") || action.contains("CLASS")
              ? "classification_hash"
              : "object_hash",
          object);
      field(b, camel ? "featureId" : "feature_id", aligned ? "F0" : "F" + r.nextInt(2));
      field(b, camel ? "labelName" : "label_name", r.nextBoolean() ? "Car" : "Person");
    }
    field(b, "timestamp", time(r).toString());
    String info = info(action, consensus, object, r, aligned);
    if (info != null) {
      b.append(camel ? "\"eventInformation\":" : "\"event_information\":").append(info).append(',');
    }
    b.setLength(b.length() - 1);
    return b.append('}').toString();
  }

  /** A classification answer: one of two features, one of three values, maybe a nested one. */
  private static String answer(Random r) {
    String feature = "Q" + r.nextInt(2);
    String nested =
        r.nextInt(3) == 0
            ? ",\"answers\":[{\"featureId\":\"Q9\",\"value\":\"n" + r.nextInt(2) + "\"}]"
            : "";
    return "{\""
        + feature
        + "\":{\"featureId\":\""
        + feature
        + "\",\"name\":\"Question\",\"value\":\"v"
        + r.nextInt(3)
        + "\""
        + nested
        + "}}";
  }

  /** An object's classification values: feature O0, one of two values. */
  private static String objectValues(Random r) {
    return "{\"O0\":{\"featureId\":\"O0\",\"name\":\"Occluded\",\"value\":\"v"
        + r.nextInt(2)
        + "\"}}";
  }

  private static String info(
      String action, boolean consensus, String object, Random r, boolean aligned) {
    String box =
        String.format(
            Locale.ROOT,
            "{\"x\":%.2f,\"y\":%.2f,\"w\":0.2,\"h\":0.2}",
            aligned ? 0.1 : r.nextInt(4) / 10.0,
            aligned ? 0.1 : r.nextInt(4) / 10.0);
    String someone = "{\"hash\":\"" + pick(ANNOTATORS, r) + "\",\"email\":\"a@x.com\"}";
    return switch (action) {
      case "CREATE_OBJECT" ->
          "{\"coordinates\":"
              + box
              + (aligned || r.nextBoolean() ? ",\"classifications\":" + objectValues(r) : "")
              + "}";
      case "UPDATE_OBJECT" ->
          r.nextInt(3) == 0
              ? "{\"newClassification\":" + objectValues(r) + "}"
              : "{\"newCoordinates\":" + box + "}";
      case "CREATE_ATTRIBUTE", "DELETE_ATTRIBUTE" -> "{\"classifications\":" + answer(r) + "}";
      case "UPDATE_ATTRIBUTE" -> "{\"newValue\":" + answer(r) + "}";
      case "APPROVE_OBJECT", "REJECT_OBJECT", "APPROVE_CLASSIFICATION", "REJECT_CLASSIFICATION" ->
          "{\"isConsensus\":" + consensus + "}";
      case "SAVE_TASK" ->
          "{\"saveType\":\""
              + (r.nextBoolean() ? "MANUAL" : "autosave")
              + "\",\"success\":"
              + r.nextBoolean()
              + "}";
      case "SKIP_TASK" -> "{\"skipReason\":\"blurry\"}";
      case "RUN_AGENT" ->
          "{\"objectHashes\":[\""
              + object
              + "\",\"solo"
              + r.nextInt(3)
              + "\"],\"agentUuid\":\"A"
              + r.nextInt(2)
              + "\",\"success\":"
              + (r.nextInt(4) != 0)
              + "}";
      case "APPROVE_TASK" ->
          consensus
              ? "{\"isConsensus\":true,\"selectedAnnotators\":["
                  + someone
                  + "],\"annotatorsWithApprovedLabels\":[\""
                  + pick(ANNOTATORS, r)
                  + "\"]"
                  + (r.nextBoolean() ? ",\"winningSetAnnotator\":" + someone : "")
                  + "}"
              : "{\"isConsensus\":false}";
      case "REJECT_TASK" -> "{\"isConsensus\":" + consensus + "}";
      default -> r.nextBoolean() ? null : "{}";
    };
  }

  private static void field(StringBuilder b, String key, String value) {
    b.append('"').append(key).append("\":\"").append(value).append("\",");
  }
}
