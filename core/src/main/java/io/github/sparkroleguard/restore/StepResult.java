package io.github.sparkroleguard.restore;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one write step. A step that did not run names why: the step it depends on
 * that failed or did not run itself, or the write cap.
 */
public final class StepResult {
  /** Outcomes of a write. */
  public enum Status {
    /** The write was made. */
    DONE,
    /** RAM said it was already so (exists, attached, not attached): nothing to do. */
    CONVERGED,
    /** The write failed; the message says why. */
    FAILED,
    /** Not attempted: a step it depends on failed or did not run, or the write cap was reached. */
    NOT_RUN,
    /** Dry run: the write would be made. */
    PLANNED
  }

  private final WriteStep step;
  private final Status status;
  private final String detail;
  private final WriteStep blockedBy;

  StepResult(WriteStep step, Status status, String detail) {
    this(step, status, detail, null);
  }

  private StepResult(WriteStep step, Status status, String detail, WriteStep blockedBy) {
    this.step = Objects.requireNonNull(step, "step");
    this.status = Objects.requireNonNull(status, "status");
    this.detail = detail == null ? "" : detail;
    this.blockedBy = blockedBy;
  }

  public static StepResult planned(WriteStep step) {
    return new StepResult(step, Status.PLANNED, "dry run: not written");
  }

  /** Not run because {@code blocker}, which this step depends on, did not succeed. */
  static StepResult blocked(WriteStep step, StepResult blocker) {
    String how = blocker.status() == Status.FAILED ? "failed" : "did not run";
    return new StepResult(step, Status.NOT_RUN, "depends on \"" + blocker.step().describe() + "\", which " + how,
        blocker.step());
  }

  /** True when the write reached its goal (made, or already so). */
  public boolean succeeded() {
    return status == Status.DONE || status == Status.CONVERGED;
  }

  public WriteStep step() {
    return step;
  }

  public Status status() {
    return status;
  }

  public String detail() {
    return detail;
  }

  /** For a step not run, the step of the same plan it depended on that failed or did not run. */
  public Optional<WriteStep> blockedBy() {
    return Optional.ofNullable(blockedBy);
  }
}
