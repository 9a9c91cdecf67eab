package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.*;

import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.event.RolePrincipal;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.ram.SdkRamClient;
import io.github.sparkroleguard.rm.PolicyAttachment;
import io.github.sparkroleguard.rm.ResourceManagerPort.DeletionStatus;
import io.github.sparkroleguard.rm.RmRole;
import io.github.sparkroleguard.rm.SdkResourceManagerClient;
import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Resource Management adapter (CommonRequest, 2020-03-31) through the real SDK against the emulator. */
class ResourceManagerIT {
  private static final String ACCOUNT = "1234567890123456";
  private final FakeTime time = new FakeTime();
  private CloudEmulator emu;
  private SdkResourceManagerClient rm;
  private SdkRamClient ram;

  @BeforeEach
  void start() throws Exception {
    emu = new CloudEmulator(SampleAccount.healthy(time), 0, time);
    emu.allow(Caller.assumedRole("spark-role-guard-fc", "s1", "STS.AK1234567", "sec", "tok"));
    CredentialsHolder creds = new CredentialsHolder();
    creds.set("STS.AK1234567", "sec", "tok");
    SdkCaller caller = new SdkCaller(SdkCaller.newClient("cn-hangzhou", creds), Endpoint.parse(emu.endpoint(), "e"),
        creds, Retrier.standard());
    rm = new SdkResourceManagerClient(caller);
    ram = new SdkRamClient(caller);
  }

  @AfterEach
  void stop() {
    emu.close();
  }

  private static String principal(String role) {
    return RolePrincipal.of(role, ACCOUNT);
  }

  @Test
  void getRole_serviceLinkedAndOrdinary_reportsWhatRamCannot() {
    RmRole slr = rm.getRole(SampleAccount.SERVICE_LINKED_ROLE).orElseThrow();
    assertTrue(slr.serviceLinked());
    assertEquals(principal(SampleAccount.SERVICE_LINKED_ROLE), slr.principalName());
    assertEquals("", slr.latestDeletionTaskId());
    assertFalse(rm.getRole(SampleAccount.DEFAULT_ROLE).orElseThrow().serviceLinked());
    assertTrue(rm.getRole("no-such-role").isEmpty());
  }

  @Test
  void listPolicyAttachments_resourceGroupGrant_shownHereButNotByRam() {
    emu.resourceManager().attachPolicy("System", "AdministratorAccess", "ServiceRole",
        principal(SampleAccount.CUSTOM_ROLE), "rg-acfm2pz25js****");

    List<PolicyAttachment> all = rm.listPolicyAttachments(principal(SampleAccount.CUSTOM_ROLE));

    assertEquals(List.of(SampleAccount.CUSTOM_POLICY + "@" + ACCOUNT, "AdministratorAccess@rg-acfm2pz25js****"),
        all.stream().map(a -> a.policyName() + "@" + a.resourceGroupId()).collect(Collectors.toList()));
    assertEquals(List.of(SampleAccount.CUSTOM_POLICY), ram.listPoliciesForRole(SampleAccount.CUSTOM_ROLE).stream()
        .map(p -> p.name()).collect(Collectors.toList()));
  }

  @Test
  void listPolicyAttachments_moreThanOnePage_readsEveryPage() {
    for (int i = 0; i < 130; i++) {
      emu.ram().createPolicy("p" + i, "{\"Version\":\"1\",\"Statement\":[]}", "");
      emu.resourceManager().attachPolicy("Custom", "p" + i, "ServiceRole", principal(SampleAccount.CUSTOM_ROLE), "rg-many");
    }

    assertEquals(131, rm.listPolicyAttachments(principal(SampleAccount.CUSTOM_ROLE)).size());
    assertEquals(2, emu.requests().stream().filter(r -> r.action.equals("ListPolicyAttachments")).count());
  }

  @Test
  void detachPolicy_sameScope_removesOnlyThatGrant() {
    emu.resourceManager().attachPolicy("System", "AdministratorAccess", "ServiceRole",
        principal(SampleAccount.CUSTOM_ROLE), "rg-one");

    rm.detachPolicy(PolicyType.SYSTEM, "AdministratorAccess", principal(SampleAccount.CUSTOM_ROLE), "rg-one");

    assertEquals(1, rm.listPolicyAttachments(principal(SampleAccount.CUSTOM_ROLE)).size());
    CloudCallException again = assertThrows(CloudCallException.class, () ->
        rm.detachPolicy(PolicyType.SYSTEM, "AdministratorAccess", principal(SampleAccount.CUSTOM_ROLE), "rg-one"));
    assertTrue(again.notFound(), again.code());
    assertEquals("ResourceManager", emu.trail().events().stream().filter(e -> e.path("eventName").asText().equals("DetachPolicy"))
        .findFirst().orElseThrow().path("serviceName").asText());
  }

  @Test
  void serviceLinkedRole_deletedAsynchronously_thenCreatedAgain() {
    String task = emu.resourceManager().deleteServiceLinkedRole(SampleAccount.SERVICE_LINKED_ROLE);

    RmRole deleting = rm.getRole(SampleAccount.SERVICE_LINKED_ROLE).orElseThrow();
    assertEquals(task, deleting.latestDeletionTaskId());
    assertEquals(DeletionStatus.IN_PROGRESS, rm.getServiceLinkedRoleDeletionStatus(task));
    CloudCallException early = assertThrows(CloudCallException.class, () -> rm.createServiceLinkedRole(SampleAccount.SPARK_SERVICE));
    assertFalse(early.alreadyExists(), early.code());

    time.sleep(Duration.ofSeconds(31));

    assertEquals(DeletionStatus.SUCCEEDED, rm.getServiceLinkedRoleDeletionStatus(task));
    assertTrue(rm.getRole(SampleAccount.SERVICE_LINKED_ROLE).isEmpty());
    rm.createServiceLinkedRole(SampleAccount.SPARK_SERVICE);
    assertTrue(rm.getRole(SampleAccount.SERVICE_LINKED_ROLE).orElseThrow().serviceLinked());
    assertEquals(List.of(SampleAccount.SERVICE_LINKED_POLICY), ram.listPoliciesForRole(SampleAccount.SERVICE_LINKED_ROLE)
        .stream().map(p -> p.name()).collect(Collectors.toList()));
  }

  @Test
  void callCommon_unknownAction_isAClearErrorNotAnEmptyAnswer() {
    CloudCallException e = assertThrows(CloudCallException.class, () -> rm.getServiceLinkedRoleDeletionStatus("task/none"));
    assertEquals("EntityNotExist.DeletionTask", e.code());
  }
}
