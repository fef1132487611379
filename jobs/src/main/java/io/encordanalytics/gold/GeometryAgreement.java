package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.encordanalytics.ingest.Json;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code encord_gold.consensus_geometry} — grain (consensus_unit_id, annotator_a, annotator_b): how
 * closely the final objects of two annotators' consensus branches agree in geometry. Beyond the
 * contract; read {@code consensus_units} for the unit's decision.
 *
 * <p>Inputs: the silver {@code object_changes} table (all history) and the gold {@code
 * consensus_units} table (for the unit ids and decision dates). Per consensus unit (task key =
 * {@code consensus_unit_id}) and non-main branch, each object's final state is rebuilt from its
 * events in (event_time, event_id) order: CREATE_OBJECT sets its coordinates, UPDATE_OBJECT {@code
 * new_coordinates} replace them, DELETE_OBJECT removes the object (until a later CREATE_OBJECT of
 * the same hash). Its frame is that of the event that last set its coordinates (null counts as 0);
 * its feature is the latest {@code new_feature_hash} or {@code feature_id}. A branch's owner is the
 * one of {@code annotator_consensus_daily} ({@link GoldTransforms#branchOwners}: the most
 * label_created, label_edited, attribute_created and task_submitted events on the branch, ties to
 * the smallest user id), so both tables name the same owner for the same branch; branches of the
 * same owner in a unit are pooled, and a branch without such an event (no owner) has no object to
 * compare.
 *
 * <p>For each pair of owners (annotator_a &lt; annotator_b) objects on the same frame with the same
 * feature are matched one-to-one, greedily by highest IoU ({@link Shapes#iou}); pairs with IoU ≥
 * {@value #MATCH_IOU} count as matched. Columns: {@code event_date} (the unit's decision date, null
 * if undecided), {@code objects_a}, {@code objects_b} (final objects with an area shape), {@code
 * matched_objects}, {@code mean_iou} (over matched pairs, null if none), {@code precision} =
 * matched / objects_b and {@code recall} = matched / objects_a (null when the denominator is 0),
 * {@code f1} = 2 × matched / (objects_a + objects_b) (the harmonic mean of the two where defined; 0
 * when nothing matches; null when both sides are empty), {@code skipped_objects} (final objects of
 * either side without an interpretable area shape: missing or unreadable coordinates, or a non-area
 * {@code object_shape} such as point or polyline; counted here, never matched).
 *
 * <p>The transform is a pure function of its inputs, so rebuilding any set of units from full
 * history gives the same rows however often it runs.
 */
public final class GeometryAgreement {
  private GeometryAgreement() {}

  /** Minimum IoU for two objects to count as the same object. */
  public static final double MATCH_IOU = 0.5;

  /** Shapes with an area; other object_shape values are skipped whatever their coordinates. */
  private static final Set<String> AREA_SHAPES =
      Set.of("bounding_box", "rotatable_bounding_box", "polygon");

  /**
   * {@code encord_gold.consensus_geometry} from silver {@code object_changes} (columns read:
   * event_id, event_time, task_key, branch_name, change_kind, object_hash, feature_id,
   * new_feature_hash, object_shape, frame, coordinates, new_coordinates), gold {@code
   * consensus_units} (consensus_unit_id, event_date) and the branch owners ({@link
   * GoldTransforms#branchOwners}: task_key, branch_name, owner_id).
   */
  public static Dataset<Row> consensusGeometry(
      Dataset<Row> objectChanges, Dataset<Row> consensusUnits, Dataset<Row> branchOwners) {
    Dataset<ObjectEvent> events =
        objectEvents(
            objectChanges,
            consensusUnits.select(
                col("consensus_unit_id"), col("event_date").cast("date").as("unit_date")),
            branchOwners,
            false);
    return events
        .groupByKey((MapFunction<ObjectEvent, String>) ObjectEvent::getUnitId, Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, ObjectEvent, PairAgreement>)
                (unit, rows) -> compareUnit(toList(rows)).iterator(),
            Encoders.bean(PairAgreement.class))
        .select(
            col("consensusUnitId").as("consensus_unit_id"),
            col("annotatorA").as("annotator_a"),
            col("annotatorB").as("annotator_b"),
            col("eventDate").as("event_date"),
            col("objectsA").as("objects_a"),
            col("objectsB").as("objects_b"),
            col("matchedObjects").as("matched_objects"),
            col("meanIou").as("mean_iou"),
            col("precision"),
            col("recall"),
            col("f1"),
            col("skippedObjects").as("skipped_objects"));
  }

  /**
   * The object events of the units (consensus_unit_id, unit_date) on their owned non-main branches,
   * as the matcher reads them; with the objects' classification values when {@code values}.
   */
  private static Dataset<ObjectEvent> objectEvents(
      Dataset<Row> objectChanges, Dataset<Row> units, Dataset<Row> branchOwners, boolean values) {
    return objectChanges
        .filter(GoldTransforms.nonMainBranch())
        .join(units, col("task_key").equalTo(col("consensus_unit_id")))
        .join(branchOwners, new String[] {"task_key", "branch_name"})
        .select(
            col("consensus_unit_id").as("unitId"),
            col("unit_date").as("unitDate"),
            col("branch_name").as("branchName"),
            col("owner_id").as("ownerId"),
            col("event_time").cast("timestamp").as("eventTime"),
            col("event_id").as("eventId"),
            col("change_kind").as("changeKind"),
            col("object_hash").as("objectHash"),
            col("feature_id").as("featureId"),
            col("new_feature_hash").as("newFeatureHash"),
            col("object_shape").as("objectShape"),
            col("frame").cast("int").as("frame"),
            col("coordinates").as("coordinates"),
            col("new_coordinates").as("newCoordinates"),
            (values ? col("classifications") : functions.lit(null).cast("string"))
                .as("classifications"),
            (values ? col("old_classification") : functions.lit(null).cast("string"))
                .as("oldClassification"),
            (values ? col("new_classification") : functions.lit(null).cast("string"))
                .as("newClassification"))
        .as(Encoders.bean(ObjectEvent.class));
  }

  /**
   * The classification values of each branch owner's final objects in the consensus units {@code
   * units} (one column, task_key), with the objects of the other owners each is matched with (the
   * matching of {@link #consensusGeometry}): task_key, annotator_id, branch_name, object_hash,
   * classifications (the object's latest values as the editor logged them: JSON text), answered_at
   * (the event that logged them), matched_objects (array of annotator_id, branch_name,
   * object_hash). One row per final object with an area shape and logged values.
   */
  public static Dataset<Row> objectAnswers(
      Dataset<Row> objectChanges, Dataset<Row> units, Dataset<Row> branchOwners) {
    // Only the units where some object event logs values can have an answer: the others' objects
    // are not replayed.
    Dataset<Row> valued =
        objectChanges
            .filter(col("classifications").isNotNull().or(col("new_classification").isNotNull()))
            .select("task_key")
            .distinct()
            .join(units, "task_key", "left_semi");
    return objectEvents(
            objectChanges,
            valued.select(
                col("task_key").as("consensus_unit_id"),
                functions.lit(null).cast("date").as("unit_date")),
            branchOwners,
            true)
        .groupByKey((MapFunction<ObjectEvent, String>) ObjectEvent::getUnitId, Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, ObjectEvent, ObjectAnswer>)
                (unit, rows) -> answersOfUnit(toList(rows)).iterator(),
            Encoders.bean(ObjectAnswer.class))
        .select(
            col("unitId").as("task_key"),
            col("annotatorId").as("annotator_id"),
            col("branchName").as("branch_name"),
            col("objectHash").as("object_hash"),
            col("classifications"),
            col("answeredAt").as("answered_at"),
            functions
                .expr(
                    "transform(matches, m -> named_struct('annotator_id', m.annotatorId,"
                        + " 'branch_name', m.branchName, 'object_hash', m.objectHash))")
                .as("matched_objects"));
  }

  private static <T> List<T> toList(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  // ---- one unit, in plain Java ----------------------------------------------------------------

  /** One row per pair of branch owners of one unit's object events (all of one unit id). */
  static List<PairAgreement> compareUnit(List<ObjectEvent> unitEvents) {
    if (unitEvents.isEmpty()) {
      return List.of();
    }
    Map<String, Annotations> byOwner = byOwner(unitEvents);
    ObjectEvent first = unitEvents.get(0); // its unit id and date are every event's
    List<String> owners = new ArrayList<>(byOwner.keySet());
    List<PairAgreement> out = new ArrayList<>();
    for (int i = 0; i < owners.size(); i++) {
      for (int j = i + 1; j < owners.size(); j++) {
        PairAgreement p = compare(byOwner.get(owners.get(i)), byOwner.get(owners.get(j)));
        p.setConsensusUnitId(first.getUnitId());
        p.setEventDate(first.getUnitDate());
        p.setAnnotatorA(owners.get(i));
        p.setAnnotatorB(owners.get(j));
        out.add(p);
      }
    }
    return out;
  }

  /** Each branch owner's final objects, from one unit's object events. */
  private static Map<String, Annotations> byOwner(List<ObjectEvent> unitEvents) {
    List<ObjectEvent> ordered = new ArrayList<>(unitEvents);
    ordered.sort(EVENT_ORDER);
    Map<String, List<ObjectEvent>> byBranch = new TreeMap<>();
    for (ObjectEvent e : ordered) {
      byBranch.computeIfAbsent(e.getBranchName(), b -> new ArrayList<>()).add(e);
    }
    Map<String, Annotations> byOwner = new TreeMap<>();
    for (Map.Entry<String, List<ObjectEvent>> branch : byBranch.entrySet()) {
      byOwner
          .computeIfAbsent(branch.getValue().get(0).getOwnerId(), o -> new Annotations())
          .addBranch(branch.getKey(), branch.getValue());
    }
    return byOwner;
  }

  /**
   * One row per final object of one unit's events with logged classification values, naming the
   * other owners' objects it is matched with.
   */
  static List<ObjectAnswer> answersOfUnit(List<ObjectEvent> unitEvents) {
    if (unitEvents.isEmpty()) {
      return List.of();
    }
    String unit = unitEvents.get(0).getUnitId();
    Map<String, Annotations> byOwner = byOwner(unitEvents);
    List<String> owners = new ArrayList<>(byOwner.keySet());
    Map<String, List<MatchedObject>> matches = new HashMap<>();
    for (int i = 0; i < owners.size(); i++) {
      for (int j = i + 1; j < owners.size(); j++) {
        Annotations a = byOwner.get(owners.get(i));
        Annotations b = byOwner.get(owners.get(j));
        for (Candidate c : match(a, b)) {
          FinalObject oa = a.objects.get(c.a());
          FinalObject ob = b.objects.get(c.b());
          matches.computeIfAbsent(oa.key(), k -> new ArrayList<>()).add(matched(owners.get(j), ob));
          matches.computeIfAbsent(ob.key(), k -> new ArrayList<>()).add(matched(owners.get(i), oa));
        }
      }
    }
    List<ObjectAnswer> out = new ArrayList<>();
    for (String owner : owners) {
      for (FinalObject o : byOwner.get(owner).objects) {
        if (o.classifications() == null) {
          continue;
        }
        ObjectAnswer answer = new ObjectAnswer();
        answer.setUnitId(unit);
        answer.setAnnotatorId(owner);
        answer.setBranchName(o.branch());
        answer.setObjectHash(o.hash());
        answer.setClassifications(o.classifications());
        answer.setAnsweredAt(o.classifiedAt());
        answer.setMatches(matches.getOrDefault(o.key(), List.of()));
        out.add(answer);
      }
    }
    return out;
  }

  private static MatchedObject matched(String owner, FinalObject o) {
    MatchedObject m = new MatchedObject();
    m.setAnnotatorId(owner);
    m.setBranchName(o.branch());
    m.setObjectHash(o.hash());
    return m;
  }

  private static final Comparator<ObjectEvent> EVENT_ORDER =
      Comparator.comparing(
              ObjectEvent::getEventTime, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(ObjectEvent::getEventId, Comparator.nullsFirst(Comparator.naturalOrder()));

  /**
   * Greedy one-to-one matching of two owners' objects on the same frame and feature: the matched
   * pairs (indexes into each side's objects), by falling IoU.
   */
  static List<Candidate> match(Annotations a, Annotations b) {
    Map<List<Object>, List<Integer>> bBySlot = new HashMap<>();
    for (int j = 0; j < b.objects.size(); j++) {
      bBySlot.computeIfAbsent(b.objects.get(j).slot(), k -> new ArrayList<>()).add(j);
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < a.objects.size(); i++) {
      FinalObject oa = a.objects.get(i);
      for (int j : bBySlot.getOrDefault(oa.slot(), List.of())) {
        double iou = Shapes.iou(oa.shape(), b.objects.get(j).shape());
        // Greedy by falling IoU: pairs below the threshold could never displace one above it.
        if (iou >= MATCH_IOU) {
          candidates.add(new Candidate(iou, i, j));
        }
      }
    }
    candidates.sort(
        Comparator.comparingDouble(Candidate::iou)
            .reversed()
            .thenComparingInt(Candidate::a)
            .thenComparingInt(Candidate::b));
    boolean[] usedA = new boolean[a.objects.size()];
    boolean[] usedB = new boolean[b.objects.size()];
    List<Candidate> matched = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!usedA[c.a()] && !usedB[c.b()]) {
        usedA[c.a()] = true;
        usedB[c.b()] = true;
        matched.add(c);
      }
    }
    return matched;
  }

  /** The geometry agreement of two owners' objects. */
  static PairAgreement compare(Annotations a, Annotations b) {
    long matched = 0;
    double iouSum = 0;
    for (Candidate c : match(a, b)) {
      matched++;
      iouSum += c.iou();
    }
    long na = a.objects.size();
    long nb = b.objects.size();
    PairAgreement p = new PairAgreement();
    p.setObjectsA(na);
    p.setObjectsB(nb);
    p.setMatchedObjects(matched);
    p.setMeanIou(matched > 0 ? iouSum / matched : null);
    p.setPrecision(nb > 0 ? (double) matched / nb : null);
    p.setRecall(na > 0 ? (double) matched / na : null);
    p.setF1(na + nb > 0 ? 2.0 * matched / (na + nb) : null);
    p.setSkippedObjects(a.skipped + b.skipped);
    return p;
  }

  private record Candidate(double iou, int a, int b) {}

  /**
   * A final object with an area shape; {@code frame} and {@code featureId} decide what it meets.
   */
  record FinalObject(
      String branch,
      String hash,
      int frame,
      String featureId,
      Shapes.Shape shape,
      String classifications,
      Instant classifiedAt) {
    String key() {
      return branch + "/" + hash;
    }

    List<Object> slot() {
      return Arrays.asList(frame, featureId);
    }
  }

  /** One owner's final objects across their branches of a unit, and how many were skipped. */
  static final class Annotations {
    final List<FinalObject> objects = new ArrayList<>();
    long skipped;

    void addBranch(String branch, List<ObjectEvent> orderedEvents) {
      Map<String, ObjectState> states = new LinkedHashMap<>();
      for (ObjectEvent e : orderedEvents) {
        String hash = e.getObjectHash();
        if (hash == null) {
          if (!"created".equals(e.getChangeKind())) {
            continue; // an edit or deletion that names no object changes nothing we can rebuild
          }
          hash = "event:" + e.getEventId();
        }
        states.computeIfAbsent(hash, h -> new ObjectState()).apply(e);
      }
      List<FinalObject> found = new ArrayList<>();
      for (Map.Entry<String, ObjectState> s : states.entrySet()) {
        ObjectState st = s.getValue();
        if (st.deleted) {
          continue;
        }
        Shapes.Shape shape =
            st.objectShape == null || AREA_SHAPES.contains(st.objectShape.toLowerCase())
                ? Shapes.parse(st.coordinates)
                : null;
        if (shape == null) {
          skipped++;
        } else {
          int frame = st.frame == null ? 0 : st.frame;
          found.add(
              new FinalObject(
                  branch,
                  s.getKey(),
                  frame,
                  st.featureId,
                  shape,
                  st.classifications(),
                  st.classifiedAt));
        }
      }
      objects.addAll(found);
      objects.sort(Comparator.comparing(FinalObject::key));
    }
  }

  /** An object's state while its events are replayed in order. */
  private static final class ObjectState {
    boolean deleted;
    String coordinates;
    Integer frame;
    String featureId;
    String objectShape;

    /** The object's classification values by feature key; null until an event logs some. */
    ObjectNode values;

    Instant classifiedAt;

    void apply(ObjectEvent e) {
      String kind = Objects.toString(e.getChangeKind(), "");
      if (kind.equals("created")) {
        deleted = false;
        coordinates = e.getCoordinates();
        frame = e.getFrame();
        values = null;
        classifiedAt = null;
      } else if (kind.equals("deleted")) {
        deleted = true;
      } else if (!deleted && e.getNewCoordinates() != null) {
        coordinates = e.getNewCoordinates();
        frame = e.getFrame();
      }
      if (!deleted) {
        applyValues(e);
      }
      if (e.getNewFeatureHash() != null) {
        featureId = e.getNewFeatureHash();
      } else if (e.getFeatureId() != null) {
        featureId = e.getFeatureId();
      }
      if (e.getObjectShape() != null) {
        objectShape = e.getObjectShape();
      }
    }

    /**
     * The values an event logs: an edit's {@code newClassification} sets the features it names and
     * drops those its {@code oldClassification} names without a new value (whether the editor logs
     * every feature or only the changed one, the result is the object's values); a {@code
     * classifications} map (a creation's) is the object's values as they stand.
     */
    private void applyValues(ObjectEvent e) {
      ObjectNode next = objectMap(e.getNewClassification());
      if (next != null) {
        ObjectNode merged = values == null ? Json.MAPPER.createObjectNode() : values.deepCopy();
        ObjectNode old = objectMap(e.getOldClassification());
        if (old != null) {
          old.fieldNames().forEachRemaining(k -> merged.remove(k));
        }
        merged.setAll(next);
        values = merged;
        classifiedAt = e.getEventTime();
        return;
      }
      ObjectNode all = objectMap(e.getClassifications());
      if (all != null) {
        values = all;
        classifiedAt = e.getEventTime();
      }
    }

    /** The JSON object {@code text} holds, or null (absent, not JSON, or not an object). */
    private static ObjectNode objectMap(String text) {
      if (text == null) {
        return null;
      }
      try {
        return Json.MAPPER.readTree(text) instanceof ObjectNode o ? o : null;
      } catch (JsonProcessingException ex) {
        return null;
      }
    }

    /** The values as JSON text; null when none were logged or all were dropped. */
    String classifications() {
      return values == null || values.isEmpty() ? null : values.toString();
    }
  }

  // ---- beans ----------------------------------------------------------------------------------

  /** One object event of a consensus unit's non-main branch, as the matcher reads it. */
  public static class ObjectEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    private String unitId;
    private LocalDate unitDate;
    private String branchName;

    /** The branch's owner (the same for every event of one unit's branch). */
    private String ownerId;

    private Instant eventTime;
    private String eventId;
    private String changeKind;
    private String objectHash;
    private String featureId;
    private String newFeatureHash;
    private String objectShape;
    private Integer frame;
    private String coordinates;
    private String newCoordinates;
    private String classifications;
    private String oldClassification;
    private String newClassification;

    public ObjectEvent() {}

    public String getUnitId() {
      return unitId;
    }

    public void setUnitId(String unitId) {
      this.unitId = unitId;
    }

    public LocalDate getUnitDate() {
      return unitDate;
    }

    public void setUnitDate(LocalDate unitDate) {
      this.unitDate = unitDate;
    }

    public String getBranchName() {
      return branchName;
    }

    public void setBranchName(String branchName) {
      this.branchName = branchName;
    }

    public String getOwnerId() {
      return ownerId;
    }

    public void setOwnerId(String ownerId) {
      this.ownerId = ownerId;
    }

    public Instant getEventTime() {
      return eventTime;
    }

    public void setEventTime(Instant eventTime) {
      this.eventTime = eventTime;
    }

    public String getEventId() {
      return eventId;
    }

    public void setEventId(String eventId) {
      this.eventId = eventId;
    }

    public String getChangeKind() {
      return changeKind;
    }

    public void setChangeKind(String changeKind) {
      this.changeKind = changeKind;
    }

    public String getObjectHash() {
      return objectHash;
    }

    public void setObjectHash(String objectHash) {
      this.objectHash = objectHash;
    }

    public String getFeatureId() {
      return featureId;
    }

    public void setFeatureId(String featureId) {
      this.featureId = featureId;
    }

    public String getNewFeatureHash() {
      return newFeatureHash;
    }

    public void setNewFeatureHash(String newFeatureHash) {
      this.newFeatureHash = newFeatureHash;
    }

    public String getObjectShape() {
      return objectShape;
    }

    public void setObjectShape(String objectShape) {
      this.objectShape = objectShape;
    }

    public Integer getFrame() {
      return frame;
    }

    public void setFrame(Integer frame) {
      this.frame = frame;
    }

    public String getCoordinates() {
      return coordinates;
    }

    public void setCoordinates(String coordinates) {
      this.coordinates = coordinates;
    }

    public String getNewCoordinates() {
      return newCoordinates;
    }

    public void setNewCoordinates(String newCoordinates) {
      this.newCoordinates = newCoordinates;
    }

    public String getClassifications() {
      return classifications;
    }

    public void setClassifications(String classifications) {
      this.classifications = classifications;
    }

    public String getOldClassification() {
      return oldClassification;
    }

    public void setOldClassification(String oldClassification) {
      this.oldClassification = oldClassification;
    }

    public String getNewClassification() {
      return newClassification;
    }

    public void setNewClassification(String newClassification) {
      this.newClassification = newClassification;
    }
  }

  /** One row of {@link #objectAnswers}: an owner's object, its values and its matches. */
  public static class ObjectAnswer extends MatchedObject {
    private static final long serialVersionUID = 1L;

    private String unitId;
    private String classifications;
    private Instant answeredAt;
    private List<MatchedObject> matches;

    public ObjectAnswer() {}

    public String getUnitId() {
      return unitId;
    }

    public void setUnitId(String unitId) {
      this.unitId = unitId;
    }

    public String getClassifications() {
      return classifications;
    }

    public void setClassifications(String classifications) {
      this.classifications = classifications;
    }

    public Instant getAnsweredAt() {
      return answeredAt;
    }

    public void setAnsweredAt(Instant answeredAt) {
      this.answeredAt = answeredAt;
    }

    public List<MatchedObject> getMatches() {
      return matches;
    }

    public void setMatches(List<MatchedObject> matches) {
      this.matches = matches;
    }
  }

  /** An owner's object (annotator, branch and hash): one that another object is matched with. */
  public static class MatchedObject implements Serializable {
    private static final long serialVersionUID = 1L;

    private String annotatorId;
    private String branchName;
    private String objectHash;

    public MatchedObject() {}

    public String getAnnotatorId() {
      return annotatorId;
    }

    public void setAnnotatorId(String annotatorId) {
      this.annotatorId = annotatorId;
    }

    public String getBranchName() {
      return branchName;
    }

    public void setBranchName(String branchName) {
      this.branchName = branchName;
    }

    public String getObjectHash() {
      return objectHash;
    }

    public void setObjectHash(String objectHash) {
      this.objectHash = objectHash;
    }
  }

  /** One output row of {@code consensus_geometry}. */
  public static class PairAgreement implements Serializable {
    private static final long serialVersionUID = 1L;

    private String consensusUnitId;
    private String annotatorA;
    private String annotatorB;
    private LocalDate eventDate;
    private long objectsA;
    private long objectsB;
    private long matchedObjects;
    private Double meanIou;
    private Double precision;
    private Double recall;
    private Double f1;
    private long skippedObjects;

    public PairAgreement() {}

    public String getConsensusUnitId() {
      return consensusUnitId;
    }

    public void setConsensusUnitId(String consensusUnitId) {
      this.consensusUnitId = consensusUnitId;
    }

    public String getAnnotatorA() {
      return annotatorA;
    }

    public void setAnnotatorA(String annotatorA) {
      this.annotatorA = annotatorA;
    }

    public String getAnnotatorB() {
      return annotatorB;
    }

    public void setAnnotatorB(String annotatorB) {
      this.annotatorB = annotatorB;
    }

    public LocalDate getEventDate() {
      return eventDate;
    }

    public void setEventDate(LocalDate eventDate) {
      this.eventDate = eventDate;
    }

    public long getObjectsA() {
      return objectsA;
    }

    public void setObjectsA(long objectsA) {
      this.objectsA = objectsA;
    }

    public long getObjectsB() {
      return objectsB;
    }

    public void setObjectsB(long objectsB) {
      this.objectsB = objectsB;
    }

    public long getMatchedObjects() {
      return matchedObjects;
    }

    public void setMatchedObjects(long matchedObjects) {
      this.matchedObjects = matchedObjects;
    }

    public Double getMeanIou() {
      return meanIou;
    }

    public void setMeanIou(Double meanIou) {
      this.meanIou = meanIou;
    }

    public Double getPrecision() {
      return precision;
    }

    public void setPrecision(Double precision) {
      this.precision = precision;
    }

    public Double getRecall() {
      return recall;
    }

    public void setRecall(Double recall) {
      this.recall = recall;
    }

    public Double getF1() {
      return f1;
    }

    public void setF1(Double f1) {
      this.f1 = f1;
    }

    public long getSkippedObjects() {
      return skippedObjects;
    }

    public void setSkippedObjects(long skippedObjects) {
      this.skippedObjects = skippedObjects;
    }
  }
}
