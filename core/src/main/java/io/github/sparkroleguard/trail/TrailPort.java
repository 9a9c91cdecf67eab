package io.github.sparkroleguard.trail;

import io.github.sparkroleguard.event.TrailRecord;
import java.time.Instant;
import java.util.List;

/** ActionTrail LookupEvents (API 2020-07-06): the only ActionTrail call the guard makes. */
public interface TrailPort {
  /** The permission the function's role needs for it. */
  String PERMISSION = "actiontrail:LookupEvents";

  /** One page of events matching one lookup attribute, newest first. */
  Page lookup(String key, String value, Instant start, Instant end, String nextToken);

  /**
   * One page of events matching both attributes. ActionTrail honours two in documented pairs
   * only (for example ServiceName with EventRW) [doc: "How do I configure the LookupAttribute
   * parameter", Limits]; the caller names a supported pair.
   */
  Page lookup(String key, String value, String key2, String value2, Instant start, Instant end, String nextToken);

  /** A page of results and the token for the next one (empty when done). */
  final class Page {
    private final List<TrailRecord> records;
    private final String nextToken;

    public Page(List<TrailRecord> records, String nextToken) {
      this.records = List.copyOf(records);
      this.nextToken = nextToken == null ? "" : nextToken;
    }

    public List<TrailRecord> records() {
      return records;
    }

    public String nextToken() {
      return nextToken;
    }
  }
}
