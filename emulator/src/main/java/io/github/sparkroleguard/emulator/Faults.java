package io.github.sparkroleguard.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test hooks of the emulator: added latency, injected error answers and malformed answers, per
 * action or for all.
 */
public final class Faults {
  /** Ways an HTTP 200 answer can be malformed (a proxy's error page, a cut connection, a changed API). */
  public enum Malformed {
    /** An HTML page instead of JSON. */
    HTML,
    /** The JSON answer cut in the middle. */
    TRUNCATED,
    /** Only the RequestId: every documented field missing. */
    MISSING_FIELDS,
    /** Every object replaced by a string and every string by a number. */
    WRONG_TYPES
  }

  /** Matches every action. */
  public static final String ANY = "*";

  private final Map<String, Duration> latency = new ConcurrentHashMap<>();
  private final List<Rule> rules = new ArrayList<>();
  private java.util.Random random = new java.util.Random(1);
  private double throttleFraction;
  private double resetFraction;
  private final Map<String, Integer> resetsLeft = new ConcurrentHashMap<>();
  private final Map<String, Malformed> malformed = new ConcurrentHashMap<>();
  private final Map<String, Integer> stallsLeft = new ConcurrentHashMap<>();
  private final Map<String, Duration> stalls = new ConcurrentHashMap<>();

  /** An injected error: the next {@code times} calls of an action answer with it (-1: always). */
  private static final class Rule {
    final String action;
    final EmulatorException error;
    int times;

    Rule(String action, EmulatorException error, int times) {
      this.action = action;
      this.error = error;
      this.times = times;
    }
  }

  public void latency(String action, Duration d) {
    latency.put(action, d);
  }

  public synchronized void failNext(String action, int status, String code, int times) {
    rules.add(new Rule(action, new EmulatorException(status, code, "Injected fault."), times));
  }

  public synchronized void failAlways(String action, int status, String code) {
    failNext(action, status, code, -1);
  }

  /** Answers this fraction of all calls with 400 Throttling.User, deterministically from the seed. */
  public synchronized void throttle(double fraction, long seed) {
    this.throttleFraction = fraction;
    this.random = new java.util.Random(seed);
  }

  /** Drops the connection without an answer on this fraction of calls (seeded). */
  public synchronized void resetConnections(double fraction, long seed) {
    this.resetFraction = fraction;
    this.random = new java.util.Random(seed);
  }

  /** Drops the connection on the next {@code times} calls of an action (a crash mid-way, seen from the client). */
  public void resetNext(String action, int times) {
    resetsLeft.put(action, times);
  }

  /** Every successful answer to {@code action} (or {@link #ANY}) comes back malformed, with HTTP 200. */
  public void malform(String action, Malformed how) {
    malformed.put(action, how);
  }

  Optional<Malformed> malformedFor(String action) {
    Malformed m = malformed.get(action);
    return Optional.ofNullable(m != null ? m : malformed.get(ANY));
  }

  public synchronized void clear() {
    malformed.clear();
    stalls.clear();
    stallsLeft.clear();
    rules.clear();
    latency.clear();
    resetsLeft.clear();
    throttleFraction = 0;
    resetFraction = 0;
  }

  synchronized boolean resetFor(String action) {
    Integer left = resetsLeft.get(action);
    if (left != null && left > 0) {
      resetsLeft.put(action, left - 1);
      return true;
    }
    return resetFraction > 0 && random.nextDouble() < resetFraction;
  }

  /**
   * The next {@code times} calls of an action wait this long before they are carried out: a
   * client with a shorter read timeout gives up while the call still takes effect.
   */
  public synchronized void stallNext(String action, Duration d, int times) {
    stalls.put(action, d);
    stallsLeft.put(action, times);
  }

  synchronized Duration latencyFor(String action) {
    Integer left = stallsLeft.get(action);
    if (left != null && left > 0) {
      stallsLeft.put(action, left - 1);
      return stalls.get(action);
    }
    Duration d = latency.get(action);
    return d != null ? d : latency.getOrDefault(ANY, Duration.ZERO);
  }

  synchronized Optional<EmulatorException> errorFor(String action) {
    if (throttleFraction > 0 && random.nextDouble() < throttleFraction) {
      return Optional.of(new EmulatorException(400, "Throttling.User", "Request was denied due to user flow control."));
    }
    for (Rule r : rules) {
      if ((r.action.equals(action) || r.action.equals(ANY)) && r.times != 0) {
        if (r.times > 0) {
          r.times--;
        }
        return Optional.of(r.error);
      }
    }
    return Optional.empty();
  }
}
