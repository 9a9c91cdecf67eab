package io.github.sparkroleguard.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees read and written with Jackson's streaming layer only. Jackson's {@code ObjectMapper}
 * costs a fresh JVM about 150 ms on its first use (bench/coldstart.sh); the guard needs nothing of
 * it but trees, so it never builds one. Never call {@code toString()} on a node on the guard's
 * path: Jackson implements it with an internal mapper; use {@link #write}.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new InvisibleEscapes());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * One JSON value, with nothing but whitespace after it. An empty input is a missing node.
   *
   * @throws IOException a {@link com.fasterxml.jackson.core.JsonProcessingException} when the
   *     text is not JSON; also when the bytes are in no encoding JSON allows
   */
  public static JsonNode parse(byte[] json) throws IOException {
    return parse(FACTORY, json);
  }

  /** As {@link #parse(byte[])}, with the factory's limits (nesting depth, sizes). */
  public static JsonNode parse(JsonFactory factory, byte[] json) throws IOException {
    try (JsonParser p = factory.createParser(json)) {
      return parse(p);
    }
  }

  /** Text is already decoded, so the only failure is text that is not JSON. */
  public static JsonNode parse(String json) throws JsonProcessingException {
    try (JsonParser p = FACTORY.createParser(json)) {
      return parse(p);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does not fail
    }
  }

  private static JsonNode parse(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      return NODES.missingNode();
    }
    JsonNode value = value(p, first);
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      throw new JsonParseException(p, "Trailing token (" + trailing + ") found after value");
    }
    return value;
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        ObjectNode o = NODES.objectNode();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        return o;
      case START_ARRAY:
        ArrayNode a = NODES.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(value(p, e));
        }
        return a;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(p, "Unexpected token (" + t + ")");
    }
  }

  /** Compact JSON, as Jackson's {@code ObjectMapper} would write it. */
  public static String write(JsonNode node) {
    return write(node, false);
  }

  /** Indented JSON, as Jackson's {@code ObjectMapper} with {@code INDENT_OUTPUT} would write it. */
  public static String pretty(JsonNode node) {
    return write(node, true);
  }

  private static String write(JsonNode node, boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      write(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.getNodeType()) {
      case OBJECT:
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          g.writeFieldName(e.getKey());
          write(g, e.getValue());
        }
        g.writeEndObject();
        break;
      case ARRAY:
        g.writeStartArray();
        for (JsonNode e : n) {
          write(g, e);
        }
        g.writeEndArray();
        break;
      case STRING:
        g.writeString(n.textValue());
        break;
      case NUMBER:
        writeNumber(g, n);
        break;
      case BOOLEAN:
        g.writeBoolean(n.booleanValue());
        break;
      case NULL:
        g.writeNull();
        break;
      default:
        throw new IllegalArgumentException("cannot write a " + n.getNodeType() + " node as JSON");
    }
  }

  private static void writeNumber(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.numberType()) {
      case INT:
        g.writeNumber(n.intValue());
        break;
      case LONG:
        g.writeNumber(n.longValue());
        break;
      case BIG_INTEGER:
        g.writeNumber(n.bigIntegerValue());
        break;
      case FLOAT:
        g.writeNumber(n.floatValue());
        break;
      case BIG_DECIMAL:
        g.writeNumber(n.decimalValue());
        break;
      default:
        g.writeNumber(n.doubleValue());
    }
  }

  /**
   * A tree of plain Java values: maps (keys as text), lists and other iterables, strings,
   * booleans, numbers and null.
   *
   * @throws IllegalArgumentException for any other type, naming where it is ({@code a.b[0]})
   */
  public static JsonNode fromJava(Object v) {
    return fromJava(v, "");
  }

  private static JsonNode fromJava(Object v, String at) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof String) {
      return NODES.textNode((String) v);
    }
    if (v instanceof Boolean) {
      return NODES.booleanNode((Boolean) v);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).intValue());
    }
    if (v instanceof Long) {
      return NODES.numberNode((Long) v);
    }
    if (v instanceof BigInteger) {
      return NODES.numberNode((BigInteger) v);
    }
    if (v instanceof BigDecimal) {
      return NODES.numberNode((BigDecimal) v);
    }
    if (v instanceof Double || v instanceof Float) {
      return NODES.numberNode(((Number) v).doubleValue());
    }
    if (v instanceof Map) {
      ObjectNode o = NODES.objectNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        String key = String.valueOf(e.getKey());
        o.set(key, fromJava(e.getValue(), at.isEmpty() ? key : at + "." + key));
      }
      return o;
    }
    if (v instanceof Iterable) {
      ArrayNode a = NODES.arrayNode();
      for (Object e : (Iterable<?>) v) {
        a.add(fromJava(e, at + "[" + a.size() + "]"));
      }
      return a;
    }
    throw new IllegalArgumentException((at.isEmpty() ? "" : at + ": ") + "unsupported value of type "
        + v.getClass().getSimpleName());
  }
}
