package io.encordanalytics.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.encordanalytics.ingest.EventMapper.RejectedRecord;
import io.encordanalytics.model.Event;
import io.encordanalytics.model.ParsedRecord;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.security.AccessControlException;

/**
 * Reads one exported log file into records, whatever shape it has. The shape is detected from the
 * content, not the name:
 *
 * <ol>
 *   <li>gzip is recognised by its magic bytes;
 *   <li>a file that is exactly one JSON document is an array of events, an envelope holding them
 *       under {@code logs} (the label-log cache), {@code results} (a saved API page) or {@code
 *       response} (a saved label-log API answer {@code {"status": 200, "response": [...]}}), or a
 *       single event;
 *   <li>anything else is read as JSON Lines: every non-blank line is one record, and a line that is
 *       not a valid event is quarantined with its text.
 * </ol>
 *
 * Every record becomes exactly one {@link ParsedRecord}: an event or a quarantine reason. Bytes
 * that are not UTF-8 are replaced by U+FFFD rather than failing the file. A record longer than
 * {@code maxRecordChars} or nested deeper than {@link Json#MAX_DEPTH} is quarantined (its raw text
 * cut to {@code maxRecordChars}) without ever being held whole in memory.
 *
 * <p>Both modes stream, so a file of any size is read in constant memory: a document is first
 * scanned once to check that it is exactly one JSON value (without building it), then its events
 * are read one by one. Content that breaks off (a truncated or corrupt gzip stream) keeps the
 * records read before the break and adds one quarantined "unreadable" record. A failure of the
 * storage itself (any other {@link IOException}) is rethrown, so that Spark retries the task rather
 * than recording a file as read when it was not.
 */
public final class LogFileReader implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Scans and streams documents without a nesting limit: the streaming parser does not recurse, so
   * one over-deep event is quarantined on its own instead of turning the whole file into lines.
   */
  private static final JsonFactory STREAMING =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(Integer.MAX_VALUE)
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNumberLength(1000)
                  .build())
          .build();

  private static final int BUFFER = 1 << 16;

  /**
   * Reason of the one record that stands for a listed file that no longer exists when it is read.
   * Such files are left out of the file ledger, so they are read if they come back.
   */
  public static final String VANISHED = "file vanished between listing and reading";

  /**
   * Reason of the one record that stands for a file whose size or modification time changed between
   * listing and the end of its reading (replaced, or still being written): none of its other
   * records are stored that night ({@link FileSource#withoutFilesNotRead}), and it is left out of
   * the file ledger, so the next night reads it whole.
   */
  public static final String CHANGED = "file changed while being read";

  /** Reason of the one record that stands for a listed file the job may not read. */
  public static final String UNREADABLE = "file not readable (permission denied)";

  /** The reasons of records that stand for a file that was not read: left out of the ledger. */
  public static final List<String> NOT_READ = List.of(VANISHED, CHANGED, UNREADABLE);

  /** The {@link #NOT_READ} reason that a quarantine reason starts with, or null when none. */
  public static String notReadReason(String reason) {
    if (reason != null) {
      for (String why : NOT_READ) {
        if (reason.startsWith(why)) {
          return why;
        }
      }
    }
    return null;
  }

  /** Opens the file's bytes; called again for each pass over the content. */
  @FunctionalInterface
  public interface Opener extends Serializable {
    InputStream open() throws IOException;

    /** The file's bytes from {@code position} on (a storage that can seek overrides this). */
    default InputStream openAt(long position) throws IOException {
      InputStream in = open();
      try {
        in.skipNBytes(position);
      } catch (IOException e) {
        in.close();
        throw e;
      }
      return in;
    }
  }

  private final EventMapper mapper;
  private final int maxRecordChars;

  /** Null unless e-mail addresses are pseudonymized. */
  private final EmailPseudonymizer pseudonymizer;

  public LogFileReader(EventMapper mapper, int maxRecordChars) {
    this(mapper, maxRecordChars, null);
  }

  /**
   * A reader that replaces every e-mail address in the records it returns (raw text, quarantine
   * reason and event) by its pseudonym; {@code pseudonymizer} null keeps them as they are.
   */
  public LogFileReader(EventMapper mapper, int maxRecordChars, EmailPseudonymizer pseudonymizer) {
    this.mapper = mapper;
    this.maxRecordChars = maxRecordChars;
    this.pseudonymizer = pseudonymizer;
  }

  /** Lazily reads the records of one file. */
  public Iterator<ParsedRecord> read(Opener opener, String sourceFile, int fileOrder) {
    Kind kind;
    try {
      kind = detect(opener);
    } catch (IOException e) {
      return List.of(openFailure(e, sourceFile, fileOrder)).iterator();
    }
    return switch (kind) {
      case EMPTY -> List.<ParsedRecord>of().iterator();
      case LINES -> new LineRecords(opener, sourceFile, fileOrder);
      default -> new DocumentRecords(opener, kind, sourceFile, fileOrder);
    };
  }

  /**
   * Whether the file is JSON Lines that may be read in byte ranges ({@link #readRange}): not
   * compressed, and not one JSON document (an array, an envelope or a single event), which only a
   * reader from its first byte can take apart.
   */
  public static boolean splittable(Opener opener) throws IOException {
    try (InputStream in = opener.open()) {
      if (in.read() == 0x1f && in.read() == 0x8b) {
        return false;
      }
    }
    // Decided from the first line, not the whole file (a large document would be scanned whole):
    // JSON Lines when the content does not start a document, or when its first line is exactly one
    // JSON value with more content after it, which is what the shape scan then finds too.
    try (BufferedReader in = open(opener)) {
      int first = skipBlank(in);
      if (first < 0) {
        return false;
      }
      if (first != '[' && first != '{') {
        return true;
      }
      Lines lines = new Lines(in, FIRST_LINE_CHARS, false);
      if (!lines.next() || lines.overflowed() || !isOneValue(lines.text())) {
        return false;
      }
      while (lines.next()) {
        if (!lines.text().isBlank()) {
          return true;
        }
      }
      return false;
    }
  }

  /** How much of a first line {@link #splittable} reads; a longer one is read whole. */
  private static final int FIRST_LINE_CHARS = 1 << 20;

  /** Whether the text is exactly one JSON value (structure only, nothing built). */
  private static boolean isOneValue(String text) {
    try (JsonParser p = STREAMING.createParser(text)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException notOneValue) {
      return false;
    }
  }

  /**
   * Lazily reads the records of the lines of a JSON Lines file ({@link #splittable}) that start in
   * the byte range {@code [start, end)} (see {@link LineRanges}); {@code breaksBefore} is the
   * number of line breaks before {@code start} ({@link LineRanges#breaks} of the ranges before it),
   * so that each record has the same record index as when the whole file is read.
   */
  public Iterator<ParsedRecord> readRange(
      Opener opener, String sourceFile, int fileOrder, long start, long end, long breaksBefore) {
    LineRanges.Range range;
    try {
      range = LineRanges.open(opener.openAt(Math.max(0, start - 1)), start, end);
    } catch (IOException e) {
      return List.of(openFailure(e, sourceFile, fileOrder)).iterator();
    }
    return new LineRecords(
        range, sourceFile, fileOrder, breaksBefore + (range.skippedBreak() ? 1 : 0), start == 0);
  }

  /**
   * The record that stands for a file that could not be opened or scanned: not read (vanished or
   * not readable) or unreadable content; a failure of the storage itself is rethrown.
   */
  private ParsedRecord openFailure(IOException e, String sourceFile, int fileOrder) {
    if (e instanceof FileNotFoundException) {
      // The local file system reports a file it may not open as not found.
      String why =
          String.valueOf(e.getMessage()).contains("Permission denied") ? UNREADABLE : VANISHED;
      return notRead(sourceFile, fileOrder, why + ": " + e.getMessage());
    }
    if (e instanceof AccessDeniedException || e instanceof AccessControlException) {
      return notRead(sourceFile, fileOrder, UNREADABLE + ": " + e.getMessage());
    }
    if (!isContentError(e)) {
      throw new UncheckedIOException("cannot read " + sourceFile, e);
    }
    return unreadable(sourceFile, fileOrder, 0, 0, "", e);
  }

  /**
   * The one record that stands for a listed file that was not read ({@link #NOT_READ}): no raw
   * text, record index 0, the reason.
   */
  public ParsedRecord notRead(String sourceFile, int fileOrder, String reason) {
    return quarantine(sourceFile, fileOrder, 0, "", reason);
  }

  /** Reads the whole file eagerly (tests and small inputs). */
  public List<ParsedRecord> readAll(Opener opener, String sourceFile, int fileOrder) {
    List<ParsedRecord> out = new ArrayList<>();
    read(opener, sourceFile, fileOrder).forEachRemaining(out::add);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Shape detection

  private enum Kind {
    EMPTY,
    LINES,
    ARRAY,
    ENVELOPE,
    SINGLE
  }

  /**
   * First pass: is the content exactly one JSON document, and which? Only the structure is scanned,
   * never built. JSON Lines stops the scan at its second line.
   */
  private static Kind detect(Opener opener) throws IOException {
    try (BufferedReader in = open(opener)) {
      int first = skipBlank(in);
      if (first < 0) {
        return Kind.EMPTY;
      }
      if (first != '[' && first != '{') {
        return Kind.LINES;
      }
      ObjectNode topLevelKeys = JsonNodeFactory.instance.objectNode();
      try (JsonParser p = STREAMING.createParser(in)) {
        try {
          if (p.nextToken() == JsonToken.START_ARRAY) {
            p.skipChildren();
          } else {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              topLevelKeys.putNull(p.currentName());
              p.nextToken();
              p.skipChildren();
            }
          }
          if (p.nextToken() != null) {
            return Kind.LINES;
          }
        } catch (JsonProcessingException notOneDocument) {
          return Kind.LINES;
        } catch (IOException e) {
          if (!isContentError(e)) {
            throw e;
          }
          // The content breaks off after a well-formed prefix: stream the events of that prefix
          // when it is an array or envelope; anything else is read line by line up to the break.
          if (first == '[') {
            return Kind.ARRAY;
          }
          return isEnvelope(topLevelKeys) ? Kind.ENVELOPE : Kind.LINES;
        }
      }
      if (first == '[') {
        return Kind.ARRAY;
      }
      return isEnvelope(topLevelKeys) ? Kind.ENVELOPE : Kind.SINGLE;
    }
  }

  /** The keys under which an envelope holds its events. */
  private static final Set<String> EVENTS_FIELDS = Set.of("logs", "results", "response");

  private static boolean isEnvelope(ObjectNode topLevelKeys) {
    return EVENTS_FIELDS.stream().anyMatch(topLevelKeys::has)
        && EventMapper.detectFormat(topLevelKeys) == null;
  }

  private static boolean isEventsField(String name) {
    return EVENTS_FIELDS.contains(name);
  }

  /** Errors of the content itself, as opposed to the storage: corrupt or cut-off data. */
  private static boolean isContentError(IOException e) {
    return e instanceof ZipException
        || e instanceof EOFException
        || e instanceof CharacterCodingException
        || e instanceof JsonProcessingException;
  }

  /** The characters of the file, inflated first when it starts as gzip does. */
  private static BufferedReader open(Opener opener) throws IOException {
    InputStream in = new BufferedInputStream(opener.open(), BUFFER);
    try {
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      if (b1 == 0x1f && b2 == 0x8b) {
        in =
            new FilterInputStream(new GZIPInputStream(in, BUFFER)) {
              // GZIPInputStream claims data is available until its end, so the character
              // decoder reads ahead in one call, and a corrupt block then discards the good
              // bytes already inflated in that call. Claiming nothing makes it return them first.
              @Override
              public int available() {
                return 0;
              }
            };
      }
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return decode(in);
  }

  /** The characters of UTF-8 bytes; bytes that are not UTF-8 become U+FFFD. */
  private static BufferedReader decode(InputStream in) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new BufferedReader(new InputStreamReader(in, decoder), BUFFER);
  }

  /** The first non-whitespace, non-BOM character, leaving the reader before it; -1 if none. */
  private static int skipBlank(BufferedReader reader) throws IOException {
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

  // ---------------------------------------------------------------------------------------------
  // Records

  /** Parses one record's text (as stored in bronze) into an event or a quarantine reason. */
  public ParsedRecord parseRecord(String text, String file, int order, long index) {
    return parse(text, file, order, index);
  }

  private ParsedRecord parse(String text, String file, int order, long index) {
    text = scrub(text);
    if (text.length() > maxRecordChars) {
      return quarantine(file, order, index, text.substring(0, maxRecordChars), tooLong());
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return quarantine(file, order, index, text, "not valid JSON: " + e.getOriginalMessage());
    }
    return record(node, text, file, order, index);
  }

  private ParsedRecord record(JsonNode node, String raw, String file, int order, long index) {
    try {
      Event event = mapper.map(node);
      event.setSourceFile(file);
      if (pseudonymizer != null) {
        // Addresses written with JSON escapes (\u0040) only appear once the text is decoded.
        event.setUserEmail(pseudonymizer.pseudonym(event.getUserEmail()));
        // A user id derived from the address is derived from its pseudonym.
        event.setUserId(
            Boolean.TRUE.equals(event.getUserIdFromEmail())
                ? DerivedIds.userFromEmail(event.getUserEmail())
                : pseudonymizer.scrub(event.getUserId()));
        event.setEventInformation(pseudonymizer.scrub(event.getEventInformation()));
        event.setExtraFields(pseudonymizer.scrub(event.getExtraFields()));
      }
      ParsedRecord r = base(file, order, index, raw);
      r.setEvent(event);
      return r;
    } catch (RejectedRecord rejected) {
      return quarantine(file, order, index, raw, rejected.getMessage());
    } catch (RuntimeException bug) {
      // Bad input must never fail the run; a mapping failure is visible in quarantine instead.
      return quarantine(file, order, index, raw, "record could not be mapped: " + bug);
    }
  }

  private String tooLong() {
    return "record longer than " + maxRecordChars + " characters";
  }

  private ParsedRecord base(String file, int order, long index, String raw) {
    ParsedRecord r = new ParsedRecord();
    r.setSourceFile(file);
    r.setFileOrder(order);
    r.setRecordIndex(index);
    r.setRaw(scrub(raw));
    return r;
  }

  private ParsedRecord quarantine(String file, int order, long index, String raw, String reason) {
    ParsedRecord r = base(file, order, index, raw);
    // Parser messages quote the offending token, which may be an address.
    r.setReason(scrub(reason));
    return r;
  }

  private String scrub(String text) {
    return pseudonymizer == null ? text : pseudonymizer.scrub(text);
  }

  private ParsedRecord unreadable(
      String file, int order, long index, long recordsBefore, String raw, IOException e) {
    return quarantine(
        file,
        order,
        index,
        raw,
        "unreadable file content after " + recordsBefore + " record(s): " + e);
  }

  /**
   * Iterates the records of one pass; a content error ends it with one unreadable record, any other
   * I/O error is rethrown. The source is closed when the records run out.
   */
  private abstract class Records implements Iterator<ParsedRecord> {
    final Opener opener;
    final String file;
    final int order;
    long emitted;
    private Closeable source;
    private ParsedRecord next;
    private boolean done;

    Records(Opener opener, String file, int order) {
      this.opener = opener;
      this.file = file;
      this.order = order;
    }

    /** The next record, or null at the end. */
    abstract ParsedRecord advance() throws IOException;

    /** The record standing for content that could not be read. */
    abstract ParsedRecord unreadable(IOException e);

    <T extends Closeable> T source(T s) {
      source = s;
      return s;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        try {
          next = advance();
          if (next == null) {
            finish();
          }
        } catch (FileNotFoundException e) {
          // Gone between the shape scan and the read: the records read so far are kept.
          finish();
          next =
              quarantine(
                  file, order, emitted, "", VANISHED + " (after " + emitted + " records): " + e);
        } catch (IOException e) {
          finish();
          if (!isContentError(e)) {
            throw new UncheckedIOException("cannot read " + file, e);
          }
          next = unreadable(e);
        }
        if (next != null) {
          emitted++;
        }
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

    private void finish() {
      done = true;
      if (source != null) {
        try {
          source.close();
        } catch (IOException ignored) {
          // Everything readable was read; a failing close changes nothing about the records.
        }
      }
    }
  }

  /** JSON Lines (and anything that is not one document): each non-blank line is one record. */
  private final class LineRecords extends Records {
    private Lines lines;
    private long lineNo;

    LineRecords(Opener opener, String file, int order) {
      super(opener, file, order);
    }

    /** The lines of a byte range; {@code linesBefore} lines of the file come before it. */
    LineRecords(InputStream range, String file, int order, long linesBefore, boolean fileStart) {
      super(null, file, order);
      lineNo = linesBefore;
      lines = source(new Lines(decode(range), maxRecordChars, fileStart));
    }

    @Override
    ParsedRecord advance() throws IOException {
      if (lines == null) {
        lines = source(new Lines(open(opener), maxRecordChars));
      }
      while (lines.next()) {
        lineNo++;
        String text = lines.text();
        if (text.isBlank()) {
          continue;
        }
        if (lines.overflowed()) {
          return quarantine(file, order, lineNo, text, tooLong());
        }
        return parse(text.strip(), file, order, lineNo);
      }
      return null;
    }

    @Override
    ParsedRecord unreadable(IOException e) {
      String partial = lines == null ? "" : lines.text();
      return LogFileReader.this.unreadable(file, order, lineNo + 1, emitted, partial, e);
    }
  }

  /** One JSON document: the elements of an array or envelope, or the document itself. */
  private final class DocumentRecords extends Records {
    private final Kind kind;
    private JsonParser p;
    private long index;
    private boolean inArray;

    DocumentRecords(Opener opener, Kind kind, String file, int order) {
      super(opener, file, order);
      this.kind = kind;
    }

    @Override
    ParsedRecord advance() throws IOException {
      if (p == null) {
        BufferedReader in = open(opener);
        source(in);
        skipBlank(in);
        p = source(STREAMING.createParser(in));
        p.nextToken();
        if (kind == Kind.SINGLE) {
          return element();
        }
        inArray = kind == Kind.ARRAY;
      }
      if (kind == Kind.SINGLE) {
        return null;
      }
      while (true) {
        if (inArray) {
          JsonToken t = p.nextToken();
          if (t == JsonToken.END_ARRAY) {
            inArray = false;
            if (kind == Kind.ARRAY) {
              return null;
            }
            continue;
          }
          if (t == null) {
            throw new EOFException("content ended inside an array");
          }
          return element();
        }
        JsonToken t = p.nextToken();
        if (t != JsonToken.FIELD_NAME) {
          return null;
        }
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!isEventsField(name) || value == JsonToken.VALUE_NULL) {
          p.skipChildren();
        } else if (value == JsonToken.START_ARRAY) {
          inArray = true;
        } else {
          Copy c = copy(p);
          return quarantine(
              file, order, index++, c.text, "envelope field \"" + name + "\" is not an array");
        }
      }
    }

    private ParsedRecord element() throws IOException {
      long i = index;
      Copy c = copy(p);
      index++;
      if (c.problem != null) {
        return quarantine(file, order, i, c.text, c.problem);
      }
      return parse(c.text, file, order, i);
    }

    @Override
    ParsedRecord unreadable(IOException e) {
      return LogFileReader.this.unreadable(file, order, index, emitted, "", e);
    }
  }

  private record Copy(String text, String problem) {}

  /**
   * The parser's current value as compact JSON text, copied token by token (no recursion, no tree).
   * Past {@code maxRecordChars} characters or {@link Json#MAX_DEPTH} levels the copy stops and only
   * the rest of the value is skipped, so memory stays bounded.
   */
  private Copy copy(JsonParser p) throws IOException {
    Bounded out = new Bounded(maxRecordChars);
    JsonGenerator g = STREAMING.createGenerator(out);
    String problem = null;
    int depth = 0;
    JsonToken t = p.currentToken();
    while (true) {
      if (t == null) {
        throw new EOFException("content ended inside a record");
      }
      if (t.isStructStart()) {
        depth++;
      }
      if (problem == null) {
        if (depth > Json.MAX_DEPTH) {
          problem = "record nested deeper than " + Json.MAX_DEPTH + " levels";
        } else {
          g.copyCurrentEventExact(p);
          if (out.overflowed) {
            problem = tooLong();
          }
        }
      }
      if (t.isStructEnd()) {
        depth--;
      }
      if (depth == 0) {
        break;
      }
      t = p.nextToken();
    }
    g.flush();
    if (problem == null && out.overflowed) {
      problem = tooLong();
    }
    return new Copy(out.text.toString(), problem);
  }

  /** A writer that keeps the first {@code limit} characters and notes whether more came. */
  private static final class Bounded extends Writer {
    final StringBuilder text = new StringBuilder();
    final int limit;
    boolean overflowed;

    Bounded(int limit) {
      this.limit = limit;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      int room = limit - text.length();
      if (len > room) {
        overflowed = true;
        len = Math.max(room, 0);
      }
      text.append(cbuf, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      int room = limit - text.length();
      if (len > room) {
        overflowed = true;
        len = Math.max(room, 0);
      }
      text.append(s, off, off + len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /**
   * Lines of a reader ({@code \n}, {@code \r\n} or {@code \r}), each kept up to {@code limit}
   * characters so that one endless line cannot exhaust memory. A leading BOM is dropped.
   */
  private static final class Lines implements Closeable {
    private final Reader in;
    private final int limit;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int len;
    private boolean started;
    private boolean eof;
    private boolean skipLf;
    private final StringBuilder line = new StringBuilder();
    private boolean overflowed;

    Lines(Reader in, int limit) {
      this(in, limit, true);
    }

    /** {@code fileStart}: the reader starts at the file's first byte, where a BOM is dropped. */
    Lines(Reader in, int limit, boolean fileStart) {
      this.in = in;
      this.limit = limit;
      this.started = !fileStart;
    }

    /** Reads the next line; false at the end of the content. */
    boolean next() throws IOException {
      line.setLength(0);
      overflowed = false;
      boolean any = false;
      while (true) {
        if (pos == len) {
          if (eof || !fill()) {
            return any;
          }
          continue;
        }
        if (skipLf) {
          skipLf = false;
          if (buf[pos] == '\n') {
            pos++;
            continue;
          }
        }
        int start = pos;
        while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') {
          pos++;
        }
        if (pos > start) {
          any = true;
          append(start, pos - start);
        }
        if (pos < len) {
          skipLf = buf[pos] == '\r';
          pos++;
          return true;
        }
      }
    }

    /** The current line (cut to the limit), or the partial line read before an error. */
    String text() {
      return line.toString();
    }

    boolean overflowed() {
      return overflowed;
    }

    private boolean fill() throws IOException {
      int n = in.read(buf, 0, buf.length);
      if (n <= 0) {
        eof = true;
        len = pos = 0;
        return false;
      }
      len = n;
      pos = 0;
      if (!started) {
        started = true;
        if (buf[0] == '\uFEFF') {
          pos = 1;
        }
      }
      return true;
    }

    private void append(int start, int count) {
      int room = limit - line.length();
      if (count > room) {
        overflowed = true;
        count = Math.max(room, 0);
      }
      line.append(buf, start, count);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
