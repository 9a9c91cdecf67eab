package io.github.sparkroleguard.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Canonical form of RAM policy documents, so that two documents meaning the same thing compare
 * equal: key order, whitespace, a string versus a one-element array, the order of actions,
 * resources, principals and statements carry no meaning in RAM's policy language.
 */
public final class PolicyDocuments {
  /** RAM's limit on a policy document, in bytes. */
  public static final int MAX_DOCUMENT_BYTES = 6144;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> SET_VALUED =
      Set.of("Action", "NotAction", "Resource", "NotResource", "Service", "RAM", "Federated");

  /** Enough for every pinned document and the live ones of a scan's concurrent reads. */
  private static final Memo<String> CANONICAL = new Memo<>(512);

  private PolicyDocuments() {}

  /** Parses a document, failing with a message that says what is wrong (never a stack trace). */
  public static JsonNode parse(String document) {
    if (document == null || document.isBlank()) {
      throw new PolicyFormatException("policy document is empty");
    }
    JsonNode tree;
    try {
      tree = Json.parse(document);
    } catch (JsonProcessingException e) {
      throw new PolicyFormatException("policy document is not valid JSON: " + e.getOriginalMessage());
    }
    if (!tree.isObject()) {
      throw new PolicyFormatException("policy document must be a JSON object");
    }
    if (!tree.has("Statement")) {
      throw new PolicyFormatException("policy document has no Statement");
    }
    return tree;
  }

  /**
   * The canonical compact JSON of a document; equal strings mean equivalent documents. Worked
   * out once per distinct text (see {@link Memo}).
   */
  public static String canonical(String document) {
    if (document == null) {
      return Json.write(canonicalTree(parse(null)));
    }
    return CANONICAL.get(document, d -> Json.write(canonicalTree(parse(d))));
  }

  /** Compact JSON, as written back to RAM (insignificant whitespace removed, order kept). */
  public static String compact(String document) {
    return Json.write(parse(document));
  }

  /** True when both documents parse and have the same canonical form. */
  public static boolean equivalent(String a, String b) {
    return canonical(a).equals(canonical(b));
  }

  /** Like {@link #equivalent}, but null or a document that does not parse matches nothing. */
  public static boolean matches(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    try {
      return equivalent(a, b);
    } catch (PolicyFormatException e) {
      return false;
    }
  }

  static JsonNode canonicalTree(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (Statement.noCondition(field.getKey(), field.getValue())) {
          continue; // "Condition": {} is no condition (RAM's grammar allows the empty map)
        }
        sorted.put(field.getKey(), canonicalField(field.getKey(), field.getValue()));
      }
      ObjectNode out = NODES.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(element -> out.add(canonicalTree(element)));
      return out;
    }
    return node;
  }

  private static JsonNode canonicalField(String key, JsonNode value) {
    if ("Version".equals(key) && value.isNumber()) {
      return NODES.textNode(value.asText());
    }
    if ("Statement".equals(key)) {
      return sortedArray(value.isArray() ? value : NODES.arrayNode().add(value), true);
    }
    if ("Condition".equals(key) && value.isObject()) {
      return canonicalCondition(value);
    }
    if (SET_VALUED.contains(key)) {
      return sortedArray(value.isArray() ? value : NODES.arrayNode().add(value), false);
    }
    return canonicalTree(value);
  }

  /** Condition: {"Operator": {"key": value-or-values}}; the values are a set. */
  private static JsonNode canonicalCondition(JsonNode condition) {
    ObjectNode out = NODES.objectNode();
    Map<String, JsonNode> operators = new TreeMap<>();
    condition.fields().forEachRemaining(op -> {
      if (!op.getValue().isObject()) {
        operators.put(op.getKey(), canonicalTree(op.getValue()));
        return;
      }
      Map<String, JsonNode> keys = new TreeMap<>();
      op.getValue().fields().forEachRemaining(k -> keys.put(k.getKey(),
          sortedArray(k.getValue().isArray() ? k.getValue() : NODES.arrayNode().add(k.getValue()), false)));
      ObjectNode keyNode = NODES.objectNode();
      keys.forEach(keyNode::set);
      operators.put(op.getKey(), keyNode);
    });
    operators.forEach(out::set);
    return out;
  }

  private static ArrayNode sortedArray(JsonNode array, boolean recurse) {
    Map<String, JsonNode> byText = new TreeMap<>(); // sorted by, and unique in, their JSON text
    for (JsonNode element : array) {
      JsonNode canonical = recurse ? canonicalTree(element) : element;
      byText.putIfAbsent(Json.write(canonical), canonical);
    }
    ArrayNode out = NODES.arrayNode();
    byText.values().forEach(out::add);
    return out;
  }
}
