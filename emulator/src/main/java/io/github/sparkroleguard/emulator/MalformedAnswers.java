package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/** Builds the malformed HTTP 200 bodies of {@link Faults.Malformed}; a test hook. */
final class MalformedAnswers {

  private MalformedAnswers() {}

  static byte[] of(Faults.Malformed how, ObjectNode answer, byte[] body) {
    switch (how) {
      case HTML:
        return "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
            .getBytes(StandardCharsets.UTF_8);
      case TRUNCATED:
        return Arrays.copyOf(body, Math.max(1, body.length / 2));
      case MISSING_FIELDS:
        return ("{\"RequestId\":\"" + answer.path("RequestId").asText() + "\"}").getBytes(StandardCharsets.UTF_8);
      case WRONG_TYPES:
        ObjectNode wrong = (ObjectNode) retype(answer);
        wrong.put("RequestId", answer.path("RequestId").asText());
        return wrong.toString().getBytes(StandardCharsets.UTF_8);
      default:
        throw new IllegalStateException(how.name());
    }
  }

  /** Top-level fields: objects and arrays become strings, strings become numbers. */
  private static JsonNode retype(ObjectNode answer) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = answer.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isContainerNode()) {
        out.put(e.getKey(), "not-an-object");
      } else if (v.isTextual()) {
        out.put(e.getKey(), 12345);
      } else {
        out.set(e.getKey(), v);
      }
    }
    return out;
  }
}
