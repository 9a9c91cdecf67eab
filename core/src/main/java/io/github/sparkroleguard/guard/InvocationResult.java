package io.github.sparkroleguard.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.report.HistoryAnswer;
import io.github.sparkroleguard.report.Invocation;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.report.Skip;
import java.util.List;
import java.util.Locale;

/**
 * What one invocation did, as typed values (reports, skips, error), and whether it succeeded.
 * {@link #json()} is rendered by {@link ResultJson}, the one renderer. A failed invocation is
 * turned into an exception by the FC handler so FC's retries and failure destination see it.
 */
public final class InvocationResult implements Invocation {
  private final GuardRequest.Kind trigger;
  private final boolean dryRun;
  private final Command command;
  private final String roleName;
  private final List<Skip> skipped;
  private final ObjectNode document;
  private final HistoryAnswer history;
  private final List<RoleReport> roles;
  private final int writes;
  private final String errorCode;
  private final String errorMessage;
  private final ObjectNode rendered;

  private InvocationResult(Builder b, String errorCode, String errorMessage) {
    this.trigger = b.trigger;
    this.dryRun = b.dryRun;
    this.command = b.command;
    this.roleName = b.roleName;
    this.skipped = b.skipped == null ? null : List.copyOf(b.skipped);
    this.document = b.document == null ? null : b.document.deepCopy();
    this.history = b.history;
    this.roles = b.roles == null ? null : List.copyOf(b.roles);
    this.writes = b.writes;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.rendered = b.rendered;
  }

  static Builder builder(GuardRequest.Kind trigger, boolean dryRun) {
    return new Builder(trigger, dryRun);
  }

  /** A clear error before anything was read; no RAM call is made after one. */
  static InvocationResult badInput(String message) {
    return new Builder(null, false).error("BadInput", message);
  }

  /**
   * A result rendered outside the guard's flow (the doctor's report, which has its own shape);
   * {@code failure} is "Code: message", null for success.
   */
  public static InvocationResult of(ObjectNode json, String failure) {
    Builder b = new Builder(null, false);
    b.rendered = json.deepCopy();
    if (failure == null) {
      return b.ok();
    }
    int colon = failure.indexOf(": ");
    return colon < 0 ? b.error(failure, "") : b.error(failure.substring(0, colon), failure.substring(colon + 2));
  }

  /** The result as JSON (rendered afresh on each call by {@link ResultJson}). */
  public ObjectNode json() {
    return rendered != null ? rendered.deepCopy() : ResultJson.invocation(this);
  }

  public boolean ok() {
    return errorCode == null;
  }

  /** Why the invocation failed; null when it succeeded. */
  public String failure() {
    return errorCode == null ? null : errorCode + ": " + errorMessage;
  }

  @Override
  public String trigger() {
    return trigger == null ? null : trigger.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean dryRun() {
    return dryRun;
  }

  @Override
  public String command() {
    return command == null ? null : command.action().wireName();
  }

  @Override
  public List<Skip> skipped() {
    return skipped;
  }

  @Override
  public String roleName() {
    return roleName;
  }

  @Override
  public ObjectNode document() {
    return document == null ? null : document.deepCopy();
  }

  @Override
  public HistoryAnswer history() {
    return history;
  }

  @Override
  public List<RoleReport> roles() {
    return roles;
  }

  @Override
  public int writes() {
    return writes;
  }

  @Override
  public String errorCode() {
    return errorCode;
  }

  @Override
  public String errorMessage() {
    return errorMessage;
  }

  /** Collects the parts; ends in {@link #ok()} or {@link #error}. */
  static final class Builder {
    private final GuardRequest.Kind trigger;
    private final boolean dryRun;
    private Command command;
    private String roleName;
    private List<Skip> skipped;
    private ObjectNode document;
    private HistoryAnswer history;
    private List<RoleReport> roles;
    private int writes;
    private ObjectNode rendered;

    private Builder(GuardRequest.Kind trigger, boolean dryRun) {
      this.trigger = trigger;
      this.dryRun = dryRun;
    }

    Builder command(Command value) {
      this.command = value;
      return this;
    }

    /** The role a read-only command answers about. */
    Builder roleName(String value) {
      this.roleName = value;
      return this;
    }

    Builder skipped(List<Skip> value) {
      this.skipped = value;
      return this;
    }

    Builder document(ObjectNode value) {
      this.document = value;
      return this;
    }

    Builder history(HistoryAnswer value) {
      this.history = value;
      return this;
    }

    /** What the shared memory reports (where it lives, a fallback, the deafness check): merged into the result. */
    Builder memory(ObjectNode value) {
      this.document = document == null ? value.deepCopy() : (ObjectNode) document.deepCopy().setAll(value);
      return this;
    }

    Builder roles(List<RoleReport> value, int writesMade) {
      this.roles = value;
      this.writes = writesMade;
      return this;
    }

    InvocationResult ok() {
      return new InvocationResult(this, null, null);
    }

    InvocationResult error(String code, String message) {
      return new InvocationResult(this, code, message);
    }
  }
}
