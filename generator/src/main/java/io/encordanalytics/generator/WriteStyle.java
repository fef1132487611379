package io.encordanalytics.generator;

/**
 * How an event is written: key style, timestamp form and the variants of real exports. {@code
 * dropNulls}: null fields left out (the SDK's {@code to_dict()}; always so in camelCase). {@code
 * noIds}: label logs with {@code log_hash} and {@code user_hash} None, as Encord's documentation
 * prints them. {@code sdk}: the fields of the SDK's models (label logs without {@code branch_name}
 * and {@code graph_node_uuid}; editor logs with numeric organisation ids, {@code
 * projectOrganisationId}, {@code projectOrganisationUserRole}, and an empty {@code
 * workflowStageType} on editor-category events). {@code lowerActions}: editor actions in lower case
 * ({@code create_object}).
 */
record WriteStyle(
    boolean camel,
    TimestampForm ts,
    IdMode idMode,
    boolean noEventInfo,
    boolean propsInEventInfo,
    boolean dropNulls,
    boolean noIds,
    boolean sdk,
    boolean lowerActions) {

  /** How label logs carry the label instance id. */
  enum IdMode {
    IDENTIFIER,
    ANNOTATION_HASH,
    BOTH
  }

  static WriteStyle snake(TimestampForm ts) {
    return new WriteStyle(false, ts, IdMode.IDENTIFIER, false, false, false, false, false, false);
  }

  static WriteStyle camel(TimestampForm ts) {
    return new WriteStyle(true, ts, IdMode.IDENTIFIER, false, false, true, false, false, false);
  }

  WriteStyle withTs(TimestampForm t) {
    return new WriteStyle(
        camel, t, idMode, noEventInfo, propsInEventInfo, dropNulls, noIds, sdk, lowerActions);
  }

  WriteStyle withIdMode(IdMode m) {
    return new WriteStyle(
        camel, ts, m, noEventInfo, propsInEventInfo, dropNulls, noIds, sdk, lowerActions);
  }

  WriteStyle withoutEventInfo() {
    return new WriteStyle(
        camel, ts, idMode, true, propsInEventInfo, dropNulls, noIds, sdk, lowerActions);
  }

  WriteStyle withPropsInEventInfo() {
    return new WriteStyle(
        camel, ts, idMode, noEventInfo, true, dropNulls, noIds, sdk, lowerActions);
  }

  WriteStyle withoutNulls() {
    return new WriteStyle(
        camel, ts, idMode, noEventInfo, propsInEventInfo, true, noIds, sdk, lowerActions);
  }

  WriteStyle withoutIds() {
    return new WriteStyle(
        camel, ts, idMode, noEventInfo, propsInEventInfo, dropNulls, true, sdk, lowerActions);
  }

  WriteStyle asSdk() {
    return new WriteStyle(
        camel, ts, idMode, noEventInfo, propsInEventInfo, dropNulls, noIds, true, lowerActions);
  }

  WriteStyle withLowerCaseActions() {
    return new WriteStyle(
        camel, ts, idMode, noEventInfo, propsInEventInfo, dropNulls, noIds, sdk, true);
  }

  String keys() {
    return (camel ? "camelCase" : "snake_case") + (dropNulls ? " (nulls omitted)" : "");
  }
}
