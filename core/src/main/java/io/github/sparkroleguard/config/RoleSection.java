package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.bool;
import static io.github.sparkroleguard.config.YamlFields.checkName;
import static io.github.sparkroleguard.config.YamlFields.integer;
import static io.github.sparkroleguard.config.YamlFields.object;
import static io.github.sparkroleguard.config.YamlFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.policy.PolicyDocuments;
import io.github.sparkroleguard.policy.PolicyFormatException;
import io.github.sparkroleguard.policy.PolicyGrammar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code roles} list: each protected role's baseline, its pinned policies and their
 * documents (inline or from a file), validated and compacted. The default execution role is
 * always protected, with its built-in baseline unless the list overrides it.
 */
final class RoleSection {
  static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9.\\-]{1,64}");
  private static final Pattern RESOURCE_GROUP = Pattern.compile("rg-[A-Za-z0-9]{1,64}");
  private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9\\-]{1,128}");

  private final Path baseDir;
  private final boolean serviceLinkedRole;

  /**
   * @param baseDir what {@code *File} keys are relative to; null: resources in the jar
   * @param serviceLinkedRole the top-level switch: guard the product's service-linked role
   */
  RoleSection(Path baseDir, boolean serviceLinkedRole) {
    this.baseDir = baseDir;
    this.serviceLinkedRole = serviceLinkedRole;
  }

  List<RoleBaseline> parse(JsonNode node, Mode defaultMode) {
    return parse(node, defaultMode, "roles");
  }

  /** @param key where the list is, for error messages ({@code roles}, {@code accounts[2].roles}) */
  List<RoleBaseline> parse(JsonNode node, Mode defaultMode, String key) {
    List<RoleBaseline> roles = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (node != null && !node.isNull()) {
      if (!node.isArray()) {
        throw new ConfigException(key + ": must be a list");
      }
      for (int i = 0; i < node.size(); i++) {
        RoleBaseline role = role(node.get(i), key + "[" + i + "]", defaultMode);
        if (!names.add(role.name().toLowerCase(Locale.ROOT))) {
          throw new ConfigException(key + "[" + i + "].name: role " + role.name() + " is listed twice");
        }
        roles.add(role);
      }
      PinnedDocuments.checkConsistent(roles);
    }
    if (!names.contains(Defaults.DEFAULT_ROLE.toLowerCase(Locale.ROOT))) {
      roles.add(0, Defaults.defaultRole(defaultMode));
    }
    String slr = Defaults.SERVICE_LINKED_ROLE.toLowerCase(Locale.ROOT);
    if (!serviceLinkedRole) {
      roles.removeIf(r -> r.name().toLowerCase(Locale.ROOT).equals(slr));
    } else if (!names.contains(slr)) {
      roles.add(Defaults.serviceLinkedRole(defaultMode));
    }
    return roles;
  }

  private RoleBaseline role(JsonNode node, String at, Mode defaultMode) {
    if (!node.isObject()) {
      throw new ConfigException(at + ": must be a mapping with at least name");
    }
    allowKeys(node, at + ".", "name", "mode", "trustPolicy", "trustPolicyFile", "description",
        "maxSessionDuration", "policies", "detachUnexpected", "workspace");
    String name = text(node, "name", at + ".name");
    checkName(name, ROLE_NAME, at + ".name", "a RAM role name (1-64 letters, digits, '.', '-')");
    if (name.equalsIgnoreCase(Defaults.SERVICE_LINKED_ROLE)) {
      // The service owns its trust and policy: only the mode can be chosen.
      allowKeys(node, at + ".", "name", "mode");
      return Defaults.serviceLinkedRole(node.has("mode") ? Mode.parse(text(node, "mode", at + ".mode"), at + ".mode") : defaultMode);
    }
    boolean isDefault = name.equalsIgnoreCase(Defaults.DEFAULT_ROLE);
    RoleBaseline.Builder b = isDefault ? Defaults.defaultRole(defaultMode).toBuilder() : RoleBaseline.builder(name);
    b.mode(node.has("mode") ? Mode.parse(text(node, "mode", at + ".mode"), at + ".mode") : defaultMode);
    String trust = document(node, "trustPolicy", "trustPolicyFile", at);
    if (trust != null) {
      b.trustPolicy(trust);
    }
    if (node.has("description")) {
      b.description(text(node, "description", at + ".description"));
    }
    b.maxSessionDuration(integer(node, "maxSessionDuration", at + ".maxSessionDuration",
        Defaults.MAX_SESSION_DURATION, 3600, 43200));
    b.detachUnexpected(bool(node, "detachUnexpected", at + ".detachUnexpected", false));
    if (node.has("workspace")) {
      b.workspace(workspace(object(node, "workspace", at + ".workspace"), at + ".workspace"));
    }
    if (node.has("policies")) {
      b.policies(policies(node.get("policies"), at + ".policies"));
    } else if (!isDefault) {
      b.policies(List.of());
    }
    return b.build();
  }

  private static Workspace workspace(JsonNode w, String at) {
    allowKeys(w, at + ".", "ossPath", "dlf", "maxcompute", "kms");
    return Workspace.parse(text(w, "ossPath", at + ".ossPath"), bool(w, "dlf", at + ".dlf", true),
        bool(w, "maxcompute", at + ".maxcompute", false), bool(w, "kms", at + ".kms", false), at + ".ossPath");
  }

  private List<PolicyRef> policies(JsonNode node, String at) {
    if (!node.isArray()) {
      throw new ConfigException(at + ": must be a list");
    }
    List<PolicyRef> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String p = at + "[" + i + "]";
      PolicyRef ref = policy(node.get(i), p);
      if (!keys.add(ref.key())) {
        throw new ConfigException(p + ".name: policy " + ref.name() + " is listed twice");
      }
      out.add(ref);
    }
    return out;
  }

  private PolicyRef policy(JsonNode item, String p) {
    if (!item.isObject()) {
      throw new ConfigException(p + ": must be a mapping with name and type");
    }
    allowKeys(item, p + ".", "name", "type", "document", "documentFile", "description", "resourceGroupId");
    if (item.has("resourceGroupId")) {
      // A grant in one resource group (Resource Management); pinned by name and scope.
      String group = text(item, "resourceGroupId", p + ".resourceGroupId");
      checkName(group, RESOURCE_GROUP, p + ".resourceGroupId", "a resource group id (rg-...)");
      PolicyType t = PolicyType.fromWire(text(item, "type", p + ".type"));
      if (t == null || item.has("document") || item.has("documentFile")) {
        throw new ConfigException(p + ": a resource-group grant is pinned by type (System or Custom), name and resourceGroupId only");
      }
      String name = text(item, "name", p + ".name");
      // The name reaches function-policy's Resource: a wildcard there would grant every policy.
      checkName(name, POLICY_NAME, p + ".name", "a RAM policy name (1-128 letters, digits, '-'; no wildcard)");
      return PolicyRef.scoped(t, name, group);
    }
    String name = text(item, "name", p + ".name");
    checkName(name, POLICY_NAME, p + ".name", "a RAM policy name (1-128 letters, digits, '-')");
    PolicyType type = PolicyType.fromWire(text(item, "type", p + ".type"));
    if (type == null) {
      throw new ConfigException(p + ".type: must be System or Custom");
    }
    if (type == PolicyType.SYSTEM) {
      if (item.has("document") || item.has("documentFile")) {
        throw new ConfigException(p + ": a System policy is pinned by name only (Alibaba Cloud updates its content); remove document");
      }
      return PolicyRef.system(name);
    }
    String doc = document(item, "document", "documentFile", p);
    if (doc == null) {
      throw new ConfigException(p + ": a Custom policy needs document or documentFile");
    }
    return PolicyRef.custom(name, doc, item.has("description") ? text(item, "description", p + ".description") : "");
  }

  /** An inline document (mapping or JSON string) or a file relative to the config; validated. */
  private String document(JsonNode node, String inlineKey, String fileKey, String at) {
    if (node.has(inlineKey) && node.has(fileKey)) {
      throw new ConfigException(at + ": set " + inlineKey + " or " + fileKey + ", not both");
    }
    String doc;
    String key;
    if (node.has(inlineKey)) {
      key = at + "." + inlineKey;
      JsonNode v = node.get(inlineKey);
      doc = v.isTextual() ? v.asText() : Json.write(v);
    } else if (node.has(fileKey)) {
      key = at + "." + fileKey;
      doc = ConfigSource.readRelative(baseDir, text(node, fileKey, key), key);
    } else {
      return null;
    }
    try {
      String compact = PolicyDocuments.compact(doc);
      if (compact.getBytes(StandardCharsets.UTF_8).length > PolicyDocuments.MAX_DOCUMENT_BYTES) {
        throw new ConfigException(key + ": document is larger than RAM's limit of "
            + PolicyDocuments.MAX_DOCUMENT_BYTES + " bytes");
      }
      // RAM's grammar, not only JSON: a restore would write this document back to RAM.
      PolicyGrammar.check(compact, inlineKey.equals("trustPolicy") ? PolicyGrammar.Kind.TRUST : PolicyGrammar.Kind.PERMISSION);
      return compact;
    } catch (PolicyFormatException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }
}
