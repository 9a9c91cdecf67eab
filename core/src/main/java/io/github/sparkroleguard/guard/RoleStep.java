package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.Hardening;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.decision.Act;
import io.github.sparkroleguard.decision.Intent;
import io.github.sparkroleguard.decision.RoleDecision;
import io.github.sparkroleguard.decision.Situation;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.report.CoverageResult;
import io.github.sparkroleguard.restore.RestorePlan;
import io.github.sparkroleguard.restore.RestorePlanner;
import io.github.sparkroleguard.restore.StepResult;
import io.github.sparkroleguard.state.Approval;
import io.github.sparkroleguard.state.FlapRule;
import io.github.sparkroleguard.state.Pause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decide step of a role's pass, pure: what was observed (read before, nothing read here) and
 * the settings in, the material drift, the restore plan, the act, the notes and the approval to
 * record out. Split from {@link RolePass} so every situation the pass handles has a table test
 * (RoleStepTest) without a store, a cloud or a clock. The static predicates say which of the reads
 * that only matter once drift is found the orchestrator must issue, so the read count stays the same.
 */
final class RoleStep {
  /** Everything the decision needs about one role, observed before it runs. */
  static final class Facts {
    final RoleBaseline baseline;
    final Intent intent;
    final RoleState live;
    final List<DriftItem> material;
    final List<TrailRecord> events;
    final List<TrailRecord> attributed;
    final String who;
    final boolean trailAnswered;
    final CoverageResult covered;
    final Optional<Pause> paused;
    final Optional<Approval> stored;
    final boolean refusalToAlert;

    /**
     * @param events the records that triggered the pass; {@code attributed} the records the result
     *     names (the trigger's, else what attribution found); {@code who} attribution's note; {@code trailAnswered}
     *     whether ActionTrail was asked and answered (else a stored approval is not honoured); {@code
     *     covered} null when coverage was not checked; {@code refusalToAlert} a refused grant listing
     *     not alerted within the re-alert window
     */
    Facts(RoleBaseline baseline, Intent intent, RoleState live, List<DriftItem> material, List<TrailRecord> events,
        List<TrailRecord> attributed, String who, boolean trailAnswered, CoverageResult covered, Optional<Pause> paused,
        Optional<Approval> stored, boolean refusalToAlert) {
      this.baseline = baseline;
      this.intent = intent;
      this.live = live;
      this.material = List.copyOf(material);
      this.events = List.copyOf(events);
      this.attributed = List.copyOf(attributed);
      this.who = who;
      this.trailAnswered = trailAnswered;
      this.covered = covered;
      this.paused = paused;
      this.stored = stored;
      this.refusalToAlert = refusalToAlert;
    }
  }

  private final Act act;
  private final RestorePlan plan;
  private final List<String> notes;
  private final Optional<Approval> approval;
  private final String driftKey;
  private final boolean alerts;

  private RoleStep(Act act, RestorePlan plan, List<String> notes, Optional<Approval> approval, String driftKey,
      boolean alerts) {
    this.act = act;
    this.plan = plan;
    this.notes = Collections.unmodifiableList(notes);
    this.approval = approval;
    this.driftKey = driftKey;
    this.alerts = alerts;
  }

  /**
   * @param dryRun the configuration's dry run; {@code attributionHours} 0 when attribution is off
   *     (the unattributed note says so); {@code flapping} the rule the paused note quotes
   */
  static RoleStep decide(Facts f, Hardening hardening, boolean dryRun, int attributionHours, FlapRule flapping,
      Instant now) {
    List<String> notes = new ArrayList<>();
    RestorePlan plan = f.material.isEmpty() || f.intent == Intent.CHECK ? null
        : RestorePlanner.plan(f.baseline, f.live, f.material);
    boolean approvedNow = approvedOnly(hardening, f.attributed);
    Optional<String> earlier = Optional.empty();
    if (f.stored.isPresent()) {
      Approval a = f.stored.get();
      Optional<String> refused = Approvals.refusal(a, hardening, f.attributed, f.trailAnswered, now);
      refused.ifPresent(why -> notes.add("an earlier approval of this drift (" + a.actor() + ", event " + a.eventId()
          + ") is not honoured: " + why));
      earlier = refused.isPresent() ? Optional.empty() : Optional.of(a.actor());
    }
    Act act = RoleDecision.decide(Situation.of(f.intent, f.baseline.mode())
        .dryRun(dryRun)
        .materialDrift(!f.material.isEmpty())
        .planHasWrites(plan != null && !plan.steps().isEmpty())
        .approvedOnly(approvedNow || earlier.isPresent())
        .paused(f.paused.isPresent())
        .coverageGaps(f.covered != null && !f.covered.gaps().isEmpty())
        .unattributed(f.attributed.isEmpty())
        .approvedActors(!hardening.approvedActors().isEmpty())
        .build());
    Optional<Approval> record = Optional.empty();
    if (act.reason() == Act.Reason.APPROVED_ACTOR && approvedNow) {
      notes.add("made by an approved actor: reported, not reverted (update the baseline if it is meant to stay)");
      record = Approvals.of(f.attributed, now);
    } else if (act.reason() == Act.Reason.APPROVED_ACTOR) {
      notes.add("made by an approved actor (" + earlier.orElseThrow() + ", seen when its event arrived): "
          + "reported, not reverted (update the baseline if it is meant to stay)");
    } else if (act.reason() == Act.Reason.UNATTRIBUTED) {
      notes.add("not reverted: no change in ActionTrail names who did this ("
          + (attributionHours == 0 ? "attribution is off, attributionHours: 0" : f.who.replaceFirst("^who: ", ""))
          + ") and approvedActors are configured, so it may be an approved change; if it is not, restore it: "
          + "s invoke -e '{\"action\":\"restore\",\"roleName\":\"" + f.baseline.name() + "\"}'");
    } else if (act.reason() == Act.Reason.PAUSED) {
      Pause p = f.paused.orElseThrow();
      notes.add("restores of this role are paused until " + p.until() + ": restored " + flapping.limit() + " times within "
          + flapping.window().toMinutes() + " minutes, changed by " + String.join(", ", p.actors()));
    }
    return new RoleStep(act, plan, notes, record, Fingerprints.drift(f.baseline.name(), f.material),
        act.alert() || f.refusalToAlert);
  }

  Act act() {
    return act;
  }

  /** Null when there is no material drift or the intent is a check. */
  RestorePlan plan() {
    return plan;
  }

  /** The steps a dry run reports as planned. */
  List<StepResult> planned() {
    return plan.steps().stream().map(StepResult::planned).collect(Collectors.toList());
  }

  List<String> notes() {
    return notes;
  }

  /** An approval to record under {@link #driftKey()}: the drift was made by approved actors only. */
  Optional<Approval> approval() {
    return approval;
  }

  String driftKey() {
    return driftKey;
  }

  /** Whether the result is alerted: the act says so, or a refused grant listing is due its alert. */
  boolean alerts() {
    return alerts;
  }

  /** Drift that matters: cosmetic document edits are reported, never alerted or restored. */
  static List<DriftItem> material(List<DriftItem> drift) {
    return drift.stream().filter(d -> !d.cosmetic()).collect(Collectors.toList());
  }

  /**
   * Whether "restores paused?" goes out with the first reads. A pause only turns the guard's own
   * restore (restore mode, an event or a scan) into an alert; an operator's restore, a check and
   * alert mode never ask. An event on a role in restore mode asks in the read round, so a restore
   * costs no round for it; a scan asks only when it finds drift (see {@link #asksPause}), so a
   * healthy role costs the store nothing.
   */
  static boolean pauseInFirstRound(RoleBaseline baseline, Intent intent) {
    return intent == Intent.EVENT && baseline.mode() == Mode.RESTORE;
  }

  /** Whether a scan that found drift must still ask the store about a pause. */
  static boolean asksPause(boolean pauseRead, List<DriftItem> material, Intent intent, RoleBaseline baseline) {
    return !pauseRead && !material.isEmpty() && intent == Intent.SCAN && baseline.mode() == Mode.RESTORE;
  }

  /** Whether drift no event explains is attributed from ActionTrail's history. */
  static boolean asksAttribution(List<DriftItem> material, List<TrailRecord> events) {
    return !material.isEmpty() && events.isEmpty();
  }

  /** Whether coverage (who may write the role) is checked in this pass. */
  static boolean checksCoverage(RoleBaseline baseline, RoleState live, Intent intent) {
    return live.exists() && CoverageCheck.applies(baseline)
        && (intent == Intent.CHECK || (intent == Intent.SCAN && baseline.workspace() != null));
  }

  /** Whether a scan's drift may be covered by an approval stored when its event arrived. */
  static boolean asksStoredApproval(Hardening hardening, Intent intent, List<DriftItem> material,
      List<TrailRecord> events, List<TrailRecord> attributed) {
    return !approvedOnly(hardening, attributed) && events.isEmpty() && intent == Intent.SCAN && !material.isEmpty();
  }

  /** Whether every record names an approved actor (none: not approved). */
  static boolean approvedOnly(Hardening hardening, List<TrailRecord> attributed) {
    return !attributed.isEmpty()
        && attributed.stream().allMatch(r -> hardening.approves(r.actor().name(), r.actor().assumedRoleName()));
  }

  /** Who a restore is counted against for flapping. */
  static Set<String> actors(List<TrailRecord> attributed) {
    Set<String> out = new LinkedHashSet<>();
    attributed.forEach(r -> out.add(r.actor().describe()));
    if (out.isEmpty()) {
      out.add("unknown (found by a scan)");
    }
    return out;
  }

  /** The note when restores of a role have just been paused for flapping. */
  static String flapNote(Pause.Outcome flap, FlapRule flapping) {
    return "someone keeps changing this role: " + flapping.limit() + " restores within "
        + flapping.window().toMinutes() + " minutes, by " + String.join(", ", flap.actors())
        + "; restores paused for " + flapping.coolDown().toMinutes() + " minutes, alerts continue";
  }
}
