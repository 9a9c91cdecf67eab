package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.state.DeliveredEvent;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.StoreProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the guard's memory lives; with OSS, that the store does what the guard relies on
 * ({@link StoreProbe}, over OSS: no versioning, a create-only write, a second one refused, a list, a delete,
 * under the prefix; the probe object is deleted, or expired by the lifecycle rule), and the last
 * event the real-time path delivered: an old one in an account where roles change means the
 * trigger path may be cut (the timer's deafness check names the events).
 */
final class SharedStateCheck implements DoctorCheck {
  static final String NAME = "shared-state";
  /** A last delivery older than this is worth a look. */
  static final Duration QUIET = Duration.ofDays(1);

  private final GuardConfig config;
  private final GuardState state;
  private final Clock clock;

  SharedStateCheck(GuardConfig config, GuardState state, Clock clock) {
    this.config = config;
    this.state = state;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    if (!config.state().oss()) {
      return List.of(Finding.pass(NAME, "memory", "per instance (no state: section): duplicates, re-alert windows and "
          + "flapping are counted by each FC instance alone, and the timer does not check that events arrive"));
    }
    state.startInvocation();
    String proven = "the store answers";
    Optional<StoreProbe> probe = state.probe();
    if (probe.isPresent()) {
      try {
        proven = probe.get().run(clock.instant());
      } catch (StoreProbe.Failure e) {
        return List.of(Finding.fail(NAME, state.describe(), e.getMessage(), e.fix()));
      }
    }
    Optional<DeliveredEvent> last = state.lastDelivery();
    Optional<String> failed = state.degraded();
    if (failed.isPresent()) {
      return List.of(Finding.fail(NAME, state.describe(), failed.get(),
          "check state.bucket, state.region and state.endpoint, and that the function's policy grants oss:GetObject, "
              + "oss:PutObject, oss:DeleteObject on the prefix and oss:ListObjects, oss:GetBucketVersioning on the bucket "
              + "(function-policy prints them)"));
    }
    if (last.isEmpty()) {
      return List.of(Finding.warn(NAME, state.describe(), proven + "; no event delivery recorded yet",
          "change a protected role (or wait for one) and run doctor again; the timer's result reports deafness"));
    }
    Duration age = Duration.between(last.get().receivedAt(), clock.instant());
    String seen = proven + "; last delivery seen " + age.toMinutes() + " minutes ago (" + last.get().eventName()
        + ", event " + last.get().eventId() + ")";
    if (age.compareTo(QUIET) > 0) {
      return List.of(Finding.warn(NAME, state.describe(), seen,
          "if roles changed since, the trigger path may be cut: check the EventBridge triggers in both regions"));
    }
    return List.of(Finding.pass(NAME, state.describe(), seen));
  }
}
