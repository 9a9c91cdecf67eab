package io.github.sparkroleguard.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.sparkroleguard.config.ChannelConfig;
import io.github.sparkroleguard.config.ChannelType;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.Actor;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.report.RoleReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact payload each channel sends for typical cases, held to golden files under
 * core/src/test/resources/golden/. After a deliberate change, regenerate with
 * {@code mvn test -Dtest=ChannelGoldenTest -Dgolden.update=true} and review the diff.
 */
class ChannelGoldenTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:02:03Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final Path GOLDEN = Path.of("core/src/test/resources/golden");
  static final String POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\",\"oss:PutObject\"],"
      + "\"Resource\":\"acs:oss:*:*:serverless-spark-test-resources/*\"}]}";
  static final String EDITED = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\"],"
      + "\"Resource\":\"acs:oss:*:*:serverless-spark-test-resources/*\"},{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}";

  static Map<String, PostChannel> channels() {
    HttpSender unused = new HttpSender(null, CLOCK, d -> { });
    return Map.of(
        "dingtalk", new DingTalkChannel("https://oapi.dingtalk.com/robot/send?access_token=T", "SECdemo", unused, CLOCK),
        "feishu", new FeishuChannel("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/T", "demo", unused, CLOCK),
        "wecom", new WeComChannel("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", unused, CLOCK),
        "slack", new SlackChannel("https://hooks.slack.com/services/T/B/X", unused, CLOCK),
        "webhook", new WebhookChannel("https://ops.example.com/hook", "demo", unused, CLOCK));
  }

  static TrailRecord event(String name, String who, String userAgent) {
    return TrailRecord.builder().eventId("8E6B0001").eventName(name).eventTime("2026-11-27T10:01:02Z")
        .sourceIp("203.0.113.11").userAgent(userAgent)
        .actor(new Actor("ram-user", who, "2034", "1234567890123456", "LTAI5tAliceKey0000001")).build();
  }

  static Map<String, RoleReport> cases() {
    RoleBaseline base = Defaults.defaultRole(Mode.ALERT);
    RoleReport deleted = RoleReport.builder(base.name(), Mode.ALERT, GuardRequest.Kind.EVENT,
        List.of(event("DeleteRole", "alice@example.onaliyun.com", "ram.console.aliyun.com")))
        .found(DriftDetector.compare(base, RoleState.missing(base.name(), List.of()))).acted(RoleReport.Action.ALERT_ONLY).build();

    RoleBaseline custom = RoleBaseline.builder("test-serverless-spark-jobrun").mode(Mode.RESTORE)
        .policies(List.of(PolicyRef.custom("test-serverless-spark", POLICY, ""))).build();
    RoleState edited = RoleState.present(custom.name(), Defaults.SPARK_TRUST_POLICY,
        List.of(new io.github.sparkroleguard.drift.AttachedPolicy(io.github.sparkroleguard.config.PolicyType.CUSTOM, "test-serverless-spark")),
        List.of(PolicyState.present("test-serverless-spark", "v2", EDITED, List.of())));
    RoleReport documentRestored = RoleReport.builder(custom.name(), Mode.RESTORE, GuardRequest.Kind.EVENT,
        List.of(event("CreatePolicyVersion", "infra-deployer:terraform", "Terraform/1.9.5 terraform-provider-alicloud/1.230.0")))
        .found(DriftDetector.compare(custom, edited)).acted(RoleReport.Action.RESTORE)
        .restored(RoleReport.Status.RESTORED, List.of(), List.of()).build();

    RoleReport hostile = RoleReport.builder(base.name(), Mode.ALERT, GuardRequest.Kind.TIMER,
        List.of(event("DetachPolicyFromRole", "mallory](https://evil.example)**<at>@all<!channel>", "console\n### [CRITICAL] all good")))
        .found(DriftDetector.compare(base, RoleState.present(base.name(), Defaults.SPARK_TRUST_POLICY, List.of(), List.of())))
        .acted(RoleReport.Action.ALERT_ONLY).build();
    return Map.of("role-deleted", deleted, "document-restored", documentRestored, "hostile-strings", hostile);
  }

  static Stream<Arguments> combinations() {
    List<Arguments> out = new ArrayList<>();
    for (String channel : new java.util.TreeSet<>(channels().keySet())) {
      for (String c : new java.util.TreeSet<>(cases().keySet())) {
        out.add(Arguments.of(channel, c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("combinations")
  void payload_matchesGolden(String channel, String name) throws Exception {
    AlertMessage m = new AlertMessage(cases().get(name), "1234567890123456", "2026-11-27T10:02:03Z");
    JsonNode payload = channels().get(channel).payload(m, NOW);
    Path file = GOLDEN.resolve(channel).resolve(name + ".json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, PRETTY.writeValueAsString(payload) + "\n");
    }
    assertEquals(PRETTY.readTree(Files.readString(file)), payload, "golden " + file);
  }

  @Test
  void hostileStrings_neverBecomeFormattingInAnyChannel() {
    AlertMessage m = new AlertMessage(cases().get("hostile-strings"), "1", "t");
    Map<String, PostChannel> all = channels();
    String ding = all.get("dingtalk").payload(m, NOW).path("markdown").path("text").asText();
    String wecom = all.get("wecom").payload(m, NOW).path("markdown").path("content").asText();
    for (String md : List.of(ding, wecom)) {
      assertFalse(md.contains("](https://evil"), md);
      assertFalse(md.contains("\n### [CRITICAL]"), md);
      assertFalse(md.contains("<at>") || md.contains("<!channel>"), md);
      assertTrue(md.contains("mallory］(https：//evil.example)＊＊＜at＞@all＜!channel＞"), md);
    }
    String slack = all.get("slack").payload(m, NOW).path("blocks").get(1).path("text").path("text").asText();
    assertFalse(slack.contains("<!channel>"), slack);
    assertTrue(slack.contains("&lt;!channel&gt;"), slack);
    all.get("feishu").payload(m, NOW).path("content").path("post").path("zh_cn").path("content")
        .forEach(line -> assertFalse(line.get(0).path("text").asText().contains("\n")));
  }

  @Test
  void hugeDiff_isCutToEachChannelsLimit_withANote() {
    StringBuilder actions = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      actions.append(i == 0 ? "" : ",").append("\"oss:Action").append(i).append("\"");
    }
    String big = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":[\"*\",\"acs:oss:*:*:b/*\"]}]}";
    RoleBaseline custom = RoleBaseline.builder("r").policies(List.of(PolicyRef.custom("p", POLICY, ""))).build();
    List<io.github.sparkroleguard.drift.DriftItem> drift = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      drift.addAll(DriftDetector.compare(custom, RoleState.present("r", Defaults.SPARK_TRUST_POLICY,
          List.of(new io.github.sparkroleguard.drift.AttachedPolicy(io.github.sparkroleguard.config.PolicyType.CUSTOM, "p")),
          List.of(PolicyState.present("p", "v2", big.replace("oss:Action1\"", "oss:Action1" + i + "x\""), List.of())))));
    }
    RoleReport r = RoleReport.builder("r", Mode.ALERT, GuardRequest.Kind.EVENT, List.of()).found(drift).acted(RoleReport.Action.ALERT_ONLY).build();
    AlertMessage m = new AlertMessage(r, "1", "t");
    Map<String, PostChannel> all = channels();
    assertWithin(all.get("wecom").payload(m, NOW).path("markdown").path("content").asText(), 4096);
    assertWithin(all.get("dingtalk").payload(m, NOW).path("markdown").path("text").asText(), DingTalkChannel.MAX_BYTES);
    assertWithin(all.get("slack").payload(m, NOW).path("blocks").get(1).path("text").path("text").asText(), 3000);
    String feishu = all.get("feishu").payload(m, NOW).toString();
    assertTrue(feishu.getBytes(StandardCharsets.UTF_8).length <= 20_000, "feishu body " + feishu.length());
    assertTrue(feishu.contains("lines cut"));
  }

  private static void assertWithin(String text, int limit) {
    assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= limit, text.length() + " > " + limit);
    assertTrue(text.contains("lines cut to fit the message size limit"), text);
    assertTrue(text.contains("Next:"), "the next step always stays");
  }

  @Test
  void dispatcher_fromConfig_buildsEveryChannelType() {
    List<String> names = new ArrayList<>();
    AlertDispatcher d = AlertDispatcher.fromConfig(List.of(new ChannelConfig(ChannelType.DINGTALK, "https://a.invalid/a", "s"),
        new ChannelConfig(ChannelType.LARK, "https://b.invalid/h", null), new ChannelConfig(ChannelType.SLACK, "https://c.invalid/s", null),
        new ChannelConfig(ChannelType.WECOM, "https://d.invalid/w", null), new ChannelConfig(ChannelType.FEISHU, "https://e.invalid/f", null)),
        names::add, CLOCK, x -> { });
    d.deadline(NOW); // no retries: one attempt each (the .invalid hosts never resolve)
    List<String> channels = new ArrayList<>();
    d.send(new AlertMessage(cases().get("role-deleted"), "1", "t")).forEach(x -> channels.add(x.channel()));
    assertEquals(List.of("log", "dingtalk(a.invalid)", "lark(b.invalid)", "slack(c.invalid)", "wecom(d.invalid)", "feishu(e.invalid)"), channels);
  }
}
