package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.decision.Intent;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.report.CoverageResult;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.state.Approval;
import io.github.sparkroleguard.state.FlapRule;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.Pause;
import io.github.sparkroleguard.transport.CloudCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reads of a role's pass that only matter once the first round is seen (who changed it,
 * coverage, a scan's pause and stored approval), issued only when {@link RoleStep}'s predicates
 * ask for them, so a healthy role costs no more calls than before. Also remembers when
 * a refused grant listing was last alerted. Thread-safe: a scan runs passes in parallel.
 */
final class DriftReads {
  private final GuardConfig config;
  private final History history;
  private final CoverageCheck coverage;
  private final GuardState state;
  private final FlapRule flapping;
  private final SelfRecognition self;
  private final Clock clock;
  /** When a refused Resource Management listing was last alerted, per role (per instance). */
  private final Map<String, Instant> refusals = new ConcurrentHashMap<>();

  DriftReads(GuardConfig config, History history, CoverageCheck coverage, GuardState state, FlapRule flapping,
      SelfRecognition self, Clock clock) {
    this.config = config;
    this.history = history;
    this.coverage = coverage;
    this.state = state;
    this.flapping = flapping;
    this.self = self;
    this.clock = clock;
  }

  /**
   * The facts the decide step needs beyond the first round: records the found drift in the
   * result, notes a refused grant listing, and issues only the reads {@link RoleStep} asks for.
   */
  RoleStep.Facts facts(RoleBaseline baseline, Intent intent, Observation seen, List<TrailRecord> events,
      RoleReport.Builder report) {
    RoleState live = seen.live();
    List<DriftItem> material = RoleStep.material(report.found(DriftDetector.compare(baseline, live)).drift());
    boolean refusal = !live.scopedReadError().isEmpty() && refusalToAlert(baseline);
    if (!live.scopedReadError().isEmpty()) {
      report.note(live.scopedReadError());
    }
    boolean[] trailAnswered = {false};
    String who = RoleStep.asksAttribution(material, events) ? attribute(baseline, report, trailAnswered) : "";
    CoverageResult covered = RoleStep.checksCoverage(baseline, live, intent) ? coverage.check(baseline, live) : null;
    if (covered != null) {
      report.covered(covered);
    }
    Optional<Pause> paused = RoleStep.asksPause(seen.pauseRead(), material, intent, baseline)
        ? state.restoresPaused(baseline.name(), clock.instant(), flapping) : seen.paused();
    Optional<Approval> stored = RoleStep.asksStoredApproval(config.hardening(), intent, material, events, report.events())
        ? state.approval(Fingerprints.drift(baseline.name(), material)) : Optional.empty();
    return new RoleStep.Facts(baseline, intent, live, material, events, report.events(), who, trailAnswered[0], covered,
        paused, stored, refusal);
  }

  /**
   * For drift no event explains (timer, scan, manual), names the most recent change ActionTrail
   * has. Best effort: a failed lookup is noted, never fails the invocation. Returns the note;
   * {@code answered[0]} says whether ActionTrail answered (a stored approval is checked against it).
   */
  private String attribute(RoleBaseline baseline, RoleReport.Builder report, boolean[] answered) {
    if (config.attributionHours() == 0) {
      return "";
    }
    String note;
    try {
      Optional<TrailRecord> last = history.lastChange(baseline, clock.instant(), config.attributionHours(),
          self.identify(List.of(), ""));
      note = last.isPresent()
          ? "who: the most recent change in ActionTrail (events appear there about 10 minutes late)"
          : "who: no change in ActionTrail in the last " + config.attributionHours()
              + " h (events appear there about 10 minutes late)";
      report.attributed(last.map(List::of).orElse(List.of()), note);
      answered[0] = true;
    } catch (CloudCallException e) {
      note = "who: ActionTrail lookup failed (" + e.code() + ")";
      report.attributed(List.of(), note);
    }
    return note;
  }

  /**
   * When Resource Management refused to list the role's grants: said in the result every time
   * (by the caller), alerted once per re-alert window per role, never a failed invocation.
   */
  private boolean refusalToAlert(RoleBaseline baseline) {
    String key = baseline.name().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Instant last = refusals.get(key);
    if (last != null && last.plus(Duration.ofMinutes(config.realertMinutes())).isAfter(now)) {
      return false;
    }
    refusals.put(key, now); // at most one entry per protected role: bounded by the configuration
    return true;
  }
}
