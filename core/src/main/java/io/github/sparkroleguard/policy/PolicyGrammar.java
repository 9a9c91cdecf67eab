package io.github.sparkroleguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * RAM's policy grammar, checked before a pinned document is accepted: a document the guard would
 * write back to RAM must be one RAM accepts and means what it says. A typo such as
 * {@code "Effect": "Alow"} is valid JSON; without this check it loads and a restore writes it.
 * Each problem is reported with the JSON path of the offending key
 * ({@code Statement[1].Condition.StringEqual: unknown condition operator ...}).
 *
 * <p>The grammar, from RAM's documentation (https://www.alibabacloud.com/help/en/ram/policy-elements,
 * /help/en/ram/conditional-operator; shared/PLATFORM.md section 4): {@code Version} "1";
 * {@code Statement} an object or a non-empty array of statements; each statement has
 * {@code Effect} Allow or Deny, exactly one of {@code Action}/{@code NotAction} and, in a
 * permission policy, exactly one of {@code Resource}/{@code NotResource}, each a string or a
 * non-empty array of strings; an optional {@code Condition} of known operators; {@code Principal}
 * only in trust policies (there it is required: {@code Service}, {@code RAM} or {@code Federated}).
 * Pure: no I/O.
 */
public final class PolicyGrammar {
  /** Which kind of document: a role's trust policy or a permission policy. */
  public enum Kind {
    PERMISSION,
    TRUST
  }

  /**
   * The Condition operators RAM documents. The string operators are listed verbatim on the
   * conditional-operator page; the number, date-and-time, Boolean and IP-address names are
   * INFERRED from that page's five categories and the common policy language it follows (the
   * stored copy of the page cuts off before those tables). Change them here only.
   */
  static final Set<String> OPERATORS = Set.of(
      "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
      "StringLike", "StringNotLike",
      "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
      "NumericGreaterThan", "NumericGreaterThanEquals",
      "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
      "DateGreaterThanEquals",
      "Bool",
      "IpAddress", "NotIpAddress");

  private static final Set<String> TOP_KEYS = Set.of("Version", "Statement");
  private static final Set<String> STATEMENT_KEYS =
      Set.of("Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal");
  private static final Set<String> PRINCIPAL_KEYS = Set.of("Service", "RAM", "Federated");
  /** Bounds the work on a hostile document (RAM's 6,144-byte limit keeps real ones far below). */
  private static final int MAX_STATEMENTS = 1000;

  private PolicyGrammar() {}

  /** Parses and checks a document; the message of the exception names the JSON path. */
  public static void check(String document, Kind kind) {
    check(PolicyDocuments.parse(document), kind);
  }

  /** Checks a parsed document. */
  public static void check(JsonNode doc, Kind kind) {
    if (!doc.isObject()) {
      throw fail("", "a policy document must be a JSON object");
    }
    unknownKeys(doc, "", TOP_KEYS);
    JsonNode version = doc.get("Version");
    if (version == null) {
      throw fail("Version", "required (RAM policies are version \"1\")");
    }
    if (!version.isTextual() || !version.asText().equals("1")) {
      throw fail("Version", "must be \"1\", not " + shown(version));
    }
    JsonNode statements = doc.get("Statement");
    if (statements == null) {
      throw fail("Statement", "required");
    }
    if (statements.isObject()) {
      statement(statements, "Statement", kind);
      return;
    }
    if (!statements.isArray() || statements.isEmpty()) {
      throw fail("Statement", "must be a statement object or a non-empty array of them");
    }
    if (statements.size() > MAX_STATEMENTS) {
      throw fail("Statement", "more than " + MAX_STATEMENTS + " statements");
    }
    for (int i = 0; i < statements.size(); i++) {
      statement(statements.get(i), "Statement[" + i + "]", kind);
    }
  }

  private static void statement(JsonNode s, String at, Kind kind) {
    if (!s.isObject()) {
      throw fail(at, "a statement must be an object");
    }
    unknownKeys(s, at + ".", STATEMENT_KEYS);
    JsonNode effect = s.get("Effect");
    if (effect == null) {
      throw fail(at + ".Effect", "required (Allow or Deny)");
    }
    if (!effect.isTextual() || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
      throw fail(at + ".Effect", "must be Allow or Deny, not " + shown(effect));
    }
    oneOf(s, at, "Action", "NotAction", true);
    boolean trust = kind == Kind.TRUST;
    oneOf(s, at, "Resource", "NotResource", !trust);
    if (s.has("Principal")) {
      if (!trust) {
        throw fail(at + ".Principal", "only a role's trust policy names a Principal; remove it from this permission policy");
      }
      principal(s.get("Principal"), at + ".Principal");
    } else if (trust) {
      throw fail(at + ".Principal", "required in a trust policy (Service, RAM or Federated)");
    }
    if (s.has("Condition")) {
      condition(s.get("Condition"), at + ".Condition");
    }
  }

  /** Exactly one of the pair (when required; at most one otherwise), each a string or a non-empty array of strings. */
  private static void oneOf(JsonNode s, String at, String a, String notA, boolean required) {
    boolean hasA = s.has(a);
    boolean hasNot = s.has(notA);
    if (hasA && hasNot) {
      throw fail(at + "." + notA, "use " + a + " or " + notA + ", not both");
    }
    if (!hasA && !hasNot) {
      if (required) {
        throw fail(at + "." + a, "required (" + a + " or " + notA + ")");
      }
      return;
    }
    String key = hasA ? a : notA;
    strings(s.get(key), at + "." + key);
  }

  private static void strings(JsonNode v, String at) {
    if (v.isTextual()) {
      if (v.asText().isEmpty()) {
        throw fail(at, "must not be empty");
      }
      return;
    }
    if (!v.isArray() || v.isEmpty()) {
      throw fail(at, "must be a string or a non-empty array of strings, not " + shown(v));
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual() || v.get(i).asText().isEmpty()) {
        throw fail(at + "[" + i + "]", "must be a non-empty string, not " + shown(v.get(i)));
      }
    }
  }

  private static void principal(JsonNode p, String at) {
    if (!p.isObject() || p.isEmpty()) {
      throw fail(at, "must be an object with Service, RAM or Federated");
    }
    unknownKeys(p, at + ".", PRINCIPAL_KEYS);
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      strings(e.getValue(), at + "." + e.getKey());
    }
  }

  /** An object of operators; RAM's grammar lets it be empty ({@code "Condition": {}}, no condition). */
  private static void condition(JsonNode c, String at) {
    if (!c.isObject()) {
      throw fail(at, "must be an object of operators, such as {\"StringEquals\": {\"acs:SourceIp\": [\"...\"]}}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      String opAt = at + "." + op.getKey();
      if (!OPERATORS.contains(op.getKey())) {
        throw fail(opAt, "unknown condition operator (known: " + String.join(", ", new java.util.TreeSet<>(OPERATORS)) + ")");
      }
      JsonNode keys = op.getValue();
      if (!keys.isObject() || keys.isEmpty()) {
        throw fail(opAt, "must be an object of condition keys and values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> k = keys.fields(); k.hasNext(); ) {
        Map.Entry<String, JsonNode> key = k.next();
        JsonNode v = key.getValue();
        String keyAt = opAt + "." + key.getKey();
        if (v.isArray()) {
          if (v.isEmpty()) {
            throw fail(keyAt, "must have at least one value");
          }
          for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isValueNode() || v.get(i).isNull()) {
              throw fail(keyAt + "[" + i + "]", "must be a string, number or boolean, not " + shown(v.get(i)));
            }
          }
        } else if (!v.isValueNode() || v.isNull()) {
          throw fail(keyAt, "must be a value or an array of values, not " + shown(v));
        }
      }
    }
  }

  private static void unknownKeys(JsonNode n, String prefix, Set<String> allowed) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw fail(prefix + k, "unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  /** A value as the message shows it: short, and never more than 40 characters of it. */
  private static String shown(JsonNode v) {
    if (v.isTextual()) {
      String t = v.asText();
      return "\"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    return v.isContainerNode() ? "an " + (v.isArray() ? "array" : "object") : v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static PolicyFormatException fail(String path, String message) {
    return new PolicyFormatException((path.isEmpty() ? "" : path + ": ") + message);
  }
}
