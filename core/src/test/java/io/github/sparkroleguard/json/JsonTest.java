package io.github.sparkroleguard.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.sparkroleguard.testing.TestJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The streaming reader and writer agree with Jackson's full mapper on every shape the guard sees. */
class JsonTest {
  static final String MIXED = "{\"s\":\"a \\\"quoted\\\" \\u00e9 line\\nbreak\",\"i\":42,\"neg\":-7,\"l\":12345678901,"
      + "\"big\":123456789012345678901234567890,\"d\":1.5,\"e\":-2.5E-8,\"t\":true,\"f\":false,\"n\":null,"
      + "\"a\":[1,\"x\",[],{}],\"o\":{\"nested\":{\"deeper\":[null,{\"k\":\"v\"}]}},\"\":\"empty key\"}";

  @Test
  void write_invisibleCharacters_areEscapedButReadBackExact() throws Exception {
    String name = "admin" + (char) 0x202E + "gnp" + (char) 0x200B + (char) 0x2066 + " 张三";
    String json = Json.write(Json.object().put("name", name));
    assertEquals("{\"name\":\"admin\\u202Egnp\\u200B\\u2066 张三\"}", json);
    assertEquals(name, Json.parse(json).path("name").asText());
  }

  @Test
  void readsWhatTheMapperReads() throws Exception {
    assertEquals(TestJson.MAPPER.readTree(MIXED), Json.parse(MIXED));
  }

  @Test
  void writesWhatTheMapperWrites() throws Exception {
    JsonNode tree = TestJson.MAPPER.readTree(MIXED);
    assertEquals(TestJson.MAPPER.writeValueAsString(tree), Json.write(tree));
    assertEquals(TestJson.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree),
        Json.pretty(tree));
  }

  @Test
  void roundTripsEverySampleEventAndPolicyDocument() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> events = Files.list(Path.of("events"));
        Stream<Path> reference = Files.walk(Path.of("core/src/test/resources"))) {
      events.forEach(files::add);
      reference.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("hostile")).forEach(files::add);
    }
    assertTrue(files.size() > 30, "found " + files.size() + " files");
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      JsonNode expected = TestJson.MAPPER.readTree(bytes);
      assertEquals(expected, Json.parse(bytes), f.toString());
      assertEquals(TestJson.MAPPER.writeValueAsString(expected), Json.write(Json.parse(bytes)), f.toString());
    }
  }

  @Test
  void emptyInputIsMissingAndTrailingDataIsAnError() throws Exception {
    assertTrue(Json.parse("").isMissingNode());
    assertTrue(Json.parse("  \n ").isMissingNode());
    JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.parse("{\"a\":1} {\"b\":2}"));
    assertTrue(e.getOriginalMessage().contains("Trailing token"), e.getOriginalMessage());
    assertThrows(JsonProcessingException.class, () -> Json.parse("{\"a\":1}]"));
    assertThrows(JsonProcessingException.class, () -> Json.parse("{\"a\":"));
    assertThrows(JsonProcessingException.class, () -> Json.parse("{'a':1}"));
    // text is never re-guessed as UTF-16/32 from leading NULs: it is simply not JSON
    assertThrows(JsonProcessingException.class, () -> Json.parse("\u0000\u0000\u0000{}"));
  }

  @Test
  void honoursTheFactorysNestingLimit() throws Exception {
    JsonFactory shallow = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3).build()).build();
    byte[] three = "[[[1]]]".getBytes(StandardCharsets.UTF_8);
    byte[] four = "[[[[1]]]]".getBytes(StandardCharsets.UTF_8);
    assertEquals(Json.parse(three), Json.parse(shallow, three));
    assertThrows(JsonProcessingException.class, () -> Json.parse(shallow, four));
  }

  @Test
  void laterDuplicateKeysWinAsWithTheMapper() throws Exception {
    String dup = "{\"Effect\":\"Deny\",\"Effect\":\"Allow\"}";
    assertEquals(TestJson.MAPPER.readTree(dup), Json.parse(dup));
    assertEquals("Allow", Json.parse(dup).path("Effect").asText());
  }

  @Test
  void convertsPlainJavaValues() throws Exception {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("s", "x");
    m.put(7, List.of(1, 2L, 1.5, 2.5f, true));
    m.put("n", null);
    m.put("big", new BigInteger("123456789012345678901234567890"));
    m.put("dec", new BigDecimal("0.10"));
    m.put("nested", Map.of("k", List.of()));
    assertEquals("{\"s\":\"x\",\"7\":[1,2,1.5,2.5,true],\"n\":null,\"big\":123456789012345678901234567890,"
        + "\"dec\":0.10,\"nested\":{\"k\":[]}}", Json.write(Json.fromJava(m)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Json.fromJava(Map.of("roles", List.of(Map.of("name", "a"), Map.of("when", new java.util.Date(0))))));
    assertEquals("roles[1].when: unsupported value of type Date", e.getMessage());
    assertEquals("unsupported value of type Object", assertThrows(IllegalArgumentException.class,
        () -> Json.fromJava(new Object())).getMessage());
  }
}
