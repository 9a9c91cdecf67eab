package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.restore.WriteStep;
import io.github.sparkroleguard.trail.TrailPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The least-privilege RAM policy for the guard's own function role, derived from a configuration
 * and from the permissions the code declares (the reads of {@link RamPort}, every
 * {@link WriteStep.Action}, {@link TrailPort}): role actions scoped to the protected roles,
 * policy actions to the pinned custom policies, LookupEvents (no resource level) on {@code *}.
 */
public final class FunctionRolePolicy {
  /**
   * RAM resource ARNs. Role ARNs carry the role name in lower case (GetRole returns
   * {@code acs:ram::ACCOUNT:role/lowercasename}); that RAM authorises against that form, and
   * that AttachPolicyToRole is also checked against the policy's ARN, are inferred.
   */
  static String roleArn(String name) {
    return "acs:ram:*:*:role/" + name.toLowerCase(Locale.ROOT);
  }

  static String policyArn(String name) {
    return "acs:ram:*:*:policy/" + name;
  }

  private FunctionRolePolicy() {}

  /** Every permission the code can use: reads, each restore write, LookupEvents. */
  public static Set<String> declaredPermissions() {
    Set<String> all = new TreeSet<>(RamPort.READ_PERMISSIONS);
    for (WriteStep.Action a : WriteStep.Action.values()) {
      all.add(a.permission());
    }
    all.add(TrailPort.PERMISSION);
    all.addAll(EventBridgeFacts.PERMISSIONS);
    return all;
  }

  public static ObjectNode generate(GuardConfig config) {
    ObjectNode doc = Json.object().put("Version", "1");
    ArrayNode statements = doc.putArray("Statement");
    List<String> roles = new ArrayList<>();
    Set<String> custom = new LinkedHashSet<>();
    Set<String> attachable = new LinkedHashSet<>();
    boolean detach = false;
    for (RoleBaseline b : config.roles()) {
      roles.add(roleArn(b.name()));
      detach |= b.detachUnexpected();
      for (PolicyRef p : b.policies()) {
        attachable.add(policyArn(p.name()));
        if (p.type() == PolicyType.CUSTOM) {
          custom.add(policyArn(p.name()));
        }
      }
    }
    List<String> roleActions = new ArrayList<>(RamPort.ROLE_READ_PERMISSIONS);
    roleActions.addAll(List.of(WriteStep.Action.CREATE_ROLE.permission(), WriteStep.Action.UPDATE_ROLE.permission(),
        WriteStep.Action.ATTACH_POLICY_TO_ROLE.permission()));
    if (detach) {
      roleActions.add(WriteStep.Action.DETACH_POLICY_FROM_ROLE.permission());
    }
    statement(statements, roleActions, roles);
    statement(statements, List.of(WriteStep.Action.ATTACH_POLICY_TO_ROLE.permission()), new ArrayList<>(attachable));
    if (detach) {
      // Which policy is attached unexpectedly is not known in advance.
      statement(statements, List.of(WriteStep.Action.DETACH_POLICY_FROM_ROLE.permission()), List.of(policyArn("*")));
    }
    if (!custom.isEmpty()) {
      List<String> policyActions = new ArrayList<>(RamPort.POLICY_READ_PERMISSIONS);
      policyActions.addAll(List.of(WriteStep.Action.CREATE_POLICY.permission(), WriteStep.Action.CREATE_POLICY_VERSION.permission(),
          WriteStep.Action.SET_DEFAULT_POLICY_VERSION.permission()));
      statement(statements, policyActions, new ArrayList<>(custom));
    }
    // Reads any policy: the coverage check reads the live system policy and every policy attached to a
    // custom role (including ones attached beyond the baseline), and doctor reads the policies of the
    // guard's own role, whatever their names.
    statement(statements, List.of(RamPort.DEFAULT_VERSION_PERMISSION), List.of(policyArn("*")));
    // doctor: the guard's own role, to evaluate its permissions live.
    statement(statements, List.of("ram:GetRole", "ram:ListPoliciesForRole"), List.of(roleArn(config.selfRoleName())));
    // doctor: the EventBridge rules feeding the function, on the default bus of every region.
    statement(statements, EventBridgeFacts.PERMISSIONS, List.of("acs:eventbridge:*:*:eventbus/"
        + EventBridgeFacts.DEFAULT_BUS + "/rule/*"));
    statement(statements, List.of(TrailPort.PERMISSION), List.of("*"));
    return doc;
  }

  /** The set of actions a policy document grants (for the tests that hold it to the code). */
  public static Set<String> actions(com.fasterxml.jackson.databind.JsonNode doc) {
    Set<String> out = new TreeSet<>();
    for (com.fasterxml.jackson.databind.JsonNode s : doc.path("Statement")) {
      com.fasterxml.jackson.databind.JsonNode a = s.path("Action");
      if (a.isTextual()) {
        out.add(a.asText());
      }
      a.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  private static void statement(ArrayNode statements, List<String> actions, List<String> resources) {
    ObjectNode s = statements.addObject().put("Effect", "Allow");
    actions.forEach(s.withArray("Action")::add);
    resources.forEach(s.withArray("Resource")::add);
  }
}
