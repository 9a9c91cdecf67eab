package io.github.sparkroleguard.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputParserTest {
  private static GuardRequest parse(String s) {
    return InputParser.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_eventBridgeEvent_readsTheRecordAndDeliveryId() throws Exception {
    GuardRequest r = InputParser.parse(Files.readAllBytes(Path.of("events/eventbridge-delete-role-default.json")));
    assertEquals(GuardRequest.Kind.EVENT, r.kind());
    TrailRecord t = r.records().get(0);
    assertEquals("DeleteRole", t.eventName());
    assertEquals("AliyunEMRSparkJobRunDefaultRole", t.requestParameters().get("RoleName"));
    assertEquals("acs.ram/a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b", t.deliveryId());
    assertEquals("ram-user", t.actor().type());
    assertEquals("LTAI****001", t.actor().maskedAccessKeyId());
    assertEquals("ram.console.aliyun.com", t.userAgent());
  }

  @Test
  void parse_numbersAndStringEncodedParameters_areText() {
    GuardRequest r = parse("{\"eventName\":\"CreateRole\",\"eventVersion\":1,\"requestParameters\":"
        + "\"{\\\"RoleName\\\":\\\"x\\\",\\\"MaxSessionDuration\\\":3600}\"}");
    assertEquals("3600", r.records().get(0).requestParameters().get("MaxSessionDuration"));
    assertEquals("x", r.records().get(0).requestParameters().get("RoleName"));
  }

  @Test
  void parse_batchWithUnreadableRecords_keepsTheOthersAndNamesEachBadOne() {
    GuardRequest r = parse("[{\"eventId\":\"e0\",\"eventName\":\"DeleteRole\"},"
        + "{\"specversion\":\"1.0\",\"type\":\"t\",\"data\":{\"eventId\":\"e1\",\"eventName\":\"AttachPolicyToRole\","
        + "\"requestParameters\":[1]}},"
        + "\"text\","
        + "{\"eventId\":\"e3\",\"eventName\":\"UpdateRole\"}]");
    assertEquals(List.of("e0", "e3"), r.records().stream().map(TrailRecord::eventId).collect(java.util.stream.Collectors.toList()));
    assertEquals(2, r.rejected().size());
    RejectedRecord first = r.rejected().get(0);
    assertEquals(1, first.index());
    assertEquals("e1", first.eventId());
    assertEquals("AttachPolicyToRole", first.eventName());
    assertEquals("[1]data.requestParameters: expected an object, got array", first.reason());
    assertEquals("[2]: expected an EventBridge event object", r.rejected().get(1).reason());
    assertEquals("", r.rejected().get(1).eventName());
  }

  @Test
  void parse_batchWithNoReadableRecord_isBadInputNamingTheFirst() {
    BadInputException e = assertThrows(BadInputException.class, () -> parse("[1, {\"eventName\":[]}]"));
    assertEquals("[0]: expected an EventBridge event object (and 1 more records that cannot be read)", e.getMessage());
  }

  @Test
  void parse_timerAndCommands() {
    assertEquals(GuardRequest.Kind.TIMER, parse("{\"triggerTime\":\"t\",\"triggerName\":\"n\",\"payload\":\"\"}").kind());
    GuardRequest c = parse("{\"action\":\"restore\",\"roleName\":\"r\"}");
    assertEquals(GuardRequest.Kind.MANUAL, c.kind());
    assertEquals(Command.Action.RESTORE, c.command().action());
    assertEquals(Command.Action.SCAN, parse("{\"action\":\"scan\"}").command().action());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|empty payload: expected a JSON event or command",
      "'{\"a\":'|payload is not valid JSON",
      "42|payload must be a JSON object or array, got number",
      "[]|empty event array",
      "[1]|[0]: expected an EventBridge event object",
      "'{\"hello\":1}'|unrecognised payload",
      "'{\"specversion\":\"1.0\",\"type\":\"t\",\"data\":[]}'|data: expected an ActionTrail record object, got array",
      "'{\"eventName\":{\"x\":1}}'|eventName: expected a string, got object",
      "'{\"eventName\":\"\"}'|eventName: required",
      "'{\"eventName\":\"DeleteRole\",\"userIdentity\":\"root\"}'|userIdentity: expected an object, got string",
      "'{\"eventName\":\"DeleteRole\",\"requestParameters\":[1]}'|requestParameters: expected an object, got array",
      "'{\"action\":\"explode\"}'|action: must be one of check, restore, scan",
      "'{\"action\":\"check\"}'|roleName: required for action check",
      "'{\"action\":\"check\",\"roleName\":[\"a\"]}'|roleName: expected a string, got array"})
  void parse_badInput_saysWhatIsWrong(String payload, String message) {
    BadInputException e = assertThrows(BadInputException.class, () -> parse(payload));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void parse_tooLarge_isRejectedBeforeParsing() {
    byte[] big = new byte[InputParser.MAX_BYTES + 1];
    assertTrue(assertThrows(BadInputException.class, () -> InputParser.parse(big)).getMessage().startsWith("payload too large"));
  }

  @Test
  void parse_deeplyNested_isRejected() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertTrue(assertThrows(BadInputException.class, () -> parse(deep)).getMessage().startsWith("payload is not valid JSON"));
  }

  @Test
  void parse_tooManyEvents_isRejected() {
    String many = "[" + "{\"eventName\":\"DeleteRole\"},".repeat(InputParser.MAX_RECORDS) + "{\"eventName\":\"DeleteRole\"}]";
    assertTrue(assertThrows(BadInputException.class, () -> parse(many)).getMessage().startsWith("too many events: 1001"));
  }
}
