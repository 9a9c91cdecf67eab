package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Resource Directory control policies attached to the emulated account, enforced on its writes:
 * a request a Deny statement matches (action, resource, condition) is refused with RAM's
 * access-denied answer, 403 {@code NoPermission} [doc: "NoPermission, Forbidden.RAM,
 * NotAuthorized" are the OpenAPI access-denied codes; RAM documents NoPermission]. Allow
 * statements change nothing: FullAliyunAccess, attached by default [doc], already allows all.
 * Control policies created with EffectScope RAM bind RAM users and roles only [doc], so the
 * account's root identity passes. Its own small matcher, independent of the guard's evaluator
 * (the emulator never borrows the guard's logic); it accepts only what it can decide and
 * refuses other documents when they are attached.
 */
public final class ControlPolicies {
  /** Emulated write -> the RAM action it is authorized as [doc: the RAM and resourcemanager authorization tables]. */
  private static final Set<String> ROLE_ACTIONS = Set.of("CreateRole", "UpdateRole", "DeleteRole", "AttachPolicyToRole",
      "DetachPolicyFromRole", "AttachPolicy", "DetachPolicy", "DeleteServiceLinkedRole");
  private static final Set<String> POLICY_ACTIONS = Set.of("CreatePolicy", "DeletePolicy", "CreatePolicyVersion",
      "DeletePolicyVersion", "SetDefaultPolicyVersion", "AttachPolicyToRole", "DetachPolicyFromRole", "AttachPolicy",
      "DetachPolicy");
  private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringLike", "StringNotLike");
  private static final String PRINCIPAL_ARN = "acs:principalarn";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Resource Directory reads answered here (Resource Management 2020-03-31). */
  static final Set<String> READS = Set.of("GetAccount", "ListAncestors", "ListControlPolicyAttachmentsForTarget",
      "GetControlPolicy");
  /** The emulated account sits in one folder under Root. */
  static final String FOLDER = "fd-emulated01";
  static final String ROOT = "r-emulated";

  /** One attached custom policy. */
  private static final class Entry {
    final String id;
    final String target;
    final String text;
    final JsonNode doc;

    Entry(String id, String target, String text, JsonNode doc) {
      this.id = id;
      this.target = target;
      this.text = text;
      this.doc = doc;
    }
  }

  private final List<Entry> attached = new CopyOnWriteArrayList<>();

  /**
   * Attaches one control policy document to the account.
   *
   * @throws IllegalArgumentException when the document is not one this emulator can enforce
   */
  public void attach(String document) {
    attach("", document);
  }

  /**
   * Attaches a document to a target: the account (empty target or its id), its folder
   * {@value #FOLDER} or the Root folder {@value #ROOT}; all of them apply to the account.
   */
  public synchronized void attach(String target, String document) {
    if (document.length() > 4096) {
      throw new IllegalArgumentException("a control policy holds at most 4,096 characters");
    }
    JsonNode doc;
    try {
      doc = JSON.readTree(document);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    for (JsonNode s : statements(doc)) {
      s.path("Condition").fields().forEachRemaining(op -> {
        if (!OPERATORS.contains(op.getKey())) {
          throw new IllegalArgumentException("the emulator does not enforce the operator " + op.getKey());
        }
        op.getValue().fieldNames().forEachRemaining(k -> {
          if (!k.toLowerCase(Locale.ROOT).equals(PRINCIPAL_ARN)) {
            throw new IllegalArgumentException("the emulator does not enforce the condition key " + k);
          }
        });
      });
    }
    attached.add(new Entry("cp-emulated" + (attached.size() + 1), target, document, doc));
  }

  public void detachAll() {
    attached.clear();
  }

  /** Refuses the request when an attached Deny matches it. */
  void enforce(String action, Map<String, String> params, Caller caller, String accountId) {
    if (attached.isEmpty() || caller.isRoot()) {
      return;
    }
    List<String> resources = resources(action, params, accountId);
    if (resources.isEmpty()) {
      return;
    }
    String principal = caller.principalArn(accountId);
    for (Entry e : attached) {
      for (JsonNode s : statements(e.doc)) {
        if (!"Deny".equals(s.path("Effect").asText()) || !any(s.path("Action"), "ram:" + action, true)
            || !conditionHolds(s.path("Condition"), principal)) {
          continue;
        }
        for (String r : resources) {
          if (any(s.path("Resource"), r, false)) {
            throw new EmulatorException(403, "NoPermission", "You are not authorized to do this action. Resource: " + r
                + " Action: ram:" + action + " (explicit deny in a control policy)");
          }
        }
      }
    }
  }

  /** Resource Directory's answers about the account, its folders and the policies attached to them. */
  ObjectNode answer(String action, Map<String, String> p, String accountId) {
    ObjectNode out = JSON.createObjectNode();
    switch (action) {
      case "GetAccount":
        if (!accountId.equals(p.get("AccountId"))) {
          throw EmulatorException.notFound("EntityNotExists.Account", "The specified account does not exist.");
        }
        out.putObject("Account").put("AccountId", accountId).put("FolderId", FOLDER).put("Type", "ResourceAccount");
        return out;
      case "ListAncestors":
        ArrayNode folders = out.putObject("Folders").putArray("Folder");
        if (FOLDER.equals(p.get("ChildId"))) {
          folders.addObject().put("FolderId", ROOT).put("FolderName", "Root");
        }
        return out;
      case "ListControlPolicyAttachmentsForTarget": {
        String target = p.getOrDefault("TargetId", "");
        ArrayNode list = out.putObject("ControlPolicyAttachments").putArray("ControlPolicyAttachment");
        list.addObject().put("PolicyId", "cp-FullAliyunAccess").put("PolicyName", "FullAliyunAccess")
            .put("PolicyType", "System").put("EffectScope", "All");
        for (Entry e : attached) {
          if (e.target.equals(target) || (e.target.isEmpty() && target.equals(accountId))) {
            list.addObject().put("PolicyId", e.id).put("PolicyName", e.id).put("PolicyType", "Custom")
                .put("EffectScope", "RAM");
          }
        }
        return out;
      }
      case "GetControlPolicy":
        for (Entry e : attached) {
          if (e.id.equals(p.get("PolicyId"))) {
            out.putObject("ControlPolicy").put("PolicyId", e.id).put("PolicyName", e.id).put("PolicyType", "Custom")
                .put("EffectScope", "RAM").put("PolicyDocument", e.text);
            return out;
          }
        }
        throw EmulatorException.notFound("EntityNotExist.ControlPolicy", "The control policy does not exist.");
      default:
        throw new IllegalArgumentException(action);
    }
  }

  /** The ARNs RAM checks the write against, as RAM spells them (role names lower case, like GetRole's Arn). */
  private static List<String> resources(String action, Map<String, String> p, String accountId) {
    List<String> out = new ArrayList<>();
    String role = p.getOrDefault("RoleName", "");
    if (role.isEmpty() && "ServiceRole".equals(p.get("PrincipalType"))) {
      String principal = p.getOrDefault("PrincipalName", ""); // role@role.<account>.onaliyunservice.com
      role = principal.contains("@") ? principal.substring(0, principal.indexOf('@')) : principal;
    }
    if (ROLE_ACTIONS.contains(action) && !role.isEmpty()) {
      out.add("acs:ram::" + accountId + ":role/" + role.toLowerCase(Locale.ROOT));
    }
    String policy = p.getOrDefault("PolicyName", "");
    if (POLICY_ACTIONS.contains(action) && !policy.isEmpty()) {
      out.add("acs:ram::" + accountId + ":policy/" + policy);
    }
    return out;
  }

  private static List<JsonNode> statements(JsonNode doc) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode s = doc.path("Statement");
    if (s.isArray()) {
      s.forEach(out::add);
    } else if (s.isObject()) {
      out.add(s);
    } else {
      throw new IllegalArgumentException("Statement: must be an object or an array");
    }
    return out;
  }

  private static boolean conditionHolds(JsonNode condition, String principal) {
    if (condition.isMissingNode()) {
      return true;
    }
    var ops = condition.fields();
    while (ops.hasNext()) {
      var op = ops.next();
      boolean like = op.getKey().endsWith("Like");
      boolean negated = op.getKey().contains("Not");
      var keys = op.getValue().fields();
      while (keys.hasNext()) {
        JsonNode values = keys.next().getValue();
        boolean hit = like ? any(values, principal, false) : anyEqual(values, principal);
        if (hit == negated) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean anyEqual(JsonNode values, String value) {
    for (JsonNode v : values.isArray() ? values : JSON.createArrayNode().add(values)) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any pattern (a string or an array) matches; * and ? are wildcards. */
  private static boolean any(JsonNode patterns, String value, boolean ignoreCase) {
    for (JsonNode p : patterns.isArray() ? patterns : JSON.createArrayNode().add(patterns)) {
      StringBuilder regex = new StringBuilder();
      for (String part : p.asText().split("(?<=[*?])|(?=[*?])")) {
        regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
      }
      int flags = ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
      if (Pattern.compile(regex.toString(), flags | Pattern.DOTALL).matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }
}
