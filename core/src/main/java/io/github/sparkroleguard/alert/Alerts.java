package io.github.sparkroleguard.alert;

import io.github.sparkroleguard.report.Delivery;
import java.time.Instant;
import java.util.List;

/**
 * Where the guard sends its alerts: the port the decision flow (guard, fleet, doctor) depends on,
 * so that it needs neither HTTP nor the channel implementations ({@link AlertDispatcher} is the
 * one that posts to chat webhooks).
 */
public interface Alerts {
  /** Sends one alert to every channel; per channel, whether it got through. */
  List<Delivery> send(AlertMessage message);

  /** Retries and rate-limit waits of this invocation end by then (one attempt is always made). */
  void deadline(Instant value);
}
