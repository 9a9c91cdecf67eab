package io.github.sparkroleguard.alert;

import io.github.sparkroleguard.config.ChannelConfig;
import io.github.sparkroleguard.config.ChannelType;
import io.github.sparkroleguard.report.Delivery;
import io.github.sparkroleguard.transport.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Sends one alert to every channel and reports, per channel, whether it got through. */
public final class AlertDispatcher implements Alerts {
  private final List<AlertChannel> channels;
  private final HttpSender sender;

  public AlertDispatcher(List<AlertChannel> channels) {
    this(channels, null);
  }

  private AlertDispatcher(List<AlertChannel> channels, HttpSender sender) {
    this.channels = List.copyOf(channels);
    this.sender = sender;
  }

  /** Channels from configuration; the log channel is always there. */
  public static AlertDispatcher fromConfig(List<ChannelConfig> configs, Consumer<String> log, Clock clock,
      Sleeper sleeper) {
    List<AlertChannel> out = new ArrayList<>();
    out.add(new LogChannel(log));
    // The JDK HTTP client costs cold-start time: build it only when a channel posts.
    HttpSender sender = configs.stream().allMatch(c -> c.type() == ChannelType.LOG) ? null
        : new HttpSender(HttpClient.newBuilder().connectTimeout(HttpSender.ATTEMPT_TIMEOUT).build(), clock, sleeper);
    for (ChannelConfig c : configs) {
      switch (c.type()) {
        case LOG:
          break;
        case WEBHOOK:
          out.add(new WebhookChannel(c.url(), c.secret(), sender, clock));
          break;
        case DINGTALK:
          out.add(new DingTalkChannel(c.url(), c.secret(), sender, clock));
          break;
        case FEISHU:
        case LARK:
          out.add(new FeishuChannel(c.type().wireName(), c.url(), c.secret(), sender, clock));
          break;
        case WECOM:
          out.add(new WeComChannel(c.url(), sender, clock));
          break;
        case SLACK:
          out.add(new SlackChannel(c.url(), sender, clock));
          break;
        default:
          throw new IllegalArgumentException("unknown channel type " + c.type());
      }
    }
    return new AlertDispatcher(out, sender);
  }

  @Override
  public void deadline(Instant value) {
    if (sender != null) {
      sender.deadline(value);
    }
  }

  @Override
  public List<Delivery> send(AlertMessage message) {
    List<Delivery> out = new ArrayList<>();
    for (AlertChannel c : channels) {
      try {
        c.send(message);
        out.add(new Delivery(c.name(), c.isLog(), true, ""));
      } catch (AlertDeliveryException e) {
        out.add(new Delivery(c.name(), c.isLog(), false, e.getMessage()));
      } catch (RuntimeException e) {
        out.add(new Delivery(c.name(), c.isLog(), false, c.name() + ": " + e.getClass().getSimpleName()));
      }
    }
    return out;
  }
}
