package io.encordanalytics.generator;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The simulated world both modes share: projects (ontology features, workflow stages), data units,
 * users, tasks and the labels on each task's branches. Plain mutable state; {@link Sim} and the
 * flows change it as the simulated people work.
 */
final class World {
  private World() {}

  static final class User {
    final String hash;
    final String email;
    final String role;
    final String name;
    final ArrayDeque<Task> rework = new ArrayDeque<>();

    User(String hash, String email, String role, String name) {
      this.hash = hash;
      this.email = email;
      this.role = role;
      this.name = name;
    }

    String branch() {
      return "consensus-" + hash.substring(0, 8);
    }
  }

  enum FeatureKind {
    OBJECT,
    CLASSIFICATION,
    ATTRIBUTE
  }

  static final class Feature {
    final String hash;
    final String name;
    final String shape;
    final FeatureKind kind;
    final List<String> values;
    Feature nested;
    String nestedTrigger;

    Feature(String hash, String name, String shape, FeatureKind kind, List<String> values) {
      this.hash = hash;
      this.name = name;
      this.shape = shape;
      this.kind = kind;
      this.values = values;
    }
  }

  static final class Stage {
    final String uuid;
    final String type;
    final String title;

    Stage(String uuid, String type, String title) {
      this.uuid = uuid;
      this.type = type;
      this.title = title;
    }
  }

  static final class Project {
    String hash;
    String title;
    String ontologyId;
    String datasetId;
    String datasetTitle;
    boolean video;
    boolean consensus;
    final List<Feature> objects = new ArrayList<>();
    final List<Feature> classifications = new ArrayList<>();
    Feature objectAttr;
    Stage annotate;
    Stage review;
    Stage done;
    int nextUnit;
  }

  static final class DataUnit {
    final Project p;
    final String hash;
    final String title;
    final int frames;
    final TreeMap<String, String> labelRows = new TreeMap<>();
    int nextObjectId = 1;

    DataUnit(Project p, String hash, String title, int frames) {
      this.p = p;
      this.hash = hash;
      this.title = title;
      this.frames = frames;
    }
  }

  static final int PENDING = 0;
  static final int APPROVED = 1;
  static final int REJECTED = 2;

  /** Scripted: the next review rejects this label whatever the dice say. */
  static final int FORCE_REJECT = -1;

  static final class Label {
    final String hash;
    Feature feature;
    final boolean cls;
    final User creator;
    int objectId;
    int frame;
    int[][] ranges;
    Object coords;
    String value;
    String nestedValue;
    String attrValue;
    int status = PENDING;
    int attrStatus = PENDING;

    Label(String hash, Feature feature, boolean cls, User creator) {
      this.hash = hash;
      this.feature = feature;
      this.cls = cls;
      this.creator = creator;
    }
  }

  static final class Task {
    final DataUnit du;
    final String id;
    final TreeMap<String, List<Label>> labels = new TreeMap<>();
    final List<User> consensusAnnotators = new ArrayList<>();
    int slots;
    User annotator;
    long readyAt;
    boolean reviewed;

    Task(DataUnit du, String id) {
      this.du = du;
      this.id = id;
    }

    List<Label> labels(String branch) {
      return labels.computeIfAbsent(branch, b -> new ArrayList<>());
    }
  }

  static final String MAIN = "main";

  static final String[] OBJECT_NAMES_VIDEO = {"Car", "Pedestrian", "Cyclist", "Traffic light"};
  static final String[] OBJECT_SHAPES_VIDEO = {
    "bounding_box", "polygon", "rotatable_bounding_box", "bounding_box"
  };
  static final String[] OBJECT_NAMES_IMAGE = {"Product", "Price tag", "Empty slot"};
  static final String[] OBJECT_SHAPES_IMAGE = {"bounding_box", "polygon", "rotatable_bounding_box"};

  static Project project(Sim sim, String title, String dataset, boolean video, boolean consensus) {
    Project p = new Project();
    p.hash = sim.uuid();
    p.title = title;
    p.ontologyId = sim.uuid();
    p.datasetId = sim.uuid();
    p.datasetTitle = dataset;
    p.video = video;
    p.consensus = consensus;
    String[] names = video ? OBJECT_NAMES_VIDEO : OBJECT_NAMES_IMAGE;
    String[] shapes = video ? OBJECT_SHAPES_VIDEO : OBJECT_SHAPES_IMAGE;
    for (int i = 0; i < names.length; i++) {
      p.objects.add(new Feature(sim.b62(8), names[i], shapes[i], FeatureKind.OBJECT, null));
    }
    if (video) {
      Feature weather =
          new Feature(
              sim.b62(8),
              "Weather",
              null,
              FeatureKind.CLASSIFICATION,
              List.of("sunny", "overcast", "rain", "fog"));
      weather.nested =
          new Feature(
              sim.b62(8), "Rain intensity", null, FeatureKind.ATTRIBUTE, List.of("light", "heavy"));
      weather.nestedTrigger = "rain";
      p.classifications.add(weather);
      p.classifications.add(
          new Feature(
              sim.b62(8),
              "Time of day",
              null,
              FeatureKind.CLASSIFICATION,
              List.of("day", "dusk", "night")));
      p.objectAttr =
          new Feature(
              sim.b62(8), "Occluded", null, FeatureKind.ATTRIBUTE, List.of("no", "partly", "yes"));
    } else {
      p.classifications.add(
          new Feature(
              sim.b62(8), "Shelf tidy", null, FeatureKind.CLASSIFICATION, List.of("yes", "no")));
      p.objectAttr =
          new Feature(
              sim.b62(8), "Facing", null, FeatureKind.ATTRIBUTE, List.of("front", "side", "back"));
    }
    if (consensus) {
      p.annotate = new Stage(sim.uuid(), "CONSENSUS_ANNOTATION", "Consensus annotate");
      p.review = new Stage(sim.uuid(), "CONSENSUS_REVIEW", "Consensus review");
    } else {
      p.annotate = new Stage(sim.uuid(), "ANNOTATION", "Annotate");
      p.review = new Stage(sim.uuid(), "REVIEW", "Review");
    }
    p.done = new Stage(sim.uuid(), "DONE", "Complete");
    return p;
  }

  static long dayStart(LocalDate d) {
    return d.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
  }
}
