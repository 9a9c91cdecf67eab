package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sparkroleguard.json.Json;
import org.junit.jupiter.api.Test;

/**
 * EventBridge's event-pattern semantics, as documented (EventBridge, "Event patterns"): a
 * pattern has the event's nested structure; a field's values are an array, any of which may
 * match; keys must all match. Table-driven: pattern, event, expected.
 */
class EventPatternMatchTest {
  static final String EVENT = "{\"source\":\"acs.ram\",\"type\":\"ram:ActionTrail:ApiCall\",\"data\":{\"eventName\":\"DeleteRole\","
      + "\"errorCode\":\"\",\"eventVersion\":1,\"sourceIpAddress\":\"10.0.0.17\",\"isGlobal\":true,\"nothing\":null,"
      + "\"requestParameters\":{\"RoleName\":\"AliyunEMRSparkJobRunDefaultRole\"},\"tags\":[\"a\",\"b\"],"
      + "\"userIdentity\":{\"type\":\"ram-user\"}}}";

  static final String[][] TABLE = {
      {"{}", "true"},
      {"{\"source\":[\"acs.ram\"]}", "true"},
      {"{\"source\":[\"acs.oss\"]}", "false"},
      {"{\"source\":[\"acs.oss\",\"acs.ram\"]}", "true"},
      {"{\"source\":[\"ACS.RAM\"]}", "false"},
      {"{\"type\":[{\"prefix\":\"ram:ActionTrail:\"}]}", "true"},
      {"{\"type\":[{\"prefix\":\"oss:\"}]}", "false"},
      {"{\"type\":[{\"suffix\":\":ApiCall\"}]}", "true"},
      {"{\"type\":[{\"suffix\":\":ConsoleOperation\"}]}", "false"},
      {"{\"type\":[{\"contains\":\"Trail\"}]}", "true"},
      {"{\"type\":[{\"contains\":\"trail\"}]}", "false"},
      {"{\"data\":{\"eventName\":[{\"anything-but\":\"GetRole\"}]}}", "true"},
      {"{\"data\":{\"eventName\":[{\"anything-but\":\"DeleteRole\"}]}}", "false"},
      {"{\"data\":{\"eventName\":[{\"anything-but\":[\"GetRole\",\"DeleteRole\"]}]}}", "false"},
      {"{\"data\":{\"eventName\":[{\"anything-but\":{\"prefix\":\"Get\"}}]}}", "true"},
      {"{\"data\":{\"eventName\":[{\"anything-but\":{\"prefix\":\"Delete\"}}]}}", "false"},
      {"{\"data\":{\"eventName\":[{\"anything-but\":{\"suffix\":\"Role\"}}]}}", "false"},
      {"{\"data\":{\"missing\":[{\"anything-but\":\"x\"}]}}", "false"},
      {"{\"data\":{\"eventVersion\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}", "true"},
      {"{\"data\":{\"eventVersion\":[{\"numeric\":[\">\",1]}]}}", "false"},
      {"{\"data\":{\"eventVersion\":[{\"numeric\":[\"=\",1]}]}}", "true"},
      {"{\"data\":{\"eventVersion\":[1]}}", "true"},
      {"{\"data\":{\"eventVersion\":[2]}}", "false"},
      {"{\"data\":{\"eventName\":[{\"numeric\":[\">\",0]}]}}", "false"},
      {"{\"data\":{\"sourceIpAddress\":[{\"cidr\":\"10.0.0.0/24\"}]}}", "true"},
      {"{\"data\":{\"sourceIpAddress\":[{\"cidr\":\"10.0.1.0/24\"}]}}", "false"},
      {"{\"data\":{\"sourceIpAddress\":[{\"cidr\":\"0.0.0.0/0\"}]}}", "true"},
      {"{\"data\":{\"errorCode\":[{\"exists\":true}]}}", "true"},
      {"{\"data\":{\"errorCode\":[{\"exists\":false}]}}", "false"},
      {"{\"data\":{\"missing\":[{\"exists\":false}]}}", "true"},
      {"{\"data\":{\"missing\":[{\"exists\":true}]}}", "false"},
      {"{\"data\":{\"errorCode\":[\"\"]}}", "true"},
      {"{\"data\":{\"nothing\":[null]}}", "true"},
      {"{\"data\":{\"errorCode\":[null]}}", "false"},
      {"{\"data\":{\"isGlobal\":[true]}}", "true"},
      {"{\"data\":{\"isGlobal\":[false]}}", "false"},
      {"{\"data\":{\"tags\":[\"b\"]}}", "true"},
      {"{\"data\":{\"tags\":[\"c\"]}}", "false"},
      {"{\"data\":{\"requestParameters\":{\"RoleName\":[\"AliyunEMRSparkJobRunDefaultRole\"]}}}", "true"},
      {"{\"data\":{\"requestParameters\":{\"RoleName\":[\"other\"]}}}", "false"},
      {"{\"data\":{\"requestParameters\":{\"PolicyName\":[{\"prefix\":\"\"}]}}}", "false"},
      {"{\"data\":{\"userIdentity\":{\"type\":[\"ram-user\",\"assumed-role\"]}}}", "true"},
      {"{\"data\":{\"eventName\":[\"DeleteRole\"],\"userIdentity\":{\"type\":[\"root-account\"]}}}", "false"},
      {"{\"data\":{\"eventName\":[\"DeleteRole\"]},\"source\":[\"acs.oss\"]}", "false"},
      {"{\"data\":{\"eventName\":[\"deleterole\"]}}", "false"},
      {"{\"nope\":{\"deeper\":[{\"exists\":false}]}}", "true"},
      {"{\"data\":{\"eventName\":{\"deeper\":[\"x\"]}}}", "false"},
  };

  @Test
  void matches_documentedSemantics() throws Exception {
    for (String[] row : TABLE) {
      assertEquals(Boolean.parseBoolean(row[1]), EventPatternMatch.matches(Json.parse(row[0]), Json.parse(EVENT)), row[0]);
    }
  }

  @Test
  void mismatch_namesTheFirstFieldThatDoesNotMatch() throws Exception {
    assertEquals("data.userIdentity.type", EventPatternMatch.mismatch(
        Json.parse("{\"source\":[\"acs.ram\"],\"data\":{\"userIdentity\":{\"type\":[\"root-account\"]}}}"), Json.parse(EVENT)).get());
    assertEquals("source", EventPatternMatch.mismatch(Json.parse("{\"source\":[\"acs.oss\"]}"), Json.parse(EVENT)).get());
  }

  @Test
  void validate_shapesEventBridgeRefuses_areNamed() {
    for (String bad : new String[] {"[]", "{\"source\":\"acs.ram\"}", "{\"source\":[{\"regex\":\"a.*\"}]}",
        "{\"source\":[{\"prefix\":1}]}", "{\"data\":{\"x\":[{\"numeric\":[\">\"]}]}}", "{\"data\":{\"x\":[{\"cidr\":\"nope\"}]}}",
        "{\"data\":{\"x\":[{\"exists\":\"yes\"}]}}", "{\"data\":{\"x\":[{\"prefix\":\"a\",\"suffix\":\"b\"}]}}"}) {
      assertThrows(IllegalArgumentException.class, () -> EventPatternMatch.validate(Json.parse(bad)), bad);
    }
  }

  @Test
  void matches_theGuardsOwnPattern_matchesEverySampleEventOfTheRepository() throws Exception {
    int n = 0;
    try (java.nio.file.DirectoryStream<java.nio.file.Path> files = java.nio.file.Files.newDirectoryStream(
        java.nio.file.Path.of("events"), "eventbridge-*.json")) {
      for (java.nio.file.Path f : files) {
        assertEquals(true, EventPatternMatch.matches(Json.parse(EventPattern.forRam()), Json.parse(java.nio.file.Files.readString(f))),
            f.toString());
        n++;
      }
    }
    assertEquals(true, n >= 10, n + " samples");
  }

  @Test
  void samples_haveTheShapeOfTheDeliveredEvents() throws Exception {
    com.fasterxml.jackson.databind.JsonNode delivered = Json.parse(java.nio.file.Files.readString(
        java.nio.file.Path.of("events/eventbridge-delete-role-default.json")));
    java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> samples = EventSamples.forRegion("cn-hangzhou");
    assertEquals(90, samples.size());
    for (com.fasterxml.jackson.databind.JsonNode s : samples) {
      assertEquals(keys(delivered), keys(s));
      assertEquals(keys(delivered.path("data")), keys(s.path("data")));
      assertEquals(keys(delivered.path("data").path("userIdentity")), keys(s.path("data").path("userIdentity")));
      assertEquals(delivered.path("source"), s.path("source"));
      assertEquals(true, EventPatternMatch.matches(Json.parse(EventPattern.forRam()), s), s.toString());
    }
  }

  static java.util.Set<String> keys(com.fasterxml.jackson.databind.JsonNode n) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
