package io.github.sparkroleguard.report;

import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.restore.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the guard found and did for one protected role in one invocation. Immutable: the flow
 * fills a {@link Builder} and builds the report once; the alert's deliveries, known only after
 * the alert went out, are added with {@link #withDeliveries}.
 */
public final class RoleReport {
  /** The role's state after this invocation. */
  public enum Status {
    IN_SYNC,
    /** Only cosmetic edits: documents that grant exactly what the baseline grants. */
    COSMETIC,
    DRIFTED,
    RESTORED,
    PARTIALLY_RESTORED,
    RESTORE_FAILED,
    ERROR;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the guard did about the drift. */
  public enum Action {
    NONE,
    REPORT_ONLY,
    ALERT_ONLY,
    DRY_RUN,
    RESTORE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String roleName;
  private final Mode mode;
  private final GuardRequest.Kind trigger;
  private final List<TrailRecord> events;
  private final String attribution;
  private final Status status;
  private final Action action;
  private final List<DriftItem> drift;
  private final List<DriftItem> remaining;
  private final List<StepResult> writes;
  private final String error;
  private final CoverageResult coverage;
  private final List<String> notes;
  private final boolean flapStarted;
  private final List<Delivery> deliveries;

  private RoleReport(Builder b, List<Delivery> deliveries) {
    this.roleName = Objects.requireNonNull(b.roleName, "roleName");
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.trigger = Objects.requireNonNull(b.trigger, "trigger");
    this.events = List.copyOf(b.events);
    this.attribution = b.attribution;
    this.status = b.status;
    this.action = b.action;
    this.drift = List.copyOf(b.drift);
    this.remaining = List.copyOf(b.remaining);
    this.writes = List.copyOf(b.writes);
    this.error = b.error;
    this.coverage = b.coverage;
    this.notes = List.copyOf(b.notes);
    this.flapStarted = b.flapStarted;
    this.deliveries = List.copyOf(deliveries);
  }

  /** @param events the records that pointed at the role (event triggers; empty otherwise) */
  public static Builder builder(String roleName, Mode mode, GuardRequest.Kind trigger, List<TrailRecord> events) {
    return new Builder(roleName, mode, trigger, events);
  }

  /** This report with the alert's deliveries added. */
  public RoleReport withDeliveries(List<Delivery> values) {
    Builder b = toBuilder();
    List<Delivery> all = new ArrayList<>(deliveries);
    all.addAll(values);
    return new RoleReport(b, all);
  }

  private Builder toBuilder() {
    Builder b = new Builder(roleName, mode, trigger, events);
    b.attribution = attribution;
    b.status = status;
    b.action = action;
    b.drift = drift;
    b.remaining = remaining;
    b.writes = writes;
    b.error = error;
    b.coverage = coverage;
    b.notes.addAll(notes);
    b.flapStarted = flapStarted;
    return b;
  }

  public String roleName() {
    return roleName;
  }

  public Mode mode() {
    return mode;
  }

  public GuardRequest.Kind trigger() {
    return trigger;
  }

  /** The records that pointed at this role, or the change ActionTrail attributes a scan's drift to. */
  public List<TrailRecord> events() {
    return events;
  }

  /** How the actor was found when no event named it (timer and manual triggers); empty otherwise. */
  public String attribution() {
    return attribution;
  }

  /** The coverage check's result (custom roles, on check and scans); null when not run. */
  public CoverageResult coverage() {
    return coverage;
  }

  /** What the role falls behind on, in words; empty when covered or not checked. */
  public List<String> coverageGaps() {
    return coverage == null ? List.of() : coverage.gaps();
  }

  /** Why the guard held back (approved actor, restores paused), in words. */
  public List<String> notes() {
    return notes;
  }

  /** This restore started a pause: someone keeps changing the role. */
  public boolean flapStarted() {
    return flapStarted;
  }

  public Status status() {
    return status;
  }

  public Action action() {
    return action;
  }

  /** Drift found before acting. */
  public List<DriftItem> drift() {
    return drift;
  }

  /** Drift still present after a restore, from the verifying re-read. */
  public List<DriftItem> remaining() {
    return remaining;
  }

  /** Writes made, refused, skipped or (dry run) planned. */
  public List<StepResult> writes() {
    return writes;
  }

  public String error() {
    return error;
  }

  public List<Delivery> deliveries() {
    return deliveries;
  }

  /** Whether an alert reached someone: a real channel, or the log when it is the only one. */
  public boolean alertReachedSomeone() {
    boolean hasRealChannel = deliveries.stream().anyMatch(d -> !d.isLog());
    if (hasRealChannel) {
      return deliveries.stream().anyMatch(d -> !d.isLog() && d.delivered());
    }
    return deliveries.stream().anyMatch(Delivery::delivered);
  }

  /** The invariant: drift ends restored and verified, alerted, or in a failed invocation. */
  public String failureReason() {
    switch (status) {
      case ERROR:
        return roleName + ": " + error;
      case RESTORE_FAILED:
      case PARTIALLY_RESTORED:
        return roleName + ": restore " + status.wireName() + (error.isEmpty() ? "" : ": " + error);
      case DRIFTED:
        if (action != Action.REPORT_ONLY && !alertReachedSomeone()) {
          return roleName + ": drift found but no alert channel accepted the alert";
        }
        return null;
      default:
        return null;
    }
  }

  /** Collects what one pass over a role finds and does; {@link #build} makes the report. */
  public static final class Builder {
    private final String roleName;
    private final Mode mode;
    private final GuardRequest.Kind trigger;
    private List<TrailRecord> events;
    private String attribution = "";
    private Status status = Status.IN_SYNC;
    private Action action = Action.NONE;
    private List<DriftItem> drift = List.of();
    private List<DriftItem> remaining = List.of();
    private List<StepResult> writes = List.of();
    private String error = "";
    private CoverageResult coverage;
    private final List<String> notes = new ArrayList<>();
    private boolean flapStarted;

    private Builder(String roleName, Mode mode, GuardRequest.Kind trigger, List<TrailRecord> events) {
      this.roleName = roleName;
      this.mode = mode;
      this.trigger = trigger;
      this.events = List.copyOf(events);
    }

    /** The records so far: the event's, or those attribution found. */
    public List<TrailRecord> events() {
      return events;
    }

    public List<DriftItem> drift() {
      return drift;
    }

    public List<StepResult> writes() {
      return writes;
    }

    /** Records the change ActionTrail attributes the drift to (or why it could not). */
    public Builder attributed(List<TrailRecord> records, String note) {
      this.events = List.copyOf(records);
      this.attribution = Objects.requireNonNull(note, "note");
      return this;
    }

    public Builder covered(CoverageResult value) {
      this.coverage = value;
      return this;
    }

    public Builder note(String value) {
      notes.add(value);
      return this;
    }

    public Builder flapping() {
      this.flapStarted = true;
      return this;
    }

    /** The drift found; sets the status from it (in sync, cosmetic, drifted). */
    public Builder found(List<DriftItem> items) {
      this.drift = List.copyOf(items);
      boolean material = items.stream().anyMatch(d -> !d.cosmetic());
      this.status = items.isEmpty() ? Status.IN_SYNC : material ? Status.DRIFTED : Status.COSMETIC;
      return this;
    }

    public Builder acted(Action value) {
      this.action = Objects.requireNonNull(value, "action");
      return this;
    }

    public Builder restored(Status value, List<StepResult> results, List<DriftItem> left) {
      this.status = value;
      this.writes = List.copyOf(results);
      this.remaining = List.copyOf(left);
      return this;
    }

    public Builder planned(List<StepResult> results) {
      this.writes = List.copyOf(results);
      return this;
    }

    public Builder failed(Status value, String message) {
      this.status = value;
      this.error = Objects.requireNonNull(message, "message");
      return this;
    }

    public RoleReport build() {
      return new RoleReport(this, List.of());
    }
  }
}
