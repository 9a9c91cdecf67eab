package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.restore.RestoreExecutor;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.rm.RmRole;
import io.github.sparkroleguard.transport.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Before the service-linked role is re-created: waits, within the budget, for a running deletion
 * of it to end (Resource Management deletes service-linked roles asynchronously, PLATFORM.md
 * section 1), polling GetRole's LatestDeletionTask and GetServiceLinkedRoleDeletionStatus. Fails
 * clearly when it does not end in time; the invocation fails and FC retries later. Clock and
 * sleeper are injected, so tests never wait.
 */
final class DeletionWait implements RestoreExecutor.DeletionWait {
  /** How often a running deletion is polled. */
  static final Duration POLL = Duration.ofSeconds(5);

  private final ResourceManagerPort rm;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration budget;

  DeletionWait(ResourceManagerPort rm, Clock clock, Sleeper sleeper, Duration budget) {
    this.rm = rm;
    this.clock = clock;
    this.sleeper = sleeper;
    this.budget = budget;
  }

  @Override
  public void await(String roleName) {
    Instant deadline = clock.instant().plus(budget);
    while (true) {
      Optional<RmRole> role = rm.getRole(roleName);
      String task = role.map(RmRole::latestDeletionTaskId).orElse("");
      if (role.isEmpty() || task.isEmpty() || !rm.getServiceLinkedRoleDeletionStatus(task).pending()) {
        return;
      }
      if (clock.instant().plus(POLL).isAfter(deadline)) {
        throw new CloudCallException("ServiceLinkedRole.DeletionInProgress", "service-linked role " + roleName
            + " is still being deleted (task " + task + ") after waiting " + budget.getSeconds()
            + " s: not re-created now; the next invocation retries", false);
      }
      try {
        sleeper.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CloudCallException("Interrupted", "interrupted while waiting for the deletion of " + roleName, false);
      }
    }
  }
}
