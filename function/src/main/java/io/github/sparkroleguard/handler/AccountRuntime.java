package io.github.sparkroleguard.handler;

import io.github.sparkroleguard.doctor.Doctor;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.guard.Guard;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.Retrier;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The wiring of a guard of its own account (or of one member account, for a central guard's piece
 * of work): the guard, its retriers' per-invocation deadlines and its doctor.
 */
public final class AccountRuntime extends GuardRuntime {
  private final Guard guard;
  private final Retrier retrier;
  private final Retrier trailRetrier;
  private final Clock clock;
  private final String accountId;
  private final Duration retryBudget;
  private final Function<Boolean, Doctor> doctor;

  /**
   * @param trailRetrier retries of ActionTrail calls: attribution is best effort, so its budget
   *     is capped at {@link #TRAIL_RETRY_CAP} whatever the RAM budget
   */
  public AccountRuntime(Guard guard, CredentialsHolder credentials, Retrier retrier, Retrier trailRetrier, Clock clock,
      String accountId) {
    this(guard, credentials, retrier, trailRetrier, clock, accountId, null);
  }

  /** @param doctor builds the doctor for one run, given whether to send test alerts; null: no doctor */
  public AccountRuntime(Guard guard, CredentialsHolder credentials, Retrier retrier, Retrier trailRetrier, Clock clock,
      String accountId, Function<Boolean, Doctor> doctor) {
    super(guard.config(), credentials);
    this.doctor = doctor;
    this.guard = guard;
    this.retrier = retrier;
    this.trailRetrier = trailRetrier;
    this.clock = clock;
    this.accountId = accountId == null ? "" : accountId;
    this.retryBudget = Duration.ofSeconds(guard.config().retryBudgetSeconds());
  }

  /** The guard of this account. */
  public Guard guard() {
    return guard;
  }

  @Override
  InvocationResult dispatch(GuardRequest request) {
    if (request.isShard()) {
      return Guard.badInput("shard: only a central guard of many accounts takes shard payloads");
    }
    return handle(request);
  }

  /** Handles one request in this account, within the invocation's retry budget. */
  public InvocationResult handle(GuardRequest request) {
    retrier.withDeadline(clock.instant().plus(retryBudget));
    guard.alerts().deadline(clock.instant().plus(retryBudget));
    trailRetrier.withDeadline(clock.instant().plus(retryBudget.compareTo(TRAIL_RETRY_CAP) < 0 ? retryBudget : TRAIL_RETRY_CAP));
    if (request.kind() == GuardRequest.Kind.MANUAL && request.command().action() == Command.Action.DOCTOR) {
      return doctor == null ? Guard.badInput("doctor: not available in this runtime")
          : doctor.apply(request.command().sendTest()).run();
    }
    return guard.handle(request, credentials().accessKeyId(), accountId);
  }
}
