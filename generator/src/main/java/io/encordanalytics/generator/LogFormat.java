package io.encordanalytics.generator;

/** The two export formats: label logs and editor logs. */
enum LogFormat {
  LABEL,
  EDITOR
}
