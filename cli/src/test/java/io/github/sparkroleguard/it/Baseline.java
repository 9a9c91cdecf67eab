package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.testing.TestJson;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asserts, from the emulator's own state, that the protected roles are at their baseline: both
 * execution roles with their trust and account-wide attachments and no grant in a resource group,
 * the pinned document the default, the service-linked role present and not being deleted.
 * Documents are compared as JSON trees (Jackson), not with the guard's own canonicaliser, so a
 * fault in that cannot make a wrong document pass.
 */
final class Baseline {
  private Baseline() {}

  static void assertAtBaseline(CloudEmulator emu, String context) {
    AccountState s = emu.ram().snapshot();
    JsonNode trust = tree(SampleAccount.resource("/policies/execution-role-trust.json"));
    JsonNode pinned = tree(SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    assertRole(s, SampleAccount.DEFAULT_ROLE, trust, Set.of("System:" + SampleAccount.SYSTEM_POLICY), context);
    assertRole(s, SampleAccount.CUSTOM_ROLE, trust, Set.of("Custom:" + SampleAccount.CUSTOM_POLICY), context);
    AccountState.Policy p = s.policies.stream().filter(x -> x.policyName.equals(SampleAccount.CUSTOM_POLICY))
        .findFirst().orElseThrow(() -> new AssertionError(context + ": custom policy missing"));
    String doc = p.versions.stream().filter(v -> v.versionId.equals(p.defaultVersion)).findFirst().orElseThrow().policyDocument;
    assertEquals(pinned, tree(doc), context + ": custom policy default document");
    assertEquals(true, p.versions.size() <= 5, context + ": version limit");
    AccountState.Role linked = s.roles.stream().filter(x -> x.roleName.equals(SampleAccount.SERVICE_LINKED_ROLE)).findFirst()
        .orElseThrow(() -> new AssertionError(context + ": service-linked role missing"));
    assertTrue(linked.serviceName != null && !linked.serviceName.isEmpty(), context + ": the service-linked role is service-linked");
    String task = linked.latestDeletionTaskId == null ? "" : linked.latestDeletionTaskId;
    assertTrue(task.isEmpty() || !"IN_PROGRESS".equals(emu.resourceManager().deletionStatus(task).status),
        context + ": the service-linked role is being deleted (" + task + ")");
  }

  private static void assertRole(AccountState s, String name, JsonNode trust, Set<String> attached, String context) {
    AccountState.Role r = s.roles.stream().filter(x -> x.roleName.equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(context + ": role " + name + " missing"));
    assertEquals(trust, tree(r.assumeRolePolicyDocument), context + ": trust of " + name);
    Set<String> live = new TreeSet<>();
    Set<String> inGroups = new TreeSet<>();
    s.attachments.stream().filter(a -> a.roleName.equalsIgnoreCase(name)).forEach(a -> {
      if (a.accountWide() || a.resourceGroupId.equals(s.accountId)) {
        live.add(a.policyType + ":" + a.policyName);
      } else {
        inGroups.add(a.policyType + ":" + a.policyName + "@" + a.resourceGroupId);
      }
    });
    assertEquals(new TreeSet<>(attached), live, context + ": attachments of " + name);
    assertEquals(Set.of(), inGroups, context + ": grants of " + name + " in resource groups");
  }

  private static JsonNode tree(String json) {
    try {
      return TestJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
