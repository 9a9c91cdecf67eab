package io.github.sparkroleguard.report;

import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.policy.Coverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The coverage check's outcome for a custom role: what it lacks of the system policy and of
 * its workspace's needs, or why that could not be told. Rendered by {@link ResultJson}; its
 * shortfall in words feeds the low-severity alert.
 */
public final class CoverageResult {
  private final Coverage coverage;
  private final boolean systemPolicyRead;
  private final String error;
  private final boolean errorIsGap;

  private CoverageResult(Coverage coverage, boolean systemPolicyRead, String error, boolean errorIsGap) {
    this.coverage = coverage;
    this.systemPolicyRead = systemPolicyRead;
    this.error = Objects.requireNonNull(error, "error");
    this.errorIsGap = errorIsGap;
  }

  /** @param systemPolicyRead whether the live system policy could be read (else it was not compared) */
  public static CoverageResult of(Coverage coverage, boolean systemPolicyRead) {
    return new CoverageResult(Objects.requireNonNull(coverage, "coverage"), systemPolicyRead, "", false);
  }

  /** A policy of the role does not parse: coverage unknown, which people are told. */
  public static CoverageResult unreadable(String why) {
    return new CoverageResult(null, false, why, true);
  }

  /** Reading the policies failed: reported in the result only, the next scan tries again. */
  public static CoverageResult failed(String why) {
    return new CoverageResult(null, false, why, false);
  }

  /** Null when the check could not run (see {@link #error()}). */
  public Coverage coverage() {
    return coverage;
  }

  public boolean systemPolicyRead() {
    return systemPolicyRead;
  }

  /** Why coverage is unknown; empty when it is known. */
  public String error() {
    return error;
  }

  public boolean complete() {
    return coverage != null && coverage.complete();
  }

  /** The shortfall in words, for a low-severity alert; empty when the role covers everything. */
  public List<String> gaps() {
    List<String> out = new ArrayList<>();
    if (errorIsGap) {
      out.add("coverage unknown: " + error);
    }
    if (coverage == null) {
      return out;
    }
    for (Coverage.Need n : coverage.needs()) {
      if (n.decision != io.github.sparkroleguard.policy.Decision.ALLOW) {
        String decision = ResultJson.wire(n.decision);
        out.add("cannot " + n.what + " (" + n.action + " on " + n.resource + ": " + decision.replace('_', ' ') + ")");
      }
    }
    List<String> lacking = coverage.lackingSystemActions();
    if (!lacking.isEmpty()) {
      out.add("lacks " + lacking.size() + " action(s) of the current " + Defaults.DEFAULT_ROLE_POLICY + ": "
          + String.join(", ", lacking.subList(0, Math.min(10, lacking.size()))) + (lacking.size() > 10 ? ", ..." : ""));
    }
    return out;
  }
}
