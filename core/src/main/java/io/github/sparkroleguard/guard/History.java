package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.event.RoleTouch;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.trail.TrailPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who changed a role or its pinned policies, and when, from ActionTrail LookupEvents (one
 * lookup per name, ResourceName attribute, paged). ActionTrail makes events queryable about ten
 * minutes after they happen, so the latest change may not be there yet.
 */
final class History {
  /** At most this many pages per name (50 events each). */
  static final int MAX_PAGES = 20;

  private final TrailPort trail;

  History(TrailPort trail) {
    this.trail = trail;
  }

  /** The changes found, newest first, and how the lookup went. */
  static final class Changes {
    final List<TrailRecord> records;
    final int calls;
    final boolean truncated;

    Changes(List<TrailRecord> records, int calls, boolean truncated) {
      this.records = records;
      this.calls = calls;
      this.truncated = truncated;
    }
  }

  /** @param role the role (for one that is not protected: its name alone) */
  Changes changes(RoleBaseline role, Instant now, int hours) {
    Set<String> names = new LinkedHashSet<>();
    names.add(role.name());
    role.policies().stream().filter(PolicyRef::pinsDocument).forEach(p -> names.add(p.name()));
    Instant start = now.minus(Duration.ofHours(hours));
    Map<String, TrailRecord> byId = new LinkedHashMap<>();
    int calls = 0;
    boolean truncated = false;
    for (String name : spellings(names)) {
      String token = "";
      int pages = 0;
      do {
        TrailPort.Page page = trail.lookup("ResourceName", name, start, now, token);
        calls++;
        pages++;
        for (TrailRecord r : page.records()) {
          if (RoleTouch.of(r).map(t -> t.touches(role)).orElse(false)) {
            byId.putIfAbsent(r.eventId().isEmpty() ? "n" + byId.size() : r.eventId(), r);
          }
        }
        token = page.nextToken();
      } while (!token.isEmpty() && pages < MAX_PAGES);
      truncated |= !token.isEmpty();
    }
    List<TrailRecord> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(TrailRecord::eventTime).reversed());
    return new Changes(out, calls, truncated);
  }

  /** The most recent successful change not made by the guard itself, if ActionTrail has it. */
  Optional<TrailRecord> lastChange(RoleBaseline baseline, Instant now, int hours, io.github.sparkroleguard.event.SelfIdentity self) {
    return changes(baseline, now, hours).records.stream()
        .filter(r -> r.errorCode().isEmpty())
        .filter(r -> !self.made(r.actor()))
        .findFirst();
  }

  /**
   * The spellings to look up: ActionTrail's LookupAttribute match is exact and case-sensitive,
   * and a record keeps the name as its caller spelled it; RAM names are case-insensitive, so the
   * configured name and its lower case (what the console and live ARNs use) are both queried.
   */
  static Set<String> spellings(Set<String> names) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : names) {
      out.add(n);
      out.add(n.toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }
}
