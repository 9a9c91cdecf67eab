package io.github.sparkroleguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed RAM permission or trust policy. Malformed documents fail with a message naming the
 * path ({@code Statement[2].Effect: must be Allow or Deny}), never with a stack trace.
 */
public final class Policy {
  private static final Set<String> STATEMENT_KEYS = Set.of("Effect", "Action", "NotAction", "Resource", "NotResource",
      "Condition", "Principal", "Sid");
  private static final Set<String> PRINCIPAL_TYPES = Set.of("Service", "RAM", "Federated");

  private final List<Statement> statements;

  private static final Memo<Policy> PARSED = new Memo<>(512);

  private Policy(List<Statement> statements) {
    this.statements = List.copyOf(statements);
  }

  public List<Statement> statements() {
    return statements;
  }

  /** The policy a document states; parsed once per distinct text (see {@link Memo}). */
  public static Policy parse(String document) {
    return document == null ? read(null) : PARSED.get(document, Policy::read);
  }

  private static Policy read(String document) {
    JsonNode root = PolicyDocuments.parse(document);
    JsonNode version = root.get("Version");
    if (version != null && !"1".equals(version.asText())) {
      throw new PolicyFormatException("Version: must be \"1\"");
    }
    JsonNode list = root.get("Statement");
    List<JsonNode> items = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(items::add);
    } else if (list.isObject()) {
      items.add(list);
    } else {
      throw new PolicyFormatException("Statement: must be an object or an array of objects");
    }
    List<Statement> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(statement(items.get(i), i));
    }
    return new Policy(out);
  }

  private static Statement statement(JsonNode s, int i) {
    String at = "Statement[" + i + "]";
    if (!s.isObject()) {
      throw new PolicyFormatException(at + ": must be an object");
    }
    s.fieldNames().forEachRemaining(k -> {
      if (!STATEMENT_KEYS.contains(k)) {
        throw new PolicyFormatException(at + "." + k + ": unknown element");
      }
    });
    String effect = s.path("Effect").asText("");
    Statement.Effect e;
    if ("Allow".equals(effect)) {
      e = Statement.Effect.ALLOW;
    } else if ("Deny".equals(effect)) {
      e = Statement.Effect.DENY;
    } else {
      throw new PolicyFormatException(at + ".Effect: must be Allow or Deny");
    }
    boolean notAction = s.has("NotAction");
    if (s.has("Action") == notAction) {
      throw new PolicyFormatException(at + ": needs exactly one of Action and NotAction");
    }
    List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"), at + (notAction ? ".NotAction" : ".Action"));
    boolean notResource = s.has("NotResource");
    if (s.has("Resource") && notResource) {
      throw new PolicyFormatException(at + ": has both Resource and NotResource");
    }
    List<String> resources = s.has("Resource") || notResource
        ? strings(s.get(notResource ? "NotResource" : "Resource"), at + (notResource ? ".NotResource" : ".Resource"))
        : List.of();
    if (resources.isEmpty() && !s.has("Principal")) {
      throw new PolicyFormatException(at + ": needs Resource (or Principal, in a trust policy)");
    }
    Map<String, List<String>> principals = new LinkedHashMap<>();
    if (s.has("Principal")) {
      JsonNode p = s.get("Principal");
      if (!p.isObject()) {
        throw new PolicyFormatException(at + ".Principal: must be an object of Service, RAM or Federated");
      }
      p.fields().forEachRemaining(f -> {
        if (!PRINCIPAL_TYPES.contains(f.getKey())) {
          throw new PolicyFormatException(at + ".Principal." + f.getKey() + ": must be Service, RAM or Federated");
        }
        principals.put(f.getKey(), strings(f.getValue(), at + ".Principal." + f.getKey()));
      });
    }
    JsonNode condition = s.get("Condition");
    if (condition != null && !condition.isObject()) {
      throw new PolicyFormatException(at + ".Condition: must be an object");
    }
    return new Statement(i, e, actions, notAction, resources, notResource, principals,
        Statement.noCondition("Condition", condition) ? null : condition);
  }

  private static List<String> strings(JsonNode n, String at) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else if (n.isArray() && n.size() > 0) {
      for (int i = 0; i < n.size(); i++) {
        if (!n.get(i).isTextual() || n.get(i).asText().isEmpty()) {
          throw new PolicyFormatException(at + "[" + i + "]: must be a non-empty string");
        }
        out.add(n.get(i).asText());
      }
    } else {
      throw new PolicyFormatException(at + ": must be a string or a non-empty array of strings");
    }
    return out;
  }
}
