package io.github.sparkroleguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reading typed values out of the parsed configuration (a {@link JsonNode}), each failure a
 * {@link ConfigException} naming the key. No YAML library here: {@link YamlParser} turns the text
 * into the tree, so that the configuration model needs only Jackson.
 */
final class YamlFields {
  private YamlFields() {}

  static void allowKeys(JsonNode node, String prefix, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!ok.contains(k)) {
        throw new ConfigException(prefix + k + ": unknown key (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  static JsonNode object(JsonNode root, String field, String key) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!n.isObject()) {
      throw new ConfigException(key + ": must be a mapping");
    }
    return n;
  }

  static String text(JsonNode node, String field, String key) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      throw new ConfigException(key + ": is required");
    }
    if (!n.isValueNode() || n.asText().isBlank()) {
      throw new ConfigException(key + ": must be a non-empty string");
    }
    return n.asText();
  }

  static String optText(JsonNode node, String field, String key, String fallback) {
    return node.has(field) ? text(node, field, key) : fallback;
  }

  /**
   * A text value (a YAML string, not a number or a date), trimmed and possibly empty; the fallback
   * when absent. Unlike {@link #optText}, which takes any scalar as text and refuses a blank one.
   */
  static String plainText(JsonNode node, String field, String key, String fallback) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isTextual()) {
      throw new ConfigException(key + ": must be text");
    }
    return n.asText().trim();
  }

  static boolean bool(JsonNode node, String field, String key, boolean fallback) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw new ConfigException(key + ": must be true or false");
    }
    return n.asBoolean();
  }

  static int integer(JsonNode node, String field, String key, int fallback, int min, int max) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isInt() || n.asInt() < min || n.asInt() > max) {
      throw new ConfigException(key + ": must be a whole number from " + min + " to " + max);
    }
    return n.asInt();
  }

  static void checkName(String value, Pattern pattern, String key, String what) {
    if (!pattern.matcher(value).matches()) {
      throw new ConfigException(key + ": must be " + what);
    }
  }
}
