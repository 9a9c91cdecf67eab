package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigException;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Prevention: the Resource Directory control policy that denies, to every RAM user and role of
 * the account but the guard's role and the approved actors, each write that can break a
 * protected role. Derived from the same configuration the guard enforces, so what is prevented
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
  /** CreateControlPolicy's only documented EffectScope: RAM users and RAM roles [doc]. */
  public static final String EFFECT_SCOPE = "RAM";
  public static final String NAME = "spark-role-guard-protect";

  /**
   * Writes on a protected role, checked against the role's ARN. RAM's own calls and Resource
   * Management's twins authorize as the same RAM actions: RM DeleteRole/UpdateRole as
   * {@code ram:DeleteRole}/{@code ram:UpdateRole}, RM AttachPolicy/DetachPolicy as
   * {@code ram:AttachPolicy}/{@code ram:DetachPolicy}, DeleteServiceLinkedRole as
   * {@code ram:DeleteServiceLinkedRole} [doc: the authorization tables of resourcemanager
   * 2020-03-31]. CreateRole is left out: creating a missing role is how the product's own
   * console sets the default role up, and the guard checks what it creates.
   */
  public static final List<String> ROLE_WRITES = List.of("ram:UpdateRole", "ram:DeleteRole", "ram:AttachPolicyToRole",
      "ram:DetachPolicyFromRole", "ram:AttachPolicy", "ram:DetachPolicy", "ram:DeleteServiceLinkedRole");
  /**
   * Writes on a pinned Custom policy, checked against the policy's ARN; Resource Management's
   * policy calls authorize as the same actions [doc].
   */
  public static final List<String> POLICY_WRITES = List.of("ram:CreatePolicyVersion", "ram:SetDefaultPolicyVersion",
      "ram:DeletePolicyVersion", "ram:DeletePolicy");
  static final String CONDITION_OPERATOR = "StringNotLike";
  static final String CONDITION_KEY = "acs:PrincipalARN";

  private ControlPolicy() {}

  /** The command's output: every policy to create, its size, and notes. */
  public static ObjectNode generate(GuardConfig config) {
    ControlPolicyScope scope = ControlPolicyScope.of(config);
    List<ObjectNode> docs = documents(scope);
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
    if (docs.size() > MAX_PER_TARGET) {
      notes.add(docs.size() + " control policies are needed but a folder or member takes at most " + MAX_PER_TARGET
          + " custom ones: attach some to a parent folder, or split the roles over several guard configurations");
    }
    return out;
  }

  /**
   * The policy documents, each within {@link #MAX_CHARACTERS} as compact JSON: resources are
   * spread over as many documents as needed, each carrying the full list of exceptions.
   *
   * @throws ConfigException when the exceptions alone leave no room for a resource
   */
  public static List<ObjectNode> documents(ControlPolicyScope scope) {
    List<ObjectNode> out = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    List<String> policies = new ArrayList<>();
    List<String[]> items = new ArrayList<>();
    scope.roles().forEach(r -> items.add(new String[] {"role", r}));
    scope.policies().forEach(p -> items.add(new String[] {"policy", p}));
    for (String[] item : items) {
      List<String> target = item[0].equals("role") ? roles : policies;
      target.add(item[1]);
      if (fits(roles, policies, scope)) {
        continue;
      }
      target.remove(target.size() - 1);
      if (!roles.isEmpty() || !policies.isEmpty()) {
        out.add(document(roles, policies, scope.exceptions()));
        roles.clear();
        policies.clear();
        target.add(item[1]);
      }
      if (target.isEmpty() || !fits(roles, policies, scope)) {
        throw new ConfigException("the control policy's exceptions (self.roleName and approvedActors) leave no room "
            + "for a single resource within " + MAX_CHARACTERS + " characters: approve fewer actors");
      }
    }
    if (!roles.isEmpty() || !policies.isEmpty()) {
      out.add(document(roles, policies, scope.exceptions()));
    }
    return out;
  }

  private static boolean fits(List<String> roles, List<String> policies, ControlPolicyScope scope) {
    return Json.write(document(roles, policies, scope.exceptions())).length() <= MAX_CHARACTERS;
  }

  private static ObjectNode document(List<String> roles, List<String> policies, List<String> exceptions) {
    ObjectNode doc = Json.object().put("Version", "1");
    ArrayNode statements = doc.putArray("Statement");
    if (!roles.isEmpty()) {
      deny(statements, ROLE_WRITES, roles, exceptions);
    }
    if (!policies.isEmpty()) {
      deny(statements, POLICY_WRITES, policies, exceptions);
    }
    return doc;
  }

  private static void deny(ArrayNode statements, List<String> actions, List<String> resources, List<String> exceptions) {
    ObjectNode s = statements.addObject().put("Effect", "Deny");
    actions.forEach(s.putArray("Action")::add);
    resources.forEach(s.putArray("Resource")::add);
    ArrayNode except = s.putObject("Condition").putObject(CONDITION_OPERATOR).putArray(CONDITION_KEY);
    exceptions.forEach(except::add);
  }
}
