package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.event.ChangeEvents;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The protected writes have one source, the event table: the control policy denies (and its
 * audit checks) the RAM action of every write the guard reacts to on an existing role or policy.
 */
class ProtectedWritesTest {
  @Test
  void controlPolicyWrites_areTheEventTablesWritesOnExistingRolesAndPolicies() {
    assertEquals(new TreeSet<>(Set.of("ram:UpdateRole", "ram:DeleteRole", "ram:AttachPolicyToRole", "ram:DetachPolicyFromRole",
        "ram:AttachPolicy", "ram:DetachPolicy", "ram:DeleteServiceLinkedRole")), new TreeSet<>(ControlPolicy.ROLE_WRITES));
    assertEquals(new TreeSet<>(Set.of("ram:CreatePolicyVersion", "ram:SetDefaultPolicyVersion", "ram:DeletePolicyVersion",
        "ram:DeletePolicy")), new TreeSet<>(ControlPolicy.POLICY_WRITES));
    for (String name : ChangeEvents.eventNames()) {
      String action = "ram:" + name;
      boolean creation = name.equals("CreateRole") || name.equals("CreatePolicy");
      assertTrue(creation || ControlPolicy.ROLE_WRITES.contains(action) || ControlPolicy.POLICY_WRITES.contains(action), action);
    }
  }
}
