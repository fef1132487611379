package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.encordanalytics.ingest.EventMapper.RejectedRecord;
import io.encordanalytics.model.Event;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON objects of both log formats, in both key styles, to the unified event (inputs.md). */
class EventMapperTest {
  private final EventMapper mapper = new EventMapper(2000, 2100);

  /** Test JSON written with single quotes for readability. */
  private static JsonNode json(String singleQuoted) {
    try {
      return Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(singleQuoted, e);
    }
  }

  private Event map(String singleQuoted) throws RejectedRecord {
    return mapper.map(json(singleQuoted));
  }

  private static final String LABEL_SNAKE =
      "{'log_hash':'L1','user_hash':'U1','user_email':'ann@example.com',"
          + "'annotation_hash':'OLD','identifier':'I1','data_hash':'D1','feature_hash':'F1',"
          + "'action':12,'label_name':'Car','time_taken':1500,"
          + "'created_at':'2025-05-01T13:53:59.123Z','frame':7,'branch_name':'main',"
          + "'graph_node_uuid':'G1'}";

  /** The same event as the SDK's to_dict() writes it: camelCase, null fields left out. */
  private static final String LABEL_CAMEL =
      "{'logHash':'L1','userHash':'U1','userEmail':'ann@example.com',"
          + "'annotationHash':'OLD','identifier':'I1','dataHash':'D1','featureHash':'F1',"
          + "'action':12,'labelName':'Car','timeTaken':1500,"
          + "'createdAt':'2025-05-01T13:53:59.123Z','frame':7,'branchName':'main',"
          + "'graphNodeUuid':'G1'}";

  private static final String EDITOR_SNAKE =
      "{'id':'E1','action':'CREATE_OBJECT','action_category':'object','data_unit_id':'D1',"
          + "'workflow_stage_id':'S1','workflow_task_id':'T1','branch_name':'main',"
          + "'session_id':'SE1','timestamp':'2025-05-01T15:53:59+02:00',"
          + "'actor_user_id':'U1','actor_user_email':'ann@example.com',"
          + "'actor_organisation_id':'O1','project_id':'P1','project_user_role':'ANNOTATOR',"
          + "'data_unit_title':'cam01.mp4','data_unit_data_type':'video',"
          + "'data_unit_dataset_id':'DS1','data_unit_dataset_title':'Traffic',"
          + "'ontology_id':'ON1','label_id':'LR1','workflow_stage_type':'ANNOTATION',"
          + "'workflow_stage_title':'Annotate','label_name':'Car','feature_id':'F1',"
          + "'label_ranges':[[0,10],[20,30]],'object_shape':'bounding_box',"
          + "'object_current_frame':5,'object_hash':'OH1','object_id':3,"
          + "'event_information':{'coordinates':{'x':0.1,'y':0.2},'isConsensus':false}}";

  private static final String EDITOR_CAMEL =
      "{'id':'E1','action':'CREATE_OBJECT','actionCategory':'object','dataUnitId':'D1',"
          + "'workflowStageId':'S1','workflowTaskId':'T1','branchName':'main',"
          + "'sessionId':'SE1','timestamp':'2025-05-01T15:53:59+02:00',"
          + "'actorUserId':'U1','actorUserEmail':'ann@example.com',"
          + "'actorOrganisationId':'O1','projectId':'P1','projectUserRole':'ANNOTATOR',"
          + "'dataUnitTitle':'cam01.mp4','dataUnitDataType':'video',"
          + "'dataUnitDatasetId':'DS1','dataUnitDatasetTitle':'Traffic',"
          + "'ontologyId':'ON1','labelId':'LR1','workflowStageType':'ANNOTATION',"
          + "'workflowStageTitle':'Annotate','labelName':'Car','featureId':'F1',"
          + "'labelRanges':[[0,10],[20,30]],'objectShape':'bounding_box',"
          + "'objectCurrentFrame':5,'objectHash':'OH1','objectId':3,"
          + "'eventInformation':{'coordinates':{'x':0.1,'y':0.2},'isConsensus':false}}";

  // --- label logs ------------------------------------------------------------------------------

  @Test
  void labelLogMapsEveryContractField() throws Exception {
    Event e = map(LABEL_SNAKE);
    assertThat(e.getSourceFormat()).as("format").isEqualTo(EventMapper.LABEL_LOG);
    assertThat(e.getEventId()).as("log_hash -> eventId").isEqualTo("L1");
    assertThat(e.getUserId()).as("user_hash").isEqualTo("U1");
    assertThat(e.getUserEmail()).as("user_email").isEqualTo("ann@example.com");
    assertThat(e.getLabelId()).as("identifier wins over annotation_hash").isEqualTo("I1");
    assertThat(e.getDataUnitId()).as("data_hash").isEqualTo("D1");
    assertThat(e.getFeatureId()).as("feature_hash").isEqualTo("F1");
    assertThat(e.getActionCode()).as("action code").isEqualTo(12);
    assertThat(e.getAction()).as("action code name").isEqualTo("APPROVE_LABEL");
    assertThat(e.getLabelName()).as("label_name").isEqualTo("Car");
    assertThat(e.getTimeTakenMs()).as("time_taken").isEqualTo(1500L);
    assertThat(e.getEventTime())
        .as("created_at")
        .isEqualTo(Instant.parse("2025-05-01T13:53:59.123Z"));
    assertThat(e.getEventDate()).as("UTC date").isEqualTo(LocalDate.of(2025, 5, 1));
    assertThat(e.getFrame()).as("frame").isEqualTo(7);
    assertThat(e.getBranchName()).as("branch_name").isEqualTo("main");
    assertThat(e.getWorkflowStageId()).as("graph_node_uuid -> workflowStageId").isEqualTo("G1");
    assertThat(e.getEventInformation()).as("label logs have no event_information").isNull();
    assertThat(e.getWorkflowTaskId()).as("label logs have no task id").isNull();
    assertThat(e.getExtraFields())
        .as("every key has a column; the deprecated alias, unlike identifier, is kept")
        .isEqualTo("{\"annotation_hash\":\"OLD\"}");
  }

  @Test
  void labelLogInCamelCaseMapsToTheSameEventAsSnakeCase() throws Exception {
    assertThat(map(LABEL_CAMEL))
        .as("camelCase label log (SDK to_dict)")
        .usingRecursiveComparison()
        .isEqualTo(map(LABEL_SNAKE));
  }

  @Test
  void deprecatedAnnotationHashIsTheLabelIdWhenIdentifierIsMissingOrNull() throws Exception {
    String withoutIdentifier =
        "{'log_hash':'L1','annotation_hash':'A1','created_at':'2025-05-01T13:53:59Z','action':0}";
    String nullIdentifier =
        "{'log_hash':'L1','identifier':null,'annotation_hash':'A1',"
            + "'created_at':'2025-05-01T13:53:59Z','action':0}";
    String camel = "{'logHash':'L1','annotationHash':'A1','createdAt':'2025-05-01T13:53:59Z'}";
    assertThat(map(withoutIdentifier).getLabelId()).as("identifier absent").isEqualTo("A1");
    assertThat(map(nullIdentifier).getLabelId()).as("identifier null").isEqualTo("A1");
    assertThat(map(camel).getLabelId()).as("camelCase annotationHash").isEqualTo("A1");
  }

  @Test
  void nullAndMissingLabelLogFieldsAreNull() throws Exception {
    Event e =
        map(
            "{'log_hash':'L1','user_hash':null,'identifier':null,'time_taken':null,"
                + "'frame':null,'created_at':'2025-05-01T13:53:59Z','action':3}");
    assertThat(e.getUserId()).as("user_hash null").isNull();
    assertThat(e.getLabelId()).as("identifier null, no alias").isNull();
    assertThat(e.getTimeTakenMs()).as("time_taken null").isNull();
    assertThat(e.getFrame()).as("frame null (first frame)").isNull();
    assertThat(e.getUserEmail()).as("user_email missing").isNull();
    assertThat(e.getAction()).as("code 3").isEqualTo("START");
  }

  @ParameterizedTest(name = "code {0} is {1}")
  @CsvSource({
    "0, ADD",
    "1, EDIT",
    "4, END",
    "11, SUBMIT_TASK",
    "13, REJECT_LABEL",
    "17, CLICK_BULK",
    "19, CLICK_ZOOM",
    "30, BUFFERING_OVERLAY_SHOWN",
    "35, CONSENSUS_APPROVE_LABEL",
    "37, CONSENSUS_IN_AGREEMENT"
  })
  void knownActionCodesMapToTheirNames(int code, String name) throws Exception {
    Event e = map("{'log_hash':'L1','created_at':'2025-05-01T13:53:59Z','action':" + code + "}");
    assertThat(e.getAction()).as("name of code %s", code).isEqualTo(name);
    assertThat(e.getActionCode()).as("code %s kept", code).isEqualTo(code);
  }

  @ParameterizedTest(name = "unknown code {0}")
  @ValueSource(ints = {18, 99, 38})
  void unknownActionCodesAreKeptWithTheirRawTextAndCode(int code) throws Exception {
    Event e = map("{'log_hash':'L1','created_at':'2025-05-01T13:53:59Z','action':" + code + "}");
    assertThat(e.getAction()).as("raw action of unknown code %s", code).isEqualTo("" + code);
    assertThat(e.getActionCode()).as("unknown code %s kept", code).isEqualTo(code);
  }

  // --- editor logs -----------------------------------------------------------------------------

  @Test
  void editorLogMapsEveryContractField() throws Exception {
    Event e = map(EDITOR_SNAKE);
    assertThat(e.getSourceFormat()).as("format").isEqualTo(EventMapper.EDITOR_LOG);
    assertThat(e.getEventId()).as("id").isEqualTo("E1");
    assertThat(e.getAction()).as("action").isEqualTo("CREATE_OBJECT");
    assertThat(e.getActionCode()).as("editor logs have no code").isNull();
    assertThat(e.getActionCategory()).as("action_category").isEqualTo("object");
    assertThat(e.getEventTime())
        .as("timestamp with +02:00, as UTC")
        .isEqualTo(Instant.parse("2025-05-01T13:53:59Z"));
    assertThat(e.getEventDate()).as("UTC date").isEqualTo(LocalDate.of(2025, 5, 1));
    assertThat(e.getDataUnitId()).as("data_unit_id").isEqualTo("D1");
    assertThat(e.getWorkflowStageId()).as("workflow_stage_id").isEqualTo("S1");
    assertThat(e.getWorkflowTaskId()).as("workflow_task_id").isEqualTo("T1");
    assertThat(e.getBranchName()).as("branch_name").isEqualTo("main");
    assertThat(e.getSessionId()).as("session_id").isEqualTo("SE1");
    assertThat(e.getUserId()).as("actor_user_id").isEqualTo("U1");
    assertThat(e.getUserEmail()).as("actor_user_email").isEqualTo("ann@example.com");
    assertThat(e.getOrganisationId()).as("actor_organisation_id").isEqualTo("O1");
    assertThat(e.getProjectId()).as("project_id").isEqualTo("P1");
    assertThat(e.getProjectUserRole()).as("project_user_role").isEqualTo("ANNOTATOR");
    assertThat(e.getDataUnitTitle()).as("data_unit_title").isEqualTo("cam01.mp4");
    assertThat(e.getDataUnitDataType()).as("data_unit_data_type").isEqualTo("video");
    assertThat(e.getDatasetId()).as("data_unit_dataset_id").isEqualTo("DS1");
    assertThat(e.getOntologyId()).as("ontology_id").isEqualTo("ON1");
    assertThat(e.getLabelRowId()).as("label_id is the label row").isEqualTo("LR1");
    assertThat(e.getWorkflowStageType()).as("workflow_stage_type").isEqualTo("ANNOTATION");
    assertThat(e.getWorkflowStageTitle()).as("workflow_stage_title").isEqualTo("Annotate");
    assertThat(e.getLabelId()).as("object_hash is the label instance").isEqualTo("OH1");
    assertThat(e.getFeatureId()).as("feature_id").isEqualTo("F1");
    assertThat(e.getLabelName()).as("label_name").isEqualTo("Car");
    assertThat(e.getLabelRanges()).as("label_ranges as JSON").isEqualTo("[[0,10],[20,30]]");
    assertThat(e.getObjectShape()).as("object_shape").isEqualTo("bounding_box");
    assertThat(e.getFrame()).as("object_current_frame").isEqualTo(5);
    assertThat(e.getEventInformation())
        .as("event_information as compact JSON text")
        .isEqualTo("{\"coordinates\":{\"x\":0.1,\"y\":0.2},\"isConsensus\":false}");
    assertThat(e.getIsConsensus()).as("isConsensus").isFalse();
    assertThat(e.getExtraFields())
        .as("keys no column holds")
        .isEqualTo("{\"data_unit_dataset_title\":\"Traffic\",\"object_id\":3}");
    assertThat(e.getEventIdDerived()).as("id given").isFalse();
    assertThat(e.getUserIdFromEmail()).as("hash given").isFalse();
  }

  @Test
  void editorLogInCamelCaseMapsToTheSameEventAsSnakeCase() throws Exception {
    assertThat(map(EDITOR_CAMEL))
        .as("camelCase editor log")
        .usingRecursiveComparison()
        .isEqualTo(map(EDITOR_SNAKE));
  }

  @Test
  void objectPropertiesInsideEventInformationAreUsedWhenNotAtTheTopLevel() throws Exception {
    Event e =
        map(
            "{'id':'E2','action':'UPDATE_OBJECT','action_category':'object',"
                + "'timestamp':'2025-05-01 13:53:59','event_information':{"
                + "'objectHash':'OH2','featureId':'F2','labelName':'Truck',"
                + "'labelRanges':[[3,4]],'objectShape':'polygon','objectCurrentFrame':9,"
                + "'lastEditedBy':'U9'}}");
    assertThat(e.getLabelId()).as("objectHash inside").isEqualTo("OH2");
    assertThat(e.getFeatureId()).as("featureId inside").isEqualTo("F2");
    assertThat(e.getLabelName()).as("labelName inside").isEqualTo("Truck");
    assertThat(e.getLabelRanges()).as("labelRanges inside").isEqualTo("[[3,4]]");
    assertThat(e.getObjectShape()).as("objectShape inside").isEqualTo("polygon");
    assertThat(e.getFrame()).as("objectCurrentFrame inside").isEqualTo(9);
  }

  @Test
  void topLevelPropertiesWinOverEventInformation() throws Exception {
    Event e =
        map(
            "{'id':'E2','action':'UPDATE_OBJECT','timestamp':'2025-05-01T13:53:59Z',"
                + "'object_hash':'TOP','object_current_frame':1,"
                + "'event_information':{'objectHash':'INSIDE','objectCurrentFrame':2}}");
    assertThat(e.getLabelId()).as("object_hash").isEqualTo("TOP");
    assertThat(e.getFrame()).as("object_current_frame").isEqualTo(1);
  }

  @Test
  void classificationHashIsTheLabelIdOfClassificationEvents() throws Exception {
    Event top =
        map(
            "{'id':'C1','action':'CREATE_ATTRIBUTE','action_category':'classification',"
                + "'timestamp':'2025-05-01T13:53:59Z','classification_hash':'CH1',"
                + "'feature_id':'F3','label_name':'Weather'}");
    Event inside =
        map(
            "{'id':'C2','action':'UPDATE_ATTRIBUTE','timestamp':'2025-05-01T13:53:59Z',"
                + "'eventInformation':{'classificationHash':'CH2'}}");
    assertThat(top.getLabelId()).as("classification_hash at the top").isEqualTo("CH1");
    assertThat(top.getLabelName()).as("classification label_name").isEqualTo("Weather");
    assertThat(inside.getLabelId()).as("classificationHash inside").isEqualTo("CH2");
  }

  @Test
  void eventInformationIsNullWhenAbsentAndIsConsensusWhenPresent() throws Exception {
    Event absent = map("{'id':'E3','action':'APPROVE_OBJECT','timestamp':'2025-05-01T13:53:59Z'}");
    Event consensus =
        map(
            "{'id':'E4','action':'APPROVE_TASK','timestamp':'2025-05-01T13:53:59Z',"
                + "'event_information':{'isConsensus':true,'approvedLabelHashes':['a','b']}}");
    Event snakeInside =
        map(
            "{'id':'E5','action':'REJECT_OBJECT','timestamp':'2025-05-01T13:53:59Z',"
                + "'event_information':{'is_consensus':'true'}}");
    Event nullInfo =
        map(
            "{'id':'E6','action':'SAVE_TASK','timestamp':'2025-05-01T13:53:59Z',"
                + "'event_information':null}");
    assertThat(absent.getEventInformation()).as("no event_information").isNull();
    assertThat(absent.getIsConsensus()).as("no isConsensus").isNull();
    assertThat(nullInfo.getEventInformation()).as("event_information: null").isNull();
    assertThat(consensus.getEventInformation())
        .as("kept as JSON text")
        .isEqualTo("{\"isConsensus\":true,\"approvedLabelHashes\":[\"a\",\"b\"]}");
    assertThat(consensus.getIsConsensus()).as("isConsensus true").isTrue();
    assertThat(snakeInside.getIsConsensus()).as("is_consensus as text").isTrue();
  }

  @Test
  void eventInformationGivenAsAJsonStringIsReadAsTheObject() throws Exception {
    String record =
        "{\"id\":\"E7\",\"action\":\"APPROVE_OBJECT\",\"timestamp\":\"2025-05-01T13:53:59Z\","
            + "\"event_information\":\"{\\\"isConsensus\\\": true, \\\"objectHash\\\": \\\"OH7\\\"}\"}";
    Event e = mapper.map(Json.MAPPER.readTree(record));
    assertThat(e.getEventInformation())
        .as("normalised to compact JSON")
        .isEqualTo("{\"isConsensus\":true,\"objectHash\":\"OH7\"}");
    assertThat(e.getIsConsensus()).as("isConsensus from the string").isTrue();
    assertThat(e.getLabelId()).as("objectHash from the string").isEqualTo("OH7");
  }

  @Test
  void unknownEditorActionIsKeptWithItsRawText() throws Exception {
    Event e = map("{'id':'E8','action':'NEW_FANCY_ACTION','timestamp':'2025-05-01T13:53:59Z'}");
    assertThat(e.getAction()).as("raw action").isEqualTo("NEW_FANCY_ACTION");
    assertThat(e.getActionCode()).as("no code").isNull();
  }

  @Test
  void emptyWorkflowTaskIdOfViewModeIsKept() throws Exception {
    Event e =
        map(
            "{'id':'E9','action':'ENTER_EDITOR','timestamp':'2025-05-01T13:53:59Z',"
                + "'workflow_task_id':''}");
    assertThat(e.getWorkflowTaskId()).as("view mode task id").isEmpty();
  }

  // --- lenient scalar types --------------------------------------------------------------------

  @Test
  void numbersWhereStringsBelongAreReadAsText() throws Exception {
    Event label =
        map(
            "{'log_hash':12345,'user_hash':42,'data_hash':7,'identifier':99,"
                + "'created_at':'2025-05-01T13:53:59Z','action':0,'branch_name':1}");
    Event editor =
        map(
            "{'id':678,'action':'CREATE_OBJECT','timestamp':'2025-05-01T13:53:59Z',"
                + "'actor_user_id':5,'object_hash':6,'data_unit_id':8}");
    assertThat(label.getEventId()).as("numeric log_hash").isEqualTo("12345");
    assertThat(label.getUserId()).as("numeric user_hash").isEqualTo("42");
    assertThat(label.getDataUnitId()).as("numeric data_hash").isEqualTo("7");
    assertThat(label.getLabelId()).as("numeric identifier").isEqualTo("99");
    assertThat(label.getBranchName()).as("numeric branch_name").isEqualTo("1");
    assertThat(editor.getEventId()).as("numeric id").isEqualTo("678");
    assertThat(editor.getUserId()).as("numeric actor_user_id").isEqualTo("5");
    assertThat(editor.getLabelId()).as("numeric object_hash").isEqualTo("6");
    assertThat(editor.getDataUnitId()).as("numeric data_unit_id").isEqualTo("8");
  }

  @Test
  void numericStringsWhereNumbersBelongAreReadAsNumbers() throws Exception {
    Event label =
        map(
            "{'log_hash':'L1','created_at':'2025-05-01T13:53:59Z','action':'12',"
                + "'time_taken':'1500','frame':' 7 '}");
    Event editor =
        map(
            "{'id':'E1','action':'CREATE_OBJECT','timestamp':'2025-05-01T13:53:59Z',"
                + "'object_current_frame':'3'}");
    assertThat(label.getActionCode()).as("action '12'").isEqualTo(12);
    assertThat(label.getAction()).as("action '12' named").isEqualTo("APPROVE_LABEL");
    assertThat(label.getTimeTakenMs()).as("time_taken '1500'").isEqualTo(1500L);
    assertThat(label.getFrame()).as("frame ' 7 '").isEqualTo(7);
    assertThat(editor.getFrame()).as("object_current_frame '3'").isEqualTo(3);
  }

  @Test
  void integralFloatsAreIntegersAndNonNumericTextIsNull() throws Exception {
    Event e =
        map(
            "{'log_hash':'L1','created_at':'2025-05-01T13:53:59Z','action':1.0,"
                + "'time_taken':2.5,'frame':'first'}");
    assertThat(e.getActionCode()).as("action 1.0").isEqualTo(1);
    assertThat(e.getTimeTakenMs()).as("time_taken 2.5 is not an int").isNull();
    assertThat(e.getFrame()).as("frame 'first'").isNull();
  }

  // --- real exports: no ids, no user hashes, SDK serializations --------------------------------

  /** The "Example output" of Encord's label-log tutorial, saved as JSON. */
  private static final String DOCUMENTATION_EXAMPLE =
      "{'log_hash':null,'user_hash':null,'user_email':'xxxxx@cord.tech',"
          + "'annotation_hash':'2t5kCNyw','identifier':'2t5kCNyw',"
          + "'data_hash':'7d452929-9d2a-4aac-9010-4aa1dc8d4806','feature_hash':'KOYgD/K3',"
          + "'action':0,'label_name':'Text classification','time_taken':1482,"
          + "'created_at':'2022-11-30 17:27:10','frame':1}";

  /** The same record as the SDK's to_dict() writes it: camelCase, None dropped, naive ISO. */
  private static final String DOCUMENTATION_EXAMPLE_SDK =
      "{'userEmail':'xxxxx@cord.tech','identifier':'2t5kCNyw',"
          + "'dataHash':'7d452929-9d2a-4aac-9010-4aa1dc8d4806','featureHash':'KOYgD/K3',"
          + "'action':0,'labelName':'Text classification','timeTaken':1482,"
          + "'createdAt':'2022-11-30T17:27:10','frame':1}";

  @Test
  void documentationExampleRecordIsAnEventWithADerivedIdAndItsEmailsUser() throws Exception {
    Event e = map(DOCUMENTATION_EXAMPLE);
    assertThat(e.getEventId()).as("derived id").matches("derived-[0-9a-f]{64}");
    assertThat(e.getEventIdDerived()).as("marked derived").isTrue();
    assertThat(e.getUserId()).as("user of the e-mail").isEqualTo("email:xxxxx@cord.tech");
    assertThat(e.getUserIdFromEmail()).as("marked from the e-mail").isTrue();
    assertThat(e.getUserEmail()).as("e-mail kept").isEqualTo("xxxxx@cord.tech");
    assertThat(e.getAction()).as("action 0").isEqualTo("ADD");
    assertThat(e.getLabelId()).as("identifier").isEqualTo("2t5kCNyw");
    assertThat(e.getEventTime())
        .as("naive created_at is UTC")
        .isEqualTo(Instant.parse("2022-11-30T17:27:10Z"));
    assertThat(e.getTimeTakenMs()).isEqualTo(1482L);
    assertThat(e.getFrame()).isEqualTo(1);
    assertThat(e.getExtraFields()).as("annotation_hash repeats identifier").isNull();
  }

  @Test
  void theSameRecordGetsTheSameDerivedIdInEitherKeyStyleWithNullsWrittenOrDropped()
      throws Exception {
    String id = map(DOCUMENTATION_EXAMPLE).getEventId();
    assertThat(map(DOCUMENTATION_EXAMPLE_SDK))
        .as("SDK re-export: the same event")
        .usingRecursiveComparison()
        .isEqualTo(map(DOCUMENTATION_EXAMPLE));
    assertThat(
            map("{'frame':'1','createdAt':'2022-11-30T17:27:10.000Z','action':'0',"
                    + "'timeTaken':'1482','labelName':'Text classification',"
                    + "'featureHash':'KOYgD/K3','annotationHash':'2t5kCNyw',"
                    + "'dataHash':'7d452929-9d2a-4aac-9010-4aa1dc8d4806',"
                    + "'userEmail':'xxxxx@cord.tech','logHash':'  ','branchName':null}")
                .getEventId())
        .as("keys reordered, numbers as text, Z time, only the alias, blank id, nulls")
        .isEqualTo(id);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "another frame | 'frame':1 | 'frame':2",
        "another second | '2022-11-30 17:27:10' | '2022-11-30 17:27:11'",
        "another user | xxxxx@cord.tech | yyyyy@cord.tech",
        "another action | 'action':0 | 'action':1",
        "a key the contract does not name | 'frame':1 | 'frame':1,'objectId':7",
        "annotation_hash unlike identifier | 'annotation_hash':'2t5kCNyw' | 'annotation_hash':'x'",
      })
  void recordsThatDifferInAnyValueNeverShareADerivedId(String what, String from, String to)
      throws Exception {
    String changed = DOCUMENTATION_EXAMPLE.replace(from, to);
    assertThat(changed).as("test input changed").isNotEqualTo(DOCUMENTATION_EXAMPLE);
    assertThat(map(changed).getEventId())
        .as(what)
        .isNotEqualTo(map(DOCUMENTATION_EXAMPLE).getEventId());
  }

  @Test
  void editorEventWithoutIdGetsADerivedIdAndLabelAndEditorIdsNeverMeet() throws Exception {
    Event e = map("{'action':'SAVE_TASK','timestamp':'2025-05-01T13:53:59Z','session_id':'S'}");
    assertThat(e.getSourceFormat()).isEqualTo(EventMapper.EDITOR_LOG);
    assertThat(e.getEventIdDerived()).isTrue();
    assertThat(e.getEventId()).startsWith("derived-");
    assertThat(map("{'id':'','action':'SAVE_TASK','timestamp':'2025-05-01T13:53:59Z'}"))
        .as("an empty id is no id")
        .satisfies(x -> assertThat(x.getEventIdDerived()).isTrue());
  }

  @Test
  void userWithoutHashIsTheUserOfTheEmailInLowerCaseOrNoUserWithoutEither() throws Exception {
    Event label =
        map(
            "{'created_at':'2025-05-01T13:53:59Z','action':3,'user_hash':'',"
                + "'user_email':' Ann.Lee@Example.COM '}");
    Event editor =
        map(
            "{'id':'E1','action':'ENTER_EDITOR','timestamp':'2025-05-01T13:53:59Z',"
                + "'actorUserEmail':'ann.lee@example.com'}");
    Event nobody = map("{'id':'E2','action':'RUN_AGENT','timestamp':'2025-05-01T13:53:59Z'}");
    Event hashed =
        map(
            "{'id':'E3','action':'ENTER_EDITOR','timestamp':'2025-05-01T13:53:59Z',"
                + "'actor_user_id':'U1','actor_user_email':'ann.lee@example.com'}");
    assertThat(label.getUserId()).as("one person").isEqualTo("email:ann.lee@example.com");
    assertThat(editor.getUserId()).as("one person").isEqualTo("email:ann.lee@example.com");
    assertThat(label.getUserEmail()).as("e-mail as written").isEqualTo(" Ann.Lee@Example.COM ");
    assertThat(nobody.getUserId()).as("no hash, no e-mail").isNull();
    assertThat(nobody.getUserIdFromEmail()).isFalse();
    assertThat(hashed.getUserId()).as("the hash wins").isEqualTo("U1");
    assertThat(hashed.getUserIdFromEmail()).isFalse();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "create_object, CREATE_OBJECT",
    "Create_Object, CREATE_OBJECT",
    "' submit_task ', SUBMIT_TASK",
    "approve_classification, APPROVE_CLASSIFICATION",
    "new_fancy_action, new_fancy_action"
  })
  void editorActionsAreComparedWithoutRegardToCase(String action, String stored) throws Exception {
    Event e = map("{'id':'E1','action':'" + action + "','timestamp':'2025-05-01T13:53:59Z'}");
    assertThat(e.getAction()).as("stored action of %s", action).isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"APPROVE_LABEL", "approve_label", "Action.APPROVE_LABEL", "12"})
  void labelLogActionNamesAreTheirCodes(String action) throws Exception {
    Event e =
        map("{'log_hash':'L1','created_at':'2025-05-01T13:53:59Z','action':'" + action + "'}");
    assertThat(e.getActionCode()).as("code of %s", action).isEqualTo(12);
    assertThat(e.getAction()).isEqualTo("APPROVE_LABEL");
  }

  /** An editor-log record as the SDK writes it (to_dict(): camelCase, None dropped). */
  private static final String SDK_EDITOR_CAMEL =
      "{'id':'9c3e','action':'create_object','actionCategory':'object',"
          + "'dataUnitId':'D1','workflowStageId':'S1','workflowTaskId':'T1','branchName':'main',"
          + "'timestamp':'2025-10-16T13:09:31','sessionId':'SE1','actorUserId':'U1',"
          + "'actorOrganisationId':4711,'actorUserEmail':'ann@example.com','projectId':'P1',"
          + "'projectOrganisationId':4711,'projectUserRole':'ANNOTATOR',"
          + "'projectOrganisationUserRole':'USER','dataUnitTitle':'cam01.mp4',"
          + "'dataUnitDataType':'video','dataUnitDatasetId':'DS1',"
          + "'dataUnitDatasetTitle':'Traffic','ontologyId':'ON1','labelId':'LR1',"
          + "'workflowStageType':'','workflowStageTitle':'Annotate','labelName':'Car',"
          + "'featureId':'F1','labelRanges':[[0,10]],'objectShape':'bounding_box',"
          + "'objectHash':'OH1','objectId':3}";

  /** The same record with the SDK's snake_case field names (model_dump(), None dropped). */
  private static final String SDK_EDITOR_SNAKE =
      "{'id':'9c3e','action':'create_object','action_category':'object',"
          + "'data_unit_id':'D1','workflow_stage_id':'S1','workflow_task_id':'T1',"
          + "'branch_name':'main','timestamp':'2025-10-16T13:09:31','session_id':'SE1',"
          + "'actor_user_id':'U1','actor_organisation_id':4711,"
          + "'actor_user_email':'ann@example.com','project_id':'P1',"
          + "'project_organisation_id':4711,'project_user_role':'ANNOTATOR',"
          + "'project_organisation_user_role':'USER','data_unit_title':'cam01.mp4',"
          + "'data_unit_data_type':'video','data_unit_dataset_id':'DS1',"
          + "'data_unit_dataset_title':'Traffic','ontology_id':'ON1','label_id':'LR1',"
          + "'workflow_stage_type':'','workflow_stage_title':'Annotate','label_name':'Car',"
          + "'feature_id':'F1','label_ranges':[[0,10]],'object_shape':'bounding_box',"
          + "'object_hash':'OH1','object_id':3}";

  @Test
  void sdkSerializedEditorLogIsReadInBothKeyStyles() throws Exception {
    Event e = map(SDK_EDITOR_CAMEL);
    assertThat(e.getAction()).as("lower-case action").isEqualTo("CREATE_OBJECT");
    assertThat(e.getActionCategory()).isEqualTo("object");
    assertThat(e.getEventTime())
        .as("naive timestamp without offset is UTC")
        .isEqualTo(Instant.parse("2025-10-16T13:09:31Z"));
    assertThat(e.getWorkflowStageType()).as("empty stage type").isNull();
    assertThat(e.getOrganisationId()).as("numeric organisation id").isEqualTo("4711");
    assertThat(e.getEventInformation()).as("newer SDKs write none").isNull();
    assertThat(e.getUserId()).isEqualTo("U1");
    assertThat(e.getLabelId()).isEqualTo("OH1");
    assertThat(e.getExtraFields())
        .as("keys the contract does not list, snake_case, sorted")
        .isEqualTo(
            "{\"data_unit_dataset_title\":\"Traffic\",\"object_id\":3,"
                + "\"project_organisation_id\":4711,"
                + "\"project_organisation_user_role\":\"USER\"}");
    assertThat(map(SDK_EDITOR_SNAKE))
        .as("snake_case: the same event")
        .usingRecursiveComparison()
        .isEqualTo(e);
  }

  @Test
  void unknownKeysAreKeptAndKnownOnesNeverInEitherStyle() throws Exception {
    Event e =
        map(
            "{'log_hash':'L1','created_at':'2025-05-01T13:53:59Z','action':0,"
                + "'identifier':'I1','annotation_hash':'A9','userHash':'U1',"
                + "'reviewerNote':{'text':'ok'},'score':0.5,'nothing':null}");
    assertThat(e.getExtraFields())
        .as("an alias unlike identifier, and the unknown keys; nulls left out")
        .isEqualTo(
            "{\"annotation_hash\":\"A9\",\"reviewer_note\":{\"text\":\"ok\"},\"score\":0.5}");
  }

  // --- rejections ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "id that is an object"
            + "| {'id':{'a':1},'timestamp':'2025-05-01T13:53:59Z'}"
            + "| invalid event id: {\"a\":1} (id)",
        "log_hash that is an array, without a timestamp"
            + "| {'log_hash':['L1'],'action':0}"
            + "| invalid event id: [\"L1\"] (log_hash)",
        "label log without created_at"
            + "| {'log_hash':'L1','action':0}"
            + "| missing timestamp (created_at)",
        "editor log without timestamp"
            + "| {'id':'E1','action':'SAVE_TASK'}"
            + "| missing timestamp (timestamp)",
        "unparseable created_at"
            + "| {'log_hash':'L1','created_at':'last tuesday'}"
            + "| unparseable timestamp: last tuesday (created_at)",
        "unparseable timestamp"
            + "| {'id':'E1','timestamp':'2025-99-01T00:00:00Z'}"
            + "| unparseable timestamp: 2025-99-01T00:00:00Z (timestamp)",
        "numeric timestamp"
            + "| {'id':'E1','timestamp':1714571639}"
            + "| unparseable timestamp: 1714571639 (timestamp)",
        "timestamp before min-year"
            + "| {'log_hash':'L1','created_at':'1999-12-31T23:59:59Z'}"
            + "| timestamp out of range [2000, 2100]: 1999-12-31T23:59:59Z (created_at)",
        "timestamp after max-year"
            + "| {'id':'E1','timestamp':'2101-01-01 00:00:00'}"
            + "| timestamp out of range [2000, 2100]: 2101-01-01 00:00:00 (timestamp)",
        "offset moves the UTC date out of range"
            + "| {'id':'E1','timestamp':'2000-01-01T01:00:00+02:00'}"
            + "| timestamp out of range [2000, 2100]: 2000-01-01T01:00:00+02:00 (timestamp)",
        "timestamp Spark cannot store"
            + "| {'id':'E1','timestamp':'+999999999-12-31T23:59:59-18:00'}"
            + "| timestamp outside years 1-9999: +999999999-12-31T23:59:59-18:00 (timestamp)",
        "object matching neither format"
            + "| {'foo':1,'action':'x'}"
            + "| object matches neither the label-log nor the editor-log format",
        "empty object"
            + "| {}"
            + "| object matches neither the label-log nor the editor-log format",
        "array" + "| [1,2]" + "| not a JSON object",
        "string" + "| 'text'" + "| not a JSON object",
      })
  void recordsThatCannotBeEventsAreRejectedWithAClearReason(
      String what, String record, String reason) {
    assertThatThrownBy(() -> map(record))
        .as(what)
        .isInstanceOf(RejectedRecord.class)
        .hasMessage(reason);
  }

  @Test
  void nullNodeIsRejected() {
    assertThatThrownBy(() -> mapper.map(null))
        .as("null")
        .isInstanceOf(RejectedRecord.class)
        .hasMessage("not a JSON object");
  }

  // --- format detection ------------------------------------------------------------------------

  @Test
  void formatIsDetectedFromTheKeysInEitherStyle() {
    assertThat(EventMapper.detectFormat(json(LABEL_SNAKE)))
        .as("snake label")
        .isEqualTo("label_log");
    assertThat(EventMapper.detectFormat(json(LABEL_CAMEL)))
        .as("camel label")
        .isEqualTo("label_log");
    assertThat(EventMapper.detectFormat(json(EDITOR_SNAKE)))
        .as("snake editor")
        .isEqualTo("editor_log");
    assertThat(EventMapper.detectFormat(json(EDITOR_CAMEL)))
        .as("camel editor")
        .isEqualTo("editor_log");
    assertThat(EventMapper.detectFormat(json("{'logs':[]}"))).as("envelope").isNull();
    assertThat(
            EventMapper.detectFormat(
                json("{'log_hash':'L','id':'E','created_at':'x','timestamp':'y'}")))
        .as("both, log_hash wins")
        .isEqualTo("label_log");
    assertThat(EventMapper.detectFormat(json("{'data_hash':'D','session_id':'S','action':3}")))
        .as("both without ids: integer action means label log")
        .isEqualTo("label_log");
    assertThat(
            EventMapper.detectFormat(
                json("{'data_hash':'D','session_id':'S','action':'SAVE_TASK'}")))
        .as("both without ids: text action means editor log")
        .isEqualTo("editor_log");
  }
}
