package io.encordanalytics.io;

import java.io.Serializable;

/** A table name: database and table. */
public record TableId(String database, String table) implements Serializable {
  @Override
  public String toString() {
    return database + "." + table;
  }
}
