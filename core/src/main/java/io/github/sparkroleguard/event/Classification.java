package io.github.sparkroleguard.event;

import java.util.List;
import java.util.Objects;

/** The verdict on one record: the protected roles to inspect, or why it is skipped. */
public final class Classification {
  private final TrailRecord record;
  private final List<String> roles;
  private final String reason;

  private Classification(TrailRecord record, List<String> roles, String reason) {
    this.record = Objects.requireNonNull(record, "record");
    this.roles = List.copyOf(roles);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  static Classification skip(TrailRecord record, String reason) {
    return new Classification(record, List.of(), reason);
  }

  static Classification inspect(TrailRecord record, List<String> roles, String reason) {
    return new Classification(record, roles, reason);
  }

  public TrailRecord record() {
    return record;
  }

  /** Protected role names (as configured) to inspect; empty when skipped. */
  public List<String> roles() {
    return roles;
  }

  public boolean skipped() {
    return roles.isEmpty();
  }

  /** Why the record is skipped, or why these roles are inspected. */
  public String reason() {
    return reason;
  }
}
