package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import io.github.sparkroleguard.config.StateSettings;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.restore.WriteStep;
import io.github.sparkroleguard.state.StoreFacts;
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
  /** RAM limits one policy document to 6,144 bytes [doc]. */
  public static final int MAX_DOCUMENT_BYTES = 6144;
  /** Custom policies one RAM role may have attached, before a quota increase [doc: RAM's limits page]. */
  public static final int MAX_CUSTOM_POLICIES_PER_ROLE = 10;
  /** The policies are named this, then NAME-2, NAME-3, ... */
  public static final String POLICY_NAME = "spark-role-guard-fc";
  /**
   * The MNS queue (in every region the function runs) that takes FC's failed asynchronous
   * invocations and EventBridge's dead letters; s.yaml names it too (a test holds both). The
   * function's role needs mns:SendMessage on it [doc: FC's destinations for asynchronous
   * invocations]; the ARN form {@code acs:mns:REGION:ACCOUNT:/queues/NAME/messages} is the
   * destination's own.
   */
  public static final String FAILURE_QUEUE = "spark-role-guard-failures";
  /** The product's service-linked role, re-created through Resource Management when deleted. */
  static final String SERVICE_LINKED_ROLE = "AliyunServiceRoleForEMRServerlessSpark";

  /**
   * RAM resource ARNs of a role, as written and in lower case: GetRole reports the lower-case
   * form, CreateRole's examples keep the case, and how RAM compares a Resource's case is not
   * documented [inferred], so both are granted ({@link ArnForms}).
   */
  static List<String> roleArns(String name) {
    return ArnForms.role("*", name);
  }

  static String policyArn(String name) {
    return "acs:ram:*:*:policy/" + name;
  }

  private static final String SEND_MESSAGE = "mns:SendMessage";

  private FunctionRolePolicy() {}

  /** Every permission the code can use: reads, each restore write, LookupEvents, Resource Management, doctor, MNS. */
  public static Set<String> declaredPermissions() {
    Set<String> all = new TreeSet<>(RamPort.READ_PERMISSIONS);
    for (WriteStep.Action a : WriteStep.Action.values()) {
      all.add(a.permission());
    }
    all.add(TrailPort.PERMISSION);
    all.addAll(EventBridgeFacts.PERMISSIONS);
    all.addAll(ResourceManagerPort.PERMISSIONS);
    all.add(SEND_MESSAGE);
    all.addAll(StoreFacts.OBJECT_PERMISSIONS);
    all.add(StoreFacts.LIST_PERMISSION);
    all.add(StoreFacts.VERSIONING);
    all.add(StoreFacts.ACL_PERMISSION);
    all.add(StoreFacts.POLICY_PERMISSION);
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
      if (b.serviceLinked()) {
        continue; // never CreateRole, UpdateRole or an attach on it: its statement is the service-linked one below
      }
      roles.addAll(roleArns(b.name()));
      detach |= b.detachUnexpected();
      for (PolicyRef p : b.policies()) {
        attachable.add(policyArn(p.name()));
        if (p.pinsDocument()) {
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
    statement(statements, List.of("ram:GetRole", "ram:ListPoliciesForRole"), roleArns(config.selfRoleName()));
    // doctor: the EventBridge rules feeding the function, on the default bus of every region.
    statement(statements, EventBridgeFacts.PERMISSIONS, List.of("acs:eventbridge:*:*:eventbus/"
        + EventBridgeFacts.DEFAULT_BUS + "/rule/*"));
    statement(statements, List.of(TrailPort.PERMISSION), List.of("*"));
    // Resource Management: attachments in every scope (account level: no narrower resource [doc]),
    // a scoped detach, and the service-linked role it alone can re-create.
    statement(statements, List.of("ram:ListPolicyAttachments"), List.of("acs:ram:*:*:*"));
    statement(statements, List.of("ram:CreateServiceLinkedRole", "ram:GetServiceLinkedRoleDeletionStatus", "ram:GetRole"),
        roleArns(SERVICE_LINKED_ROLE));
    if (detach) {
      List<String> detachable = new ArrayList<>(roles);
      detachable.add(policyArn("*"));
      statement(statements, List.of("ram:DetachPolicy"), detachable);
    }
    if (config.isMember()) {
      return doc; // a member role: the central function's own queue and store are its own role's (CentralPolicy)
    }
    // FC's on-failure destination in every region the function runs.
    statement(statements, List.of(SEND_MESSAGE), List.of("acs:mns:*:*:/queues/" + FAILURE_QUEUE + "/messages"));
    if (config.state().oss()) {
      // The shared state: objects under the prefix only; listing is a bucket-level action.
      StateSettings s = config.state();
      statement(statements, StoreFacts.OBJECT_PERMISSIONS, List.of("acs:oss:*:*:" + s.bucket() + "/" + s.prefix() + "*"));
      statement(statements, List.of(StoreFacts.LIST_PERMISSION, StoreFacts.VERSIONING, StoreFacts.ACL_PERMISSION,
          StoreFacts.POLICY_PERMISSION),
          List.of("acs:oss:*:*:" + s.bucket()));
    }
    return doc;
  }

  /**
   * The same grants as {@link #generate}, split into as many documents as needed so each stays
   * within RAM's {@link #MAX_DOCUMENT_BYTES} (compact JSON): statements are packed in order, and a
   * statement too large alone is split by its resources.
   */
  public static List<ObjectNode> generateAll(GuardConfig config) {
    List<ObjectNode> pieces = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode s : generate(config).path("Statement")) {
      pieces.addAll(fitting((ObjectNode) s));
    }
    List<ObjectNode> docs = new ArrayList<>();
    ObjectNode current = null;
    for (ObjectNode piece : pieces) {
      if (current != null) {
        ObjectNode tried = current.deepCopy();
        ((ArrayNode) tried.path("Statement")).add(piece);
        if (bytes(tried) <= MAX_DOCUMENT_BYTES) {
          current = tried;
          continue;
        }
        docs.add(current);
      }
      current = Json.object().put("Version", "1");
      current.putArray("Statement").add(piece);
    }
    if (current != null) {
      docs.add(current);
    }
    return docs;
  }

  /** {@code {"policies":[{"policyName","policyDocument"}...]}}: what {@code function-policy} prints. */
  public static ObjectNode output(GuardConfig config) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("policies");
    List<ObjectNode> docs = generateAll(config);
    for (int i = 0; i < docs.size(); i++) {
      list.addObject().put("policyName", i == 0 ? POLICY_NAME : POLICY_NAME + "-" + (i + 1)).set("policyDocument", docs.get(i));
    }
    return out;
  }

  /** A statement as one or more statements, each fitting a document alone. */
  private static List<ObjectNode> fitting(ObjectNode statement) {
    if (bytes(alone(statement)) <= MAX_DOCUMENT_BYTES) {
      return List.of(statement);
    }
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode current = null;
    for (com.fasterxml.jackson.databind.JsonNode r : statement.path("Resource")) {
      if (current != null) {
        ObjectNode tried = current.deepCopy();
        ((ArrayNode) tried.path("Resource")).add(r);
        if (bytes(alone(tried)) <= MAX_DOCUMENT_BYTES) {
          current = tried;
          continue;
        }
        out.add(current);
      }
      current = statement.deepCopy();
      current.putArray("Resource").add(r);
    }
    if (current != null) {
      out.add(current);
    }
    return out;
  }

  private static ObjectNode alone(ObjectNode statement) {
    ObjectNode doc = Json.object().put("Version", "1");
    doc.putArray("Statement").add(statement);
    return doc;
  }

  /** The size RAM counts: the compact JSON's bytes. */
  public static int bytes(com.fasterxml.jackson.databind.JsonNode doc) {
    return Json.write(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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
