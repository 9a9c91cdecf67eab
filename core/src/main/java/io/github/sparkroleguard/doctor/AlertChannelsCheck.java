package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.alert.Alerts;
import io.github.sparkroleguard.alert.AlertMessage;
import io.github.sparkroleguard.config.ChannelConfig;
import io.github.sparkroleguard.config.ChannelType;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.report.Delivery;
import io.github.sparkroleguard.report.RoleReport;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The alert channels: listed always; a test message sent only when the operator asks
 * ({@code --send-test}), because a message in a team's chat is not something a check does by
 * itself. A channel that does not accept the test message fails.
 */
final class AlertChannelsCheck implements DoctorCheck {
  static final String NAME = "alert-channel";
  static final String TEST_NOTE = "spark-role-guard doctor: test message. Nothing changed; no action needed.";

  private final GuardConfig config;
  private final Alerts alerts;
  private final Clock clock;
  private final boolean sendTest;

  AlertChannelsCheck(GuardConfig config, Alerts alerts, Clock clock, boolean sendTest) {
    this.config = config;
    this.alerts = alerts;
    this.clock = clock;
    this.sendTest = sendTest;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    List<ChannelConfig> configured = config.alerts().stream().filter(c -> c.type() != ChannelType.LOG).collect(Collectors.toList());
    if (configured.isEmpty()) {
      return List.of(Finding.warn(NAME, "", "no alert channel besides the function's log",
          "add a channel under alerts: (webhook, dingtalk, feishu, lark, wecom, slack) so drift reaches a person"));
    }
    if (!sendTest) {
      return List.of(Finding.pass(NAME, "", configured.size() + " channel(s) configured: "
          + configured.stream().map(c -> c.type().wireName()).collect(Collectors.joining(", "))
          + "; no test message sent (add --send-test, or \"sendTest\": true, to send one)"));
    }
    RoleReport report = RoleReport.builder(Defaults.DEFAULT_ROLE, Mode.ALERT, GuardRequest.Kind.MANUAL, List.of())
        .note(TEST_NOTE).build();
    List<Delivery> deliveries = alerts.send(new AlertMessage(report, "",
        clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
    List<Finding> out = new ArrayList<>();
    for (Delivery d : deliveries) {
      if (d.isLog()) {
        continue;
      }
      out.add(d.delivered() ? Finding.pass(NAME, d.channel(), "the test message was accepted")
          : Finding.fail(NAME, d.channel(), "the test message was not accepted: " + d.detail(),
              "check the channel's URL, secret (signing) and keyword/IP settings, then rerun doctor --send-test"));
    }
    return out.isEmpty() ? List.of(Finding.warn(NAME, "", "no channel besides the log took part",
        "check the alerts: section")) : out;
  }
}
