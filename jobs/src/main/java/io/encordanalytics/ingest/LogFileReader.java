package io.encordanalytics.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.encordanalytics.ingest.EventMapper.RejectedRecord;
import io.encordanalytics.model.Event;
import io.encordanalytics.model.ParsedRecord;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Reads one exported log file into records, whatever shape it has. The shape is detected from the
 * content, not the name:
 *
 * <ol>
 *   <li>gzip is recognised by its magic bytes;
 *   <li>a file that is exactly one JSON document is an array of events, a {@code logs} or {@code
 *       results} envelope, or a single event;
 *   <li>anything else is read as JSON Lines: every non-blank line is one record, and a line that is
 *       not a valid event is quarantined with its text.
 * </ol>
 *
 * Every record becomes exactly one {@link ParsedRecord}: an event or a quarantine reason. Bytes
 * that are not UTF-8 are replaced by U+FFFD rather than failing the file. Line mode streams, so a
 * file of any size is read in constant memory.
 */
public final class LogFileReader implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Opens the file's bytes; called again when the shape is re-detected. */
  @FunctionalInterface
  public interface Opener extends Serializable {
    InputStream open() throws IOException;
  }

  private final EventMapper mapper;
  private final int maxRecordChars;

  public LogFileReader(EventMapper mapper, int maxRecordChars) {
    this.mapper = mapper;
    this.maxRecordChars = maxRecordChars;
  }

  /** Lazily reads the records of one file. */
  public Iterator<ParsedRecord> read(Opener opener, String sourceFile, int fileOrder) {
    try {
      BufferedReader reader = reader(opener);
      int first = firstNonBlank(reader);
      if (first < 0) {
        reader.close();
        return List.<ParsedRecord>of().iterator();
      }
      if (first == '[' || first == '{') {
        List<ParsedRecord> document = tryDocument(reader, sourceFile, fileOrder);
        reader.close();
        if (document != null) {
          return document.iterator();
        }
        return new LineIterator(reader(opener), sourceFile, fileOrder);
      }
      return new LineIterator(reader, sourceFile, fileOrder);
    } catch (IOException e) {
      return List.of(unreadable(sourceFile, fileOrder, 0, e)).iterator();
    }
  }

  /** Reads the whole file eagerly (tests and small inputs). */
  public List<ParsedRecord> readAll(Opener opener, String sourceFile, int fileOrder) {
    List<ParsedRecord> out = new ArrayList<>();
    read(opener, sourceFile, fileOrder).forEachRemaining(out::add);
    return out;
  }

  private static BufferedReader reader(Opener opener) throws IOException {
    InputStream in = new BufferedInputStream(opener.open(), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
  }

  /** The first non-whitespace character, leaving the reader positioned before it; -1 if none. */
  private static int firstNonBlank(BufferedReader reader) throws IOException {
    while (true) {
      reader.mark(1);
      int c = reader.read();
      if (c < 0) {
        return -1;
      }
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        reader.reset();
        return c;
      }
    }
  }

  /**
   * Parses the file as one JSON document. Returns null when it is not exactly one document (JSON
   * Lines, or broken JSON), so the caller falls back to line mode.
   */
  private List<ParsedRecord> tryDocument(BufferedReader reader, String file, int order)
      throws IOException {
    JsonNode doc;
    try (JsonParser parser = Json.MAPPER.createParser(reader)) {
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      doc = parser.readValueAsTree();
      JsonToken next;
      try {
        next = parser.nextToken();
      } catch (JsonProcessingException trailingGarbage) {
        return null;
      }
      if (next != null) {
        return null;
      }
    } catch (JsonProcessingException notOneDocument) {
      return null;
    }
    List<ParsedRecord> out = new ArrayList<>();
    if (doc.isArray()) {
      addElements(doc, file, order, out);
    } else if (doc.isObject() && isEnvelope(doc)) {
      JsonNode events = doc.has("logs") ? doc.get("logs") : doc.get("results");
      if (events.isArray()) {
        addElements(events, file, order, out);
      } else if (!events.isNull()) {
        out.add(quarantine(file, order, 0, doc.toString(), "envelope events are not an array"));
      }
    } else {
      out.add(record(doc, doc.toString(), file, order, 0));
    }
    return out;
  }

  private static boolean isEnvelope(JsonNode doc) {
    return (doc.has("logs") || doc.has("results")) && EventMapper.detectFormat(doc) == null;
  }

  private void addElements(JsonNode array, String file, int order, List<ParsedRecord> out) {
    long i = 0;
    for (JsonNode element : array) {
      out.add(record(element, element.toString(), file, order, i++));
    }
  }

  private ParsedRecord record(JsonNode node, String raw, String file, int order, long index) {
    try {
      Event event = mapper.map(node);
      event.setSourceFile(file);
      ParsedRecord r = base(file, order, index, raw);
      r.setEvent(event);
      return r;
    } catch (RejectedRecord rejected) {
      return quarantine(file, order, index, raw, rejected.getMessage());
    }
  }

  private ParsedRecord line(String text, String file, int order, long index) {
    if (text.length() > maxRecordChars) {
      return quarantine(
          file, order, index, text, "record longer than " + maxRecordChars + " characters");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return quarantine(file, order, index, text, "not valid JSON: " + e.getOriginalMessage());
    }
    return record(node, text, file, order, index);
  }

  private static ParsedRecord base(String file, int order, long index, String raw) {
    ParsedRecord r = new ParsedRecord();
    r.setSourceFile(file);
    r.setFileOrder(order);
    r.setRecordIndex(index);
    r.setRaw(raw);
    return r;
  }

  private static ParsedRecord quarantine(
      String file, int order, long index, String raw, String reason) {
    ParsedRecord r = base(file, order, index, raw);
    r.setReason(reason);
    return r;
  }

  private static ParsedRecord unreadable(String file, int order, long index, IOException e) {
    return quarantine(
        file, order, index, "", "unreadable file content after record " + index + ": " + e);
  }

  /** Streams a file line by line; each non-blank line is one record. */
  private final class LineIterator implements Iterator<ParsedRecord> {
    private final BufferedReader reader;
    private final String file;
    private final int order;
    private long lineNo;
    private ParsedRecord next;
    private boolean done;

    LineIterator(BufferedReader reader, String file, int order) {
      this.reader = reader;
      this.file = file;
      this.order = order;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        advance();
      }
      return next != null;
    }

    @Override
    public ParsedRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ParsedRecord r = next;
      next = null;
      return r;
    }

    private void advance() {
      try {
        String text;
        while ((text = reader.readLine()) != null) {
          lineNo++;
          if (lineNo == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
          }
          if (!text.isBlank()) {
            next = line(text.strip(), file, order, lineNo);
            return;
          }
        }
        finish();
      } catch (IOException e) {
        next = unreadable(file, order, lineNo, e);
        finish();
      }
    }

    private void finish() {
      done = true;
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
