package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * EventBridge's event-pattern matching, as documented [doc: EventBridge, "Event patterns",
 * https://www.alibabacloud.com/help/en/doc-detail/181432.htm]: a pattern has the nested
 * structure of the events it matches; each field's value is an array whose entries are
 * alternatives (exact values, including "" and null, or one operator: prefix, suffix, contains,
 * anything-but with a value, a list or a prefix/suffix, numeric ranges, an IPv4 cidr, exists);
 * all fields must match; an event field that is an array matches when one of its items does.
 * Matching is case-sensitive. doctor evaluates a rule's whole pattern against samples of the
 * events the guard handles with it. Pure: no I/O.
 */
public final class EventPatternMatch {
  static final Set<String> OPERATORS = Set.of("prefix", "suffix", "contains", "anything-but", "numeric", "cidr", "exists");
  private static final Set<String> COMPARATORS = Set.of("<", "<=", "=", ">", ">=");

  private EventPatternMatch() {}

  /** Whether the event matches the pattern. @throws IllegalArgumentException on a pattern EventBridge refuses */
  public static boolean matches(JsonNode pattern, JsonNode event) {
    return mismatch(pattern, event).isEmpty();
  }

  /**
   * The first field (dotted path) the event fails, or empty when it matches.
   *
   * @throws IllegalArgumentException on a pattern EventBridge refuses (see {@link #validate})
   */
  public static Optional<String> mismatch(JsonNode pattern, JsonNode event) {
    validate(pattern);
    return object(pattern, event, "");
  }

  /** Refuses what is not a pattern: not an object, a bare value, an empty list, an unknown or malformed operator. */
  public static void validate(JsonNode pattern) {
    if (pattern == null || !pattern.isObject()) {
      throw new IllegalArgumentException("an event pattern is a JSON object");
    }
    validateObject(pattern, "");
  }

  private static void validateObject(JsonNode pattern, String at) {
    Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String path = at + f.getKey();
      JsonNode v = f.getValue();
      if (v.isObject()) {
        validateObject(v, path + ".");
      } else if (!v.isArray() || v.size() == 0) {
        throw new IllegalArgumentException(path + ": a field's values are a non-empty array");
      } else {
        for (JsonNode e : v) {
          if (e.isObject()) {
            validateOperator(e, path);
          } else if (e.isArray()) {
            throw new IllegalArgumentException(path + ": a value cannot be an array");
          }
        }
      }
    }
  }

  private static void validateOperator(JsonNode op, String path) {
    if (op.size() != 1) {
      throw new IllegalArgumentException(path + ": one operator per entry");
    }
    String name = op.fieldNames().next();
    JsonNode arg = op.get(name);
    boolean ok;
    switch (name) {
      case "prefix":
      case "suffix":
      case "contains":
        ok = arg.isTextual();
        break;
      case "anything-but":
        ok = arg.isTextual() || arg.isNumber() || (arg.isArray() && arg.size() > 0 && allScalars(arg))
            || (arg.isObject() && arg.size() == 1 && (arg.has("prefix") || arg.has("suffix"))
                && arg.elements().next().isTextual());
        break;
      case "numeric":
        ok = numeric(arg);
        break;
      case "cidr":
        ok = arg.isTextual() && cidr(arg.asText()) != null;
        break;
      case "exists":
        ok = arg.isBoolean();
        break;
      default:
        throw new IllegalArgumentException(path + ": " + name + " is not an operator EventBridge documents " + OPERATORS);
    }
    if (!ok) {
      throw new IllegalArgumentException(path + ": malformed " + name);
    }
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.isTextual() && !n.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static boolean numeric(JsonNode arg) {
    if (!arg.isArray() || (arg.size() != 2 && arg.size() != 4)) {
      return false;
    }
    for (int i = 0; i < arg.size(); i += 2) {
      if (!arg.get(i).isTextual() || !COMPARATORS.contains(arg.get(i).asText()) || !arg.get(i + 1).isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> object(JsonNode pattern, JsonNode event, String at) {
    Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String path = at + f.getKey();
      JsonNode value = event.isObject() && event.has(f.getKey()) ? event.get(f.getKey()) : MissingNode.getInstance();
      if (f.getValue().isObject()) {
        Optional<String> inner = object(f.getValue(), value, path + ".");
        if (inner.isPresent()) {
          return inner;
        }
      } else if (!anyEntry(f.getValue(), value)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private static boolean anyEntry(JsonNode entries, JsonNode value) {
    for (JsonNode e : entries) {
      if (e.isObject() && e.has("exists")) {
        if (e.get("exists").asBoolean() != !value.isMissingNode()) {
          continue;
        }
        return true;
      }
      if (value.isMissingNode()) {
        continue;
      }
      if (value.isArray()) {
        for (JsonNode item : value) {
          if (entry(e, item)) {
            return true;
          }
        }
      } else if (entry(e, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean entry(JsonNode e, JsonNode v) {
    if (!e.isObject()) {
      return same(e, v);
    }
    String name = e.fieldNames().next();
    JsonNode arg = e.get(name);
    String text = v.isTextual() ? v.asText() : null;
    switch (name) {
      case "prefix":
        return text != null && text.startsWith(arg.asText());
      case "suffix":
        return text != null && text.endsWith(arg.asText());
      case "contains":
        return text != null && text.contains(arg.asText());
      case "anything-but":
        return anythingBut(arg, v);
      case "numeric":
        return v.isNumber() && inRange(arg, v.asDouble());
      case "cidr":
        return text != null && inCidr(arg.asText(), text);
      default:
        return false;
    }
  }

  private static boolean same(JsonNode p, JsonNode v) {
    if (p.isNumber() && v.isNumber()) {
      return p.decimalValue().compareTo(v.decimalValue()) == 0;
    }
    return p.getNodeType() == v.getNodeType() && p.equals(v);
  }

  private static boolean anythingBut(JsonNode arg, JsonNode v) {
    if (!v.isTextual() && !v.isNumber()) {
      return false;
    }
    if (arg.isObject()) {
      String text = v.asText();
      return v.isTextual() && (arg.has("prefix") ? !text.startsWith(arg.get("prefix").asText()) : !text.endsWith(arg.get("suffix").asText()));
    }
    for (JsonNode excluded : arg.isArray() ? arg : java.util.List.of(arg)) {
      if (same(excluded, v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean inRange(JsonNode arg, double x) {
    for (int i = 0; i < arg.size(); i += 2) {
      double bound = arg.get(i + 1).asDouble();
      boolean ok;
      switch (arg.get(i).asText()) {
        case "<":
          ok = x < bound;
          break;
        case "<=":
          ok = x <= bound;
          break;
        case "=":
          ok = x == bound;
          break;
        case ">":
          ok = x > bound;
          break;
        default:
          ok = x >= bound;
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {address, mask} of an IPv4 CIDR, or null. */
  private static long[] cidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    long ip = ipv4(s.substring(0, slash));
    int bits;
    try {
      bits = Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (ip < 0 || bits < 0 || bits > 32) {
      return null;
    }
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return new long[] {ip & mask, mask};
  }

  private static boolean inCidr(String block, String address) {
    long[] c = cidr(block);
    long ip = ipv4(address);
    return c != null && ip >= 0 && (ip & c[1]) == c[0];
  }

  /** An IPv4 address as a number, or -1. */
  private static long ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long out = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int n = Integer.parseInt(p);
      if (n > 255) {
        return -1;
      }
      out = (out << 8) | n;
    }
    return out;
  }
}
