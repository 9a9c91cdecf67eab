package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.SERVICE_LINKED_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.SYSTEM_POLICY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.guard.InvocationResult;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Resource Management acting on the protected roles, end to end through the real SDK: its
 * DeleteRole restored like RAM's, an administrator grant in a resource group reported and
 * detached in its scope, the service-linked role re-created by its service, a refused listing
 * said without failing the invocation.
 */
class ResourceManagerGuardIT {
  private static final String GROUP = "rg-aek2spark01";

  @Test
  void resourceManagerDeleteRole_ofTheDefaultRole_isRestoredLikeRamDeleteRole() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: restore", "")) {
      f.replay("resourcemanager-delete-role-default.json");
      assertFalse(f.emulator.ram().snapshot().roles.stream().anyMatch(r -> r.roleName.equals(DEFAULT_ROLE)));

      InvocationResult r = f.invoke("resourcemanager-delete-role-default.json");

      assertTrue(r.ok(), r.json().toString());
      assertEquals("restored", GuardFixture.role(r, DEFAULT_ROLE).path("status").asText(), r.json().toString());
      assertEquals(List.of("CreateRole", "AttachPolicyToRole"), writes(f.emulator));
      assertEquals(List.of(SYSTEM_POLICY), f.emulator.ram().listPoliciesForRole(DEFAULT_ROLE).stream()
          .map(a -> a.policyName).collect(Collectors.toList()));
    }
  }

  @Test
  void adminGrantInAResourceGroup_alertMode_isReportedCriticalWithItsScope() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      f.replay("resourcemanager-attach-admin-group-custom.json");
      assertEquals(1, f.emulator.ram().listPoliciesForRole(CUSTOM_ROLE).size(), "RAM's own list does not show it");

      InvocationResult r = f.invoke("timer.json");

      JsonNode drift = GuardFixture.role(r, CUSTOM_ROLE).path("drift").get(0);
      assertEquals("unexpected_policy_attached", drift.path("kind").asText());
      assertEquals("critical", drift.path("severity").asText(), "AdministratorAccess allows * on *");
      assertEquals(GROUP, drift.path("resourceGroupId").asText());
      assertEquals(List.of(), f.emulator.writes());
      assertEquals(1, f.webhook.received().size());
      assertTrue(f.webhook.received().get(0).body.contains("in resource group " + GROUP), f.webhook.received().get(0).body);
    }
  }

  @Test
  void adminGrantInAResourceGroup_detachUnexpected_isDetachedInTheSameGroup() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: restore", "detachUnexpected: true")) {
      f.replay("resourcemanager-attach-admin-group-custom.json");

      InvocationResult r = f.invoke("resourcemanager-attach-admin-group-custom.json");

      assertTrue(r.ok(), r.json().toString());
      assertEquals("restored", GuardFixture.role(r, CUSTOM_ROLE).path("status").asText(), r.json().toString());
      List<CloudEmulator.Request> detach = f.emulator.writes().stream().filter(w -> w.action.equals("DetachPolicy"))
          .collect(Collectors.toList());
      assertEquals(1, detach.size());
      assertEquals(GROUP, detach.get(0).parameters.get("ResourceGroupId"));
      assertEquals("2020-03-31", detach.get(0).parameters.get("Version"));
      assertTrue(f.emulator.ram().snapshot().attachments.stream().noneMatch(a -> GROUP.equals(a.resourceGroupId)));
    }
  }

  @Test
  void deletedServiceLinkedRole_isRecreatedWithCreateServiceLinkedRole_only() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: restore", "")) {
      f.emulator.resourceManager().deletionTime(Duration.ZERO);
      f.emulator.resourceManager().deleteServiceLinkedRole(SERVICE_LINKED_ROLE);

      InvocationResult r = f.invoke("timer.json");

      assertTrue(r.ok(), r.json().toString());
      assertEquals("restored", GuardFixture.role(r, SERVICE_LINKED_ROLE).path("status").asText(), r.json().toString());
      assertEquals(List.of("CreateServiceLinkedRole"), writes(f.emulator));
      assertEquals("spark.emr-serverless.aliyuncs.com", f.emulator.writes().get(0).parameters.get("ServiceName"));
      AccountState.Role back = f.emulator.ram().getRole(SERVICE_LINKED_ROLE);
      assertEquals("spark.emr-serverless.aliyuncs.com", back.serviceName);
    }
  }

  @Test
  void serviceLinkedRoleInDeletion_noTimeToWait_failsClearlyAndWritesNothing() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: restore\nretryBudgetSeconds: 0", "")) {
      f.emulator.resourceManager().deleteServiceLinkedRole(SERVICE_LINKED_ROLE); // 30 s on the emulator's clock

      InvocationResult r = f.invoke("timer.json");

      assertFalse(r.ok());
      JsonNode slr = GuardFixture.role(r, SERVICE_LINKED_ROLE);
      assertEquals("service_linked_role_in_deletion", slr.path("drift").get(0).path("kind").asText());
      assertTrue(r.json().toString().contains("is still being deleted"), r.json().toString());
      assertEquals(List.of(), f.emulator.writes());
    }
  }

  @Test
  void refusedListPolicyAttachments_isSaidAndAlertedOncePerWindow_neverFailsTheInvocation() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      f.emulator.faults().failAlways("ListPolicyAttachments", 403, "NoPermission");

      InvocationResult first = f.invoke("timer.json");
      InvocationResult second = f.invoke("timer.json");

      assertTrue(first.ok() && second.ok(), first.json().toString());
      assertEquals("in_sync", GuardFixture.role(first, CUSTOM_ROLE).path("status").asText());
      assertTrue(GuardFixture.role(second, CUSTOM_ROLE).toString().contains("grants in resource groups were not checked"));
      assertEquals(2, f.webhook.received().size(), "one alert per affected role (default and custom), not one per invocation");
    }
  }

  private static List<String> writes(CloudEmulator emulator) {
    return emulator.writes().stream().map(w -> w.action).collect(Collectors.toList());
  }
}
