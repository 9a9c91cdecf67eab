package io.github.sparkroleguard.alert;

import io.github.sparkroleguard.transport.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * POSTs alerts: waits for the channel's rate limit, retries timeouts, 5xx and 429 (honouring
 * Retry-After) with exponential backoff, all within the invocation's time budget. At least one
 * attempt is always made. Failure messages name the channel, never its URL (tokens live there).
 */
final class HttpSender {
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  /** The shortest an attempt may wait for an answer, even with the budget nearly spent. */
  static final Duration MIN_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
  static final long BASE_MS = 500;
  static final long CAP_MS = 8_000;
  /** A bound even without a deadline: a channel that keeps failing is given up on. */
  static final int MAX_ATTEMPTS = 6;

  /** Judges a 2xx answer: chat apps report errors in the body with HTTP 200. */
  interface Verdict {
    /** Null when accepted; otherwise why not. */
    String problem(String body);
  }

  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private volatile Instant deadline = Instant.MAX;

  HttpSender(HttpClient http, Clock clock, Sleeper sleeper) {
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  void deadline(Instant value) {
    this.deadline = value;
  }

  void post(String channel, URI uri, Map<String, String> headers, byte[] body, RateLimiter limiter, Verdict verdict) {
    String last = "not sent";
    for (int attempt = 0; ; attempt++) {
      Duration wait = limiter.waitTime(clock.instant());
      if (attempt > 0 && clock.instant().plus(wait).isAfter(deadline)) {
        throw new AlertDeliveryException(channel + ": " + last + " (gave up after " + attempt + " attempts: time budget spent)");
      }
      if (!wait.isZero() && clock.instant().plus(wait).isAfter(deadline)) {
        throw new AlertDeliveryException(channel + ": rate limit reached; no free slot within the time budget");
      }
      pause(wait);
      limiter.record(clock.instant());
      Duration retryAfter = Duration.ZERO;
      try {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(attemptTimeout(clock.instant()))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::header);
        HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = resp.statusCode();
        if (status / 100 == 2) {
          String problem = verdict.problem(resp.body());
          if (problem == null) {
            return;
          }
          throw new AlertDeliveryException(channel + ": " + problem);
        }
        last = "HTTP " + status;
        if (status != 429 && status / 100 != 5) {
          throw new AlertDeliveryException(channel + ": " + last);
        }
        retryAfter = retryAfter(resp.headers().firstValue("Retry-After").orElse(""));
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AlertDeliveryException(channel + ": interrupted");
      }
      Duration backoff = Duration.ofMillis(Math.min(CAP_MS, BASE_MS << Math.min(attempt, 10)));
      if (retryAfter.compareTo(backoff) > 0) {
        backoff = retryAfter;
      }
      if (attempt + 1 >= MAX_ATTEMPTS) {
        throw new AlertDeliveryException(channel + ": " + last + " (gave up after " + (attempt + 1)
            + " attempts: the limit of " + MAX_ATTEMPTS + " attempts per alert)");
      }
      if (clock.instant().plus(backoff).isAfter(deadline)) {
        throw new AlertDeliveryException(channel + ": " + last + " (gave up after " + (attempt + 1) + " attempts: time budget spent)");
      }
      pause(backoff);
    }
  }

  /**
   * How long one attempt may wait for an answer: {@link #ATTEMPT_TIMEOUT}, or what is left of
   * the time budget by the injected clock, but never under {@link #MIN_ATTEMPT_TIMEOUT}.
   */
  Duration attemptTimeout(Instant now) {
    Duration left = deadline.equals(Instant.MAX) ? ATTEMPT_TIMEOUT : Duration.between(now, deadline);
    if (left.compareTo(MIN_ATTEMPT_TIMEOUT) < 0) {
      return MIN_ATTEMPT_TIMEOUT;
    }
    return left.compareTo(ATTEMPT_TIMEOUT) < 0 ? left : ATTEMPT_TIMEOUT;
  }

  private void pause(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Duration retryAfter(String header) {
    try {
      return Duration.ofSeconds(Math.min(60, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }
}
