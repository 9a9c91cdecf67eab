package io.github.sparkroleguard.report;

import io.github.sparkroleguard.event.TrailRecord;
import java.util.List;

/** The answer to the history command: the role's changes ActionTrail has, and how it looked. */
public final class HistoryAnswer {
  private final int hours;
  private final int lookups;
  private final boolean truncated;
  private final List<TrailRecord> changes;

  public HistoryAnswer(int hours, int lookups, boolean truncated, List<TrailRecord> changes) {
    this.hours = hours;
    this.lookups = lookups;
    this.truncated = truncated;
    this.changes = List.copyOf(changes);
  }

  public int hours() {
    return hours;
  }

  /** LookupEvents calls made. */
  public int lookups() {
    return lookups;
  }

  /** The bound on lookups or records was reached: older changes may be missing. */
  public boolean truncated() {
    return truncated;
  }

  public List<TrailRecord> changes() {
    return changes;
  }
}
