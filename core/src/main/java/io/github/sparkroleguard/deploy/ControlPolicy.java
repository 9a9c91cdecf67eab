package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigException;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.event.ChangeEvents;
import io.github.sparkroleguard.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Prevention: the Resource Directory control policy that denies, to every RAM user and role of
 * the account but the guard's role and the approved actors, each write that can break a
 * protected role; and to all but {@code prevention.adminPrincipals}, every write to the guard's
 * own role and policies, so that no stranger can become the guard. Derived from the same configuration the guard enforces, so what is prevented
 * and what is detected and restored never drift apart. Alibaba's own custom control-policy
 * examples have this shape: a Deny on {@code ram:DeleteRole}, {@code ram:Attach*}, ... with
 * {@code StringNotLike} on {@code acs:PrincipalARN}
 * (https://www.alibabacloud.com/help/doc-detail/181474.htm).
 */
public final class ControlPolicy {
  /**
   * "Number of characters that each custom access control policy can contain: 4,096" [doc:
   * https://www.alibabacloud.com/help/en/resource-management/product-overview/limits, and
   * CreateControlPolicy's PolicyDocument, error InvalidParameter.PolicyDocument.Length]. Counted
   * here on the compact JSON the command prints; whether whitespace counts is not said.
   */
  public static final int MAX_CHARACTERS = 4096;
  /** "Number of custom access control policies that can be attached to each folder or member: 10" [doc, same page]. */
  public static final int MAX_PER_TARGET = 10;
  /**
   * What one target takes of ours: the 10 count the system policy FullAliyunAccess, which
   * Resource Directory attaches to every folder and member when Control Policy is enabled [doc:
   * "Enable the Control Policy feature"; issue 21, section 5] and which stays attached.
   */
  public static final int MAX_CUSTOM_PER_TARGET = MAX_PER_TARGET - 1;
  /** CreateControlPolicy's only documented EffectScope: RAM users and RAM roles [doc]. */
  public static final String EFFECT_SCOPE = "RAM";
  public static final String NAME = "spark-role-guard-protect";

  /** Writes on a protected role, checked against the role's ARN: the event table's (ChangeEvents.protectedWrites). */
  public static final List<String> ROLE_WRITES = ChangeEvents.protectedWrites(false);
  /** Writes on a pinned Custom policy, checked against the policy's ARN: the event table's. */
  public static final List<String> POLICY_WRITES = ChangeEvents.protectedWrites(true);
  static final String CONDITION_OPERATOR = "StringNotLike";
  static final String CONDITION_KEY = "acs:PrincipalARN";

  private ControlPolicy() {}

  /** The command's output: every policy to create, its size, and notes. */
  public static ObjectNode generate(GuardConfig config) {
    ControlPolicyScope scope = ControlPolicyScope.of(config);
    List<ObjectNode> docs = documents(scope);
    if (docs.size() > MAX_CUSTOM_PER_TARGET) {
      throw new ConfigException(docs.size() + " control policies are needed, but a folder or member takes " + MAX_PER_TARGET
          + " including FullAliyunAccess, so " + MAX_CUSTOM_PER_TARGET + " of ours: split the roles over several guard "
          + "configurations (attached to different folders), or approve fewer actors");
    }
    ObjectNode out = Json.object();
    out.put("effectScope", EFFECT_SCOPE).put("maxCharacters", MAX_CHARACTERS);
    ArrayNode policies = out.putArray("policies");
    for (int i = 0; i < docs.size(); i++) {
      String doc = Json.write(docs.get(i));
      policies.addObject()
          .put("policyName", NAME + (i == 0 ? "" : "-" + (i + 1)))
          .put("description", "Denies-writes-that-break-the-roles-spark-role-guard-protects")
          .put("characters", doc.length())
          .set("policyDocument", docs.get(i));
    }
    ArrayNode notes = out.putArray("notes");
    scope.notes().forEach(notes::add);
    return out;
  }

  /**
   * The policy documents, each within {@link #MAX_CHARACTERS} as compact JSON: resources are
   * spread over as many documents as needed, each statement carrying its full list of exceptions.
   * Four kinds of statement: the protected roles and pinned policies (all but the guard and the
   * approved actors), the guard's own roles and policies (all but prevention.adminPrincipals).
   *
   * @throws ConfigException when the exceptions alone leave no room for a resource
   */
  public static List<ObjectNode> documents(ControlPolicyScope scope) {
    List<Group> groups = List.of(new Group(ROLE_WRITES, scope.exceptions()), new Group(POLICY_WRITES, scope.exceptions()),
        new Group(ROLE_WRITES, scope.adminExceptions()), new Group(POLICY_WRITES, scope.adminExceptions()));
    List<List<String>> items = List.of(scope.roles(), scope.policies(), scope.guardRoles(), scope.guardPolicies());
    List<ObjectNode> out = new ArrayList<>();
    List<List<String>> current = empty(groups.size());
    for (int g = 0; g < groups.size(); g++) {
      for (String resource : items.get(g)) {
        current.get(g).add(resource);
        if (fits(groups, current)) {
          continue;
        }
        current.get(g).remove(current.get(g).size() - 1);
        out.add(document(groups, current));
        current = empty(groups.size());
        current.get(g).add(resource);
        if (!fits(groups, current)) {
          throw new ConfigException("the control policy's exceptions (self.roleName, approvedActors, "
              + "prevention.adminPrincipals) leave no room for a single resource within " + MAX_CHARACTERS
              + " characters: approve fewer actors");
        }
      }
    }
    if (current.stream().anyMatch(l -> !l.isEmpty())) {
      out.add(document(groups, current));
    }
    return out;
  }

  /** One kind of statement: the actions it denies and the principals it lets through. */
  private static final class Group {
    final List<String> actions;
    final List<String> exceptions;

    Group(List<String> actions, List<String> exceptions) {
      this.actions = actions;
      this.exceptions = exceptions;
    }
  }

  private static List<List<String>> empty(int n) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    return out;
  }

  private static boolean fits(List<Group> groups, List<List<String>> resources) {
    return Json.write(document(groups, resources)).length() <= MAX_CHARACTERS;
  }

  private static ObjectNode document(List<Group> groups, List<List<String>> resources) {
    ObjectNode doc = Json.object().put("Version", "1");
    ArrayNode statements = doc.putArray("Statement");
    for (int g = 0; g < groups.size(); g++) {
      if (!resources.get(g).isEmpty()) {
        deny(statements, groups.get(g).actions, resources.get(g), groups.get(g).exceptions);
      }
    }
    return doc;
  }

  /** A Deny; with no exception at all it binds every RAM user and role (no Condition). */
  private static void deny(ArrayNode statements, List<String> actions, List<String> resources, List<String> exceptions) {
    ObjectNode s = statements.addObject().put("Effect", "Deny");
    actions.forEach(s.putArray("Action")::add);
    resources.forEach(s.putArray("Resource")::add);
    if (!exceptions.isEmpty()) {
      ArrayNode except = s.putObject("Condition").putObject(CONDITION_OPERATOR).putArray(CONDITION_KEY);
      exceptions.forEach(except::add);
    }
  }
}
