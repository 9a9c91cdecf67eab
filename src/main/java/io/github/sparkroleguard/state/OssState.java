package io.github.sparkroleguard.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The guard's memory in an OSS bucket, shared by every FC instance. OSS's only atomic write is
 * create-only PutObject, so each "first one wins" is a create-only key and each window is a
 * chain of them: the turn to alert after the alert at T is the key {@code after-T}, which only
 * one instance can create. Transient keys live under {@code <prefix>t/} (a member account's under
 * {@code <root>t/<account>/}) and a lifecycle rule
 * expires them ({@link StoreFacts#LIFECYCLE_DAYS}); approved changes live under
 * {@code <prefix>approved/} and stay. Every failure is a {@link StateException}.
 */
public final class OssState implements GuardState {
  /** The RAM actions on the prefix's objects (OSS's RAM policy action list [doc]). */
  public static final List<String> OBJECT_PERMISSIONS = List.of("oss:PutObject", "oss:GetObject", "oss:DeleteObject");
  /** GetBucket (ListObjects), on the bucket: used to count a role's recent restores. */
  public static final String LIST_PERMISSION = "oss:ListObjects";

  private final OssClient oss;
  private final String prefix;
  private final String transientPrefix;
  private final String where;

  /** @param prefix the key prefix, e.g. {@code spark-role-guard/} (a trailing slash is added) */
  public OssState(OssClient oss, String bucket, String prefix) {
    this(oss, bucket, prefix, (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + "t/");
  }

  /**
   * @param transientPrefix where the keys the lifecycle rule expires go: {@code <prefix>t/}, or for
   *     one member account of a central guard {@code <root>t/<account>/}, so that one rule on
   *     {@code <root>t/} covers every account
   */
  public OssState(OssClient oss, String bucket, String prefix, String transientPrefix) {
    this.oss = oss;
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    this.transientPrefix = transientPrefix;
    this.where = "oss://" + bucket + "/" + this.prefix;
  }

  @Override
  public Claim claimDelivery(String deliveryId, String contentHash, Instant now) {
    if (deliveryId.isEmpty()) {
      return Claim.FIRST;
    }
    String key = claimKey(deliveryId, contentHash);
    if (oss.put(key, "claimed " + now.toEpochMilli(), true)) {
      return Claim.FIRST;
    }
    Optional<String> body = oss.get(key);
    if (body.isPresent() && body.get().startsWith("done")) {
      return Claim.DUPLICATE;
    }
    if (body.isPresent() && millis(body.get(), 1).plus(StoreFacts.CLAIM_STALE).isAfter(now)) {
      return Claim.IN_PROGRESS;
    }
    oss.put(key, "claimed " + now.toEpochMilli(), false); // released meanwhile, or a dead invocation's
    return Claim.FIRST;
  }

  @Override
  public void finishDelivery(String deliveryId, String contentHash, boolean handled, Instant now) {
    if (deliveryId.isEmpty()) {
      return;
    }
    String key = claimKey(deliveryId, contentHash);
    if (handled) {
      oss.put(key, "done " + now.toEpochMilli(), false);
    } else {
      oss.delete(key);
    }
  }

  @Override
  public AlertTurn alertTurn(String fingerprint, Instant now, Duration window) {
    if (window.isZero()) {
      return AlertTurn.granted(fingerprint, "");
    }
    String base = transientPrefix + "a/" + hash(fingerprint) + "/";
    Optional<Instant> last = oss.get(base + "last").map(b -> millis(b, 0));
    if (last.isPresent() && last.get().plus(window).isAfter(now)) {
      return AlertTurn.taken(fingerprint, last.get());
    }
    String turn = base + "after-" + last.map(Instant::toEpochMilli).orElse(0L);
    if (oss.put(turn, Long.toString(now.toEpochMilli()), true)) {
      return AlertTurn.granted(fingerprint, turn);
    }
    Optional<Instant> other = oss.get(turn).map(b -> millis(b, 0));
    if (other.isPresent() && other.get().plus(window).isAfter(now)) {
      return AlertTurn.taken(fingerprint, other.get());
    }
    oss.put(turn, Long.toString(now.toEpochMilli()), false); // its holder never recorded the alert
    return AlertTurn.granted(fingerprint, turn);
  }

  @Override
  public void alertDone(AlertTurn turn, boolean delivered, Instant now) {
    if (!turn.mine() || turn.token().isEmpty()) {
      return;
    }
    if (delivered) {
      String last = turn.token().substring(0, turn.token().lastIndexOf('/') + 1) + "last";
      oss.put(last, Long.toString(now.toEpochMilli()), false);
    } else {
      oss.delete(turn.token());
    }
  }

  @Override
  public void alerted(String fingerprint, Instant now) {
    oss.put(transientPrefix + "a/" + hash(fingerprint) + "/last", Long.toString(now.toEpochMilli()), false);
  }

  @Override
  public Optional<Pause> restoresPaused(String role, Instant now) {
    Optional<String> body = oss.get(flapBase(role) + "paused");
    if (body.isEmpty()) {
      return Optional.empty();
    }
    String[] lines = body.get().split("\n");
    Instant until = millis(lines[0], 0);
    if (!until.isAfter(now)) {
      return Optional.empty();
    }
    Set<String> actors = new LinkedHashSet<>(List.of(lines).subList(Math.min(2, lines.length), lines.length));
    return Optional.of(new Pause(until, actors));
  }

  @Override
  public Pause.Outcome restored(String role, Instant now, Set<String> actors, FlapRule rule) {
    String base = flapBase(role) + "r/";
    String rand = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    oss.put(base + stamp(now.toEpochMilli()) + "-" + rand, String.join("\n", actors), false);
    if (rule.limit() == 0) {
      return new Pause.Outcome(false, actors);
    }
    long since = now.minus(rule.window()).toEpochMilli();
    Optional<String> paused = oss.get(flapBase(role) + "paused");
    if (paused.isPresent()) {
      String[] lines = paused.get().split("\n");
      since = Math.max(since, lines.length > 1 ? millis(lines[1], 0).toEpochMilli() : 0);
    }
    List<String> inWindow = oss.list(base, base + stamp(since) + "~", Math.min(1000, rule.limit() * 4));
    if (inWindow.size() < rule.limit()) {
      return new Pause.Outcome(false, actors);
    }
    Set<String> who = new LinkedHashSet<>();
    inWindow.stream().limit(rule.limit() * 2L).forEach(k -> oss.get(k).ifPresent(b -> {
      for (String a : b.split("\n")) {
        if (!a.isEmpty()) {
          who.add(a);
        }
      }
    }));
    who.addAll(actors);
    StringBuilder body = new StringBuilder().append(now.plus(rule.coolDown()).toEpochMilli()).append('\n').append(now.toEpochMilli());
    who.forEach(a -> body.append('\n').append(a));
    oss.put(flapBase(role) + "paused", body.toString(), false);
    return new Pause.Outcome(true, who);
  }

  @Override
  public void approve(String driftFingerprint, String actor, Instant now) {
    oss.put(prefix + "approved/" + hash(driftFingerprint), actor, false);
  }

  @Override
  public Optional<String> approvedBy(String driftFingerprint) {
    return oss.get(prefix + "approved/" + hash(driftFingerprint));
  }

  @Override
  public void delivered(Collection<DeliveredEvent> events, Instant now) {
    DeliveredEvent last = null;
    for (DeliveredEvent e : events) {
      if (!e.eventId().isEmpty()) {
        oss.put(transientPrefix + "e/" + safe(e.eventId()), e.receivedAt().toEpochMilli() + " " + e.eventName(), false);
      }
      last = e;
    }
    if (last != null) {
      oss.put(prefix + "last-delivery", last.receivedAt().toEpochMilli() + "\n" + last.eventId() + "\n" + last.eventName(), false);
    }
  }

  @Override
  public Set<String> deliveredIds(Collection<String> eventIds) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : eventIds) {
      if (oss.get(transientPrefix + "e/" + safe(id)).isPresent()) {
        out.add(id);
      }
    }
    return out;
  }

  @Override
  public Optional<DeliveredEvent> lastDelivery() {
    return oss.get(prefix + "last-delivery").map(b -> {
      String[] l = (b + "\n\n").split("\n", -1);
      return new DeliveredEvent(l[1], l[2], millis(l[0], 0));
    });
  }

  @Override
  public boolean firstDeafnessReport(String eventId, Instant now) {
    return oss.put(transientPrefix + "deaf/" + safe(eventId), Long.toString(now.toEpochMilli()), true);
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public String describe() {
    return where;
  }

  private String claimKey(String deliveryId, String contentHash) {
    return transientPrefix + "d/" + hash(deliveryId) + "-" + safe(contentHash);
  }

  private String flapBase(String role) {
    return transientPrefix + "f/" + safe(role.toLowerCase(Locale.ROOT)) + "/";
  }

  /** Epoch milliseconds, zero-padded so keys sort by time. */
  private static String stamp(long millis) {
    return String.format(Locale.ROOT, "%013d", Math.max(0, millis));
  }

  /** The epoch milliseconds in word {@code index} of a stored body. */
  private static Instant millis(String body, int index) {
    String[] words = body.trim().split("\\s+");
    try {
      return Instant.ofEpochMilli(Long.parseLong(words[Math.min(index, words.length - 1)]));
    } catch (NumberFormatException e) {
      throw new StateException("unreadable state object: " + (body.length() > 40 ? body.substring(0, 40) : body));
    }
  }

  /** A key segment: short plain ids as they are, anything else hashed. */
  static String safe(String value) {
    return value.matches("[A-Za-z0-9._-]{1,100}") ? value : hash(value);
  }

  static String hash(String value) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        s.append(String.format(Locale.ROOT, "%02x", d[i]));
      }
      return s.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
