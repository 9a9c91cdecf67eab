package io.github.sparkroleguard.restore;

/** Step results with a given status, for tests outside this package (the constructor is the executor's). */
public final class StepResults {
  private StepResults() {
  }

  public static StepResult of(WriteStep step, StepResult.Status status, String detail) {
    return new StepResult(step, status, detail);
  }
}
