package io.encordanalytics.generator;

/** Where a {@link Session} puts the events it logs: a sample file, a buffer, a bench day file. */
interface EventSink {
  void accept(LogEvent e);
}
