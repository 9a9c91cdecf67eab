package io.github.sparkroleguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Condition operators the evaluator decides, with RAM's documented rules
 * (https://www.alibabacloud.com/help/en/ram/conditional-operator): StringEquals / StringNotEquals
 * and StringLike / StringNotLike are case-sensitive, the IgnoreCase pair is not; Like takes
 * {@code *} and {@code ?}. Within a Condition block operators and keys combine with AND, the
 * values of one key with OR (https://www.alibabacloud.com/help/doc-detail/93739.htm); a negated
 * operator holds when the value matches none of them. Anything else (another operator, a key the
 * request context lacks, a value that is not a string) is UNKNOWN: the statement stays conditional.
 */
final class Conditions {
  /** A condition's outcome for one request. */
  enum Outcome {
    MATCH,
    NO_MATCH,
    UNKNOWN
  }

  /** The string operators, as RAM's documentation names and defines them. */
  private enum Operator {
    STRING_EQUALS("StringEquals", false, false, false),
    STRING_NOT_EQUALS("StringNotEquals", true, false, false),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, false, true),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, false, true),
    STRING_LIKE("StringLike", false, true, false),
    STRING_NOT_LIKE("StringNotLike", true, true, false);

    final String wireName;
    final boolean negated;
    final boolean like;
    final boolean ignoreCase;

    Operator(String wireName, boolean negated, boolean like, boolean ignoreCase) {
      this.wireName = wireName;
      this.negated = negated;
      this.like = like;
      this.ignoreCase = ignoreCase;
    }

    static Operator named(String name) {
      for (Operator o : values()) {
        if (o.wireName.equals(name)) {
          return o;
        }
      }
      return null;
    }
  }

  private Conditions() {}

  static Outcome evaluate(JsonNode condition, RequestContext context) {
    boolean unknown = false;
    Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
    while (operators.hasNext()) {
      Map.Entry<String, JsonNode> op = operators.next();
      if (!op.getValue().isObject()) {
        unknown = true;
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
      while (keys.hasNext()) {
        Map.Entry<String, JsonNode> key = keys.next();
        Outcome o = one(op.getKey(), context.value(key.getKey()), key.getValue());
        if (o == Outcome.NO_MATCH) {
          return Outcome.NO_MATCH; // AND: one false part decides, whatever else is unknown
        }
        unknown |= o == Outcome.UNKNOWN;
      }
    }
    return unknown ? Outcome.UNKNOWN : Outcome.MATCH;
  }

  private static Outcome one(String operator, Optional<String> actual, JsonNode wanted) {
    Optional<List<String>> values = strings(wanted);
    if (actual.isEmpty() || values.isEmpty()) {
      return Outcome.UNKNOWN;
    }
    Operator op = Operator.named(operator);
    if (op == null) {
      return Outcome.UNKNOWN;
    }
    String v = actual.get();
    boolean any = false;
    for (String w : values.get()) {
      boolean hit = op.like ? Wildcard.matches(w, v, op.ignoreCase) : (op.ignoreCase ? w.equalsIgnoreCase(v) : w.equals(v));
      if (hit) {
        any = true;
        break;
      }
    }
    return any != op.negated ? Outcome.MATCH : Outcome.NO_MATCH;
  }

  /** A string or a non-empty array of strings; anything else is not decided here. */
  private static Optional<List<String>> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else if (n.isArray() && n.size() > 0) {
      for (JsonNode x : n) {
        if (!x.isTextual()) {
          return Optional.empty();
        }
        out.add(x.asText());
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(out);
  }
}
