package io.github.sparkroleguard.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.json.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs every doctor check and turns the findings into the command's result: each finding with
 * its status and fix, a summary, and a failed invocation when any finding is a {@code fail} (so
 * {@code s invoke} and the command line both exit non-zero). Checks are isolated from each other.
 */
public final class Doctor {
  /** Findings kept per check in the result; the summary counts all of them. */
  static final int MAX_FINDINGS_PER_CHECK = 200;

  private final List<DoctorCheck> checks;

  public Doctor(List<DoctorCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** The names of the checks, in the order they run. */
  public List<String> checkNames() {
    return checks.stream().map(DoctorCheck::name).collect(Collectors.toList());
  }

  /** Every finding of every check, in order; a check that throws becomes one failed finding. */
  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (DoctorCheck c : checks) {
      out.addAll(runOne(c));
    }
    return out;
  }

  public InvocationResult run() {
    ObjectNode result = Json.object();
    result.put("trigger", "manual").put("command", "doctor");
    Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
    for (CheckStatus s : CheckStatus.values()) {
      counts.put(s, 0);
    }
    ArrayNode shown = Json.array();
    List<String> failed = new ArrayList<>();
    for (DoctorCheck c : checks) {
      List<Finding> findings = runOne(c);
      findings.forEach(f -> counts.merge(f.status(), 1, Integer::sum));
      findings.stream().filter(f -> f.status() == CheckStatus.FAIL)
          .forEach(f -> failed.add(f.subject().isEmpty() ? f.check() : f.check() + "[" + f.subject() + "]"));
      kept(findings).forEach(f -> shown.add(json(f)));
    }
    ObjectNode summary = result.putObject("summary");
    counts.forEach((s, n) -> summary.put(s.wireName(), n));
    result.set("checks", shown);
    if (failed.isEmpty()) {
      result.put("ok", true);
      return InvocationResult.of(result, null);
    }
    String names = failed.size() <= 10 ? String.join(", ", failed)
        : String.join(", ", failed.subList(0, 10)) + " and " + (failed.size() - 10) + " more";
    String message = failed.size() + " doctor finding(s) failed: " + names;
    result.put("ok", false);
    result.putObject("error").put("code", "DoctorFailed").put("message", message);
    return InvocationResult.of(result, "DoctorFailed: " + message);
  }

  static ObjectNode json(Finding f) {
    ObjectNode n = Json.object().put("check", f.check());
    if (!f.subject().isEmpty()) {
      n.put("subject", f.subject());
    }
    n.put("status", f.status().wireName()).put("detail", f.detail());
    if (!f.fix().isEmpty()) {
      n.put("fix", f.fix());
    }
    return n;
  }

  private static List<Finding> runOne(DoctorCheck c) {
    try {
      List<Finding> f = c.run();
      if (f == null || f.isEmpty()) {
        return List.of(Finding.fail(c.name(), "", "the check returned no finding",
            "a bug in the check: report it; the other checks ran"));
      }
      return f;
    } catch (RuntimeException e) {
      return List.of(Finding.fail(c.name(), "", "the check could not run: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), "a bug or an unexpected answer: the other checks ran; "
          + "rerun with the same configuration and report this line"));
    }
  }

  /** At most {@link #MAX_FINDINGS_PER_CHECK}: failures and warnings first, then passes, then a count of the rest. */
  private static List<Finding> kept(List<Finding> findings) {
    if (findings.size() <= MAX_FINDINGS_PER_CHECK) {
      return findings;
    }
    List<Finding> out = new ArrayList<>();
    for (CheckStatus s : new CheckStatus[] {CheckStatus.FAIL, CheckStatus.WARN, CheckStatus.PASS}) {
      for (Finding f : findings) {
        if (f.status() == s && out.size() < MAX_FINDINGS_PER_CHECK - 1) {
          out.add(f);
        }
      }
    }
    int left = findings.size() - out.size();
    out.add(Finding.pass(findings.get(0).check(), "", left + " more finding(s) not shown; the summary counts them all"));
    return out;
  }
}
