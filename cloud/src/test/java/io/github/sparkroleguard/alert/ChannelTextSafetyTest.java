package io.github.sparkroleguard.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.report.RoleReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Outside text cannot shape any channel's message: no hidden or direction-changing characters,
 * no links made from bare URLs, no Slack formatting; and diff lines keep their sign.
 */
class ChannelTextSafetyTest {
  /** U+200B-U+200F, U+2028, U+2029, U+202A-U+202E, U+2066-U+2069 (issue 13, point 8). */
  static final int[] INVISIBLE = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C,
      0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069};

  static String hostileName() {
    StringBuilder s = new StringBuilder("admin");
    for (int cp : INVISIBLE) {
      s.appendCodePoint(cp);
    }
    return s + "x see https://evil.example/login or www.evil.example *urgent* _now_ ~gone~ `code`";
  }

  static AlertMessage hostileMessage() {
    RoleBaseline base = Defaults.defaultRole(Mode.ALERT);
    RoleReport r = RoleReport.builder(base.name(), Mode.ALERT, GuardRequest.Kind.EVENT,
        List.of(ChannelGoldenTest.event("DetachPolicyFromRole", hostileName(), "console")))
        .found(DriftDetector.compare(base, RoleState.present(base.name(), Defaults.SPARK_TRUST_POLICY, List.of(), List.of())))
        .acted(RoleReport.Action.ALERT_ONLY).build();
    return new AlertMessage(r, "1234567890123456", "2026-11-27T10:02:03Z");
  }

  /** Every text a channel shows a person, and the exact bytes it sends. */
  static Map<String, List<String>> shown(AlertMessage m) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    ChannelGoldenTest.channels().forEach((name, channel) -> {
      JsonNode p = channel.payload(m, ChannelGoldenTest.NOW);
      List<String> texts = new ArrayList<>();
      if (name.equals("webhook")) {
        // Its structured fields keep exact values for machines (README, "The webhook payload");
        // what people read is the title and the Markdown text.
        texts.add(p.path("title").asText());
        texts.add(p.path("text").asText());
      } else {
        collect(p, texts);
      }
      texts.add(Json.write(p));
      out.put(name, texts);
    });
    List<String> log = new ArrayList<>();
    new LogChannel(log::add).send(m);
    out.put("log", log);
    return out;
  }

  private static void collect(JsonNode n, List<String> into) {
    if (n.isTextual()) {
      into.add(n.asText());
    }
    n.forEach(c -> collect(c, into));
  }

  @Test
  void payload_invisibleAndDirectionCharacters_neverReachAChannel() {
    shown(hostileMessage()).forEach((channel, texts) -> {
      for (String text : texts) {
        for (int cp : INVISIBLE) {
          assertFalse(text.indexOf(cp) >= 0, channel + " carries U+" + Integer.toHexString(cp) + ": " + text);
        }
      }
    });
  }

  @Test
  void payload_invisibleCharacters_areShownAsTheirCodePoint() {
    String slack = ChannelGoldenTest.channels().get("slack").payload(hostileMessage(), ChannelGoldenTest.NOW)
        .path("blocks").get(1).path("text").path("text").asText();
    assertTrue(slack.contains("admin(U+200B)(U+200C)"), slack);
    assertTrue(slack.contains("(U+202E)(U+2066)"), slack);
  }

  @Test
  void payload_bareUrlsFromOutsideText_areNotLinkable() {
    Pattern link = Pattern.compile("(?i)(https?|ftp)://|(^|[^\\p{Alnum}])www\\.");
    shown(hostileMessage()).forEach((channel, texts) -> {
      for (String text : texts) {
        if (channel.equals("webhook") && text.startsWith("{")) {
          continue; // the webhook's structured fields keep exact values (README, "The webhook payload")
        }
        assertFalse(link.matcher(text).find(), channel + ": " + text);
      }
    });
  }

  @Test
  void slack_emphasisAndCodeFromOutsideText_areNeutralised() {
    assertEquals("acs:oss:＊:＊:x ＿it＿ ～s～ ˋcˋ &lt;!here&gt; &amp;", ChatText.slack("acs:oss:*:*:x _it_ ~s~ `c` <!here> &"));
    String slack = ChannelGoldenTest.channels().get("slack").payload(hostileMessage(), ChannelGoldenTest.NOW)
        .path("blocks").get(1).path("text").path("text").asText();
    assertTrue(slack.contains("＊urgent＊ ＿now＿ ～gone～ ˋcodeˋ"), slack);
  }

  /** A list item whose text starts with another list marker: the inner marker is not shown. */
  private static final Pattern NESTED_MARKER = Pattern.compile("^\\s*[-+*]\\s+[-+*]\\s");
  private static final Pattern ITEM = Pattern.compile("^\\s*[-+*]\\s+");

  @Test
  void markdown_diffLines_keepTheirSignInEveryChannel() {
    AlertMessage m = new AlertMessage(ChannelGoldenTest.cases().get("document-restored"), "1", "t");
    Map<String, PostChannel> all = ChannelGoldenTest.channels();
    Map<String, String> markdown = Map.of(
        "dingtalk", all.get("dingtalk").payload(m, ChannelGoldenTest.NOW).path("markdown").path("text").asText(),
        "wecom", all.get("wecom").payload(m, ChannelGoldenTest.NOW).path("markdown").path("content").asText(),
        "slack", all.get("slack").payload(m, ChannelGoldenTest.NOW).path("blocks").get(1).path("text").path("text").asText(),
        "webhook", all.get("webhook").payload(m, ChannelGoldenTest.NOW).path("text").asText(),
        "log", Markdown.render(m));
    markdown.forEach((channel, md) -> {
      int gained = 0;
      int lost = 0;
      for (String line : md.split("\n")) {
        assertFalse(NESTED_MARKER.matcher(line).find(), channel + ": the sign became a list marker: " + line);
        if (line.contains("Allow oss:")) {
          String text = ITEM.matcher(line).replaceFirst("");
          // What a reader sees before "Allow": the sign, possibly inside emphasis or after a backslash.
          String sign = text.substring(0, text.indexOf("Allow")).replaceAll("[*\\\\ ]", "");
          gained += sign.equals("+") ? 1 : 0;
          lost += sign.equals("-") ? 1 : 0;
        }
      }
      assertEquals(1, gained, channel + " shows the gained line with +: " + md);
      assertEquals(1, lost, channel + " shows the lost line with -: " + md);
    });
  }
}
