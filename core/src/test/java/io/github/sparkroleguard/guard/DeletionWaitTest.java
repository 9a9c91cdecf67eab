package io.github.sparkroleguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.rm.ResourceManagerPort.DeletionStatus;
import io.github.sparkroleguard.rm.RmRole;
import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeletionWaitTest {
  static final String SLR = "AliyunServiceRoleForEMRServerlessSpark";
  final ResourceManagerPort rm = mock(ResourceManagerPort.class);
  final FakeTime time = new FakeTime();

  @Test
  void await_deletionEndsWithinTheBudget_pollsUntilTheRoleIsGone() {
    when(rm.getRole(SLR)).thenReturn(Optional.of(new RmRole(SLR, "1", "", true, "task/1")),
        Optional.of(new RmRole(SLR, "1", "", true, "task/1")), Optional.empty());
    when(rm.getServiceLinkedRoleDeletionStatus("task/1")).thenReturn(DeletionStatus.IN_PROGRESS);

    new DeletionWait(rm, time, time::sleep, Duration.ofSeconds(60)).await(SLR);

    assertEquals(List.of(DeletionWait.POLL, DeletionWait.POLL), time.sleeps);
  }

  @Test
  void await_deletionOutlastsTheBudget_failsClearlyWithoutWaitingPastIt() {
    when(rm.getRole(SLR)).thenReturn(Optional.of(new RmRole(SLR, "1", "", true, "task/1")));
    when(rm.getServiceLinkedRoleDeletionStatus("task/1")).thenReturn(DeletionStatus.IN_PROGRESS);

    CloudCallException e = assertThrows(CloudCallException.class, () -> new DeletionWait(rm, time, time::sleep, Duration.ofSeconds(12)).await(SLR));

    assertEquals("ServiceLinkedRole.DeletionInProgress", e.code());
    assertTrue(e.getMessage().contains("still being deleted (task task/1) after waiting 12 s"), e.getMessage());
    assertEquals(List.of(DeletionWait.POLL, DeletionWait.POLL), time.sleeps, "10 s of the 12 s budget, never beyond");
  }

  @Test
  void await_finishedOrFailedDeletion_doesNotWait() {
    when(rm.getRole(SLR)).thenReturn(Optional.of(new RmRole(SLR, "1", "", true, "task/old")));
    when(rm.getServiceLinkedRoleDeletionStatus("task/old")).thenReturn(DeletionStatus.FAILED);

    new DeletionWait(rm, time, time::sleep, Duration.ofSeconds(60)).await(SLR);

    assertEquals(List.of(), time.sleeps);
  }
}
