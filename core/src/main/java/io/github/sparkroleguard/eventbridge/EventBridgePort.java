package io.github.sparkroleguard.eventbridge;

import java.util.List;
import java.util.Objects;

/**
 * The EventBridge reads {@code doctor} makes, and no others (the guard never writes to
 * EventBridge). Failures are {@link io.github.sparkroleguard.transport.CloudCallException}s with the
 * service's error code, so a missing permission can be told from an outage.
 */
public interface EventBridgePort {
  /** Every rule on a bus of a region, with its targets (bounded by {@link EventBridgeFacts#MAX_PAGES}). */
  List<Rule> listRules(String region, String busName);

  /** A rule as EventBridge reports it. */
  final class Rule {
    private final String name;
    private final String status;
    private final String filterPattern;
    private final List<Target> targets;

    public Rule(String name, String status, String filterPattern, List<Target> targets) {
      this.name = Objects.requireNonNull(name, "name");
      this.status = status == null ? "" : status;
      this.filterPattern = filterPattern == null ? "" : filterPattern;
      this.targets = List.copyOf(targets);
    }

    public String name() {
      return name;
    }

    /** {@code ENABLE} or {@code DISABLE}. */
    public String status() {
      return status;
    }

    /** The event pattern, a JSON string. */
    public String filterPattern() {
      return filterPattern;
    }

    public List<Target> targets() {
      return targets;
    }
  }

  /** One target of a rule: where matching events go, and how failed pushes are kept. */
  final class Target {
    private final String id;
    private final String type;
    private final String endpoint;
    private final String pushRetryStrategy;
    private final String deadLetterQueue;

    public Target(String id, String type, String endpoint, String pushRetryStrategy, String deadLetterQueue) {
      this.id = id == null ? "" : id;
      this.type = type == null ? "" : type;
      this.endpoint = endpoint == null ? "" : endpoint;
      this.pushRetryStrategy = pushRetryStrategy == null ? "" : pushRetryStrategy;
      this.deadLetterQueue = deadLetterQueue == null ? "" : deadLetterQueue;
    }

    public String id() {
      return id;
    }

    public String type() {
      return type;
    }

    public String endpoint() {
      return endpoint;
    }

    /** e.g. BACKOFF_RETRY, EXPONENTIAL_DECAY_RETRY; empty when not reported. */
    public String pushRetryStrategy() {
      return pushRetryStrategy;
    }

    /** The dead-letter queue's ARN; empty when none. */
    public String deadLetterQueue() {
      return deadLetterQueue;
    }
  }
}
