package io.github.sparkroleguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code ${env:NAME}} works in every string value of the configuration file (endpoints, names,
 * inline documents), not only in alert URLs: the tree is resolved once, before any section reads
 * it. A {@code secret} is left for {@link Secrets#secret}, which also insists that it is a
 * reference and not an inline value. Files named by {@code *File} keys are read as they are.
 * An unset variable is an error naming the key and the variable, never a value.
 */
final class EnvRefs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private EnvRefs() {}

  static JsonNode resolve(JsonNode node, Secrets secrets) {
    return resolve(node, "", secrets);
  }

  private static JsonNode resolve(JsonNode node, String at, Secrets secrets) {
    if (node.isTextual()) {
      String text = node.asText();
      return text.contains("${env:") ? NODES.textNode(secrets.resolve(text, at)) : node;
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
        out.set(e.getKey(), e.getKey().equals("secret") ? e.getValue() : resolve(e.getValue(), key, secrets));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        out.add(resolve(node.get(i), at + "[" + i + "]", secrets));
      }
      return out;
    }
    return node;
  }
}
