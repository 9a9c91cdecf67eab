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
 * {@code <prefix>approved/} and expire by their own time ({@link Approval#LIFETIME}). Every body
 * carries a MAC under {@code state.secret} ({@link Seal}): an object the guard did not write, or
 * whose time no guard could have written, is ignored and reported ({@link #ignored}), so writing
 * the bucket can never silence an alert or hold back a restore. Every failure is a
 * {@link StateException}.
 */
public final class OssState implements GuardState {
  /** At most this many ignored objects are reported per invocation. */
  static final int MAX_IGNORED = 20;

  private final OssClient oss;
  private final String prefix;
  private final String transientPrefix;
  private final String where;
  private final Seal seal;
  private final Set<String> ignored = new LinkedHashSet<>();
  private final java.util.concurrent.atomic.AtomicInteger forged = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param prefix the key prefix, e.g. {@code spark-role-guard/} (a trailing slash is added)
   * @param transientPrefix where the keys the lifecycle rule expires go: {@code <prefix>t/}, or for
   *     one member account of a central guard {@code <root>t/<account>/}, so that one rule on
   *     {@code <root>t/} covers every account
   * @param secret the key that authenticates every object the guard writes ({@code state.secret})
   */
  public OssState(OssClient oss, String bucket, String prefix, String transientPrefix, String secret) {
    this.oss = oss;
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    this.transientPrefix = transientPrefix;
    this.where = "oss://" + bucket + "/" + this.prefix;
    this.seal = new Seal(secret);
  }

  /** An object's text if the guard wrote it; anything else is ignored and reported. */
  private Optional<String> read(String key) {
    Optional<String> raw = oss.get(key);
    if (raw.isEmpty()) {
      return raw;
    }
    Optional<String> text = seal.open(key, raw.get());
    if (text.isEmpty()) {
      forged.incrementAndGet();
      ignore(key, "not written by the guard (no valid MAC): someone else can write the state prefix");
    }
    return text;
  }

  private boolean write(String key, String text, boolean createOnly) {
    return oss.put(key, seal.seal(key, text), createOnly);
  }

  private void ignore(String key, String why) {
    synchronized (ignored) {
      if (ignored.size() < MAX_IGNORED) {
        ignored.add(key + ": " + why);
      }
    }
  }

  /** A stored time no guard could have written: further ahead than the clocks' skew. */
  private boolean future(String key, Instant t, Instant now, String what) {
    if (t.isAfter(now.plus(StoreFacts.CLOCK_SKEW))) {
      ignore(key, what + " lies in the future (" + t + ")");
      return true;
    }
    return false;
  }

  @Override
  public void startInvocation() {
    synchronized (ignored) {
      ignored.clear();
    }
    forged.set(0);
  }

  @Override
  public int forged() {
    return forged.get();
  }

  @Override
  public List<String> ignored() {
    synchronized (ignored) {
      return List.copyOf(ignored);
    }
  }

  @Override
  public Claim claimDelivery(String deliveryId, String contentHash, Instant now) {
    if (deliveryId.isEmpty()) {
      return Claim.FIRST;
    }
    String key = claimKey(deliveryId, contentHash);
    if (write(key, "claimed " + now.toEpochMilli(), true)) {
      return Claim.FIRST;
    }
    Optional<String> body = read(key);
    if (body.isPresent() && body.get().startsWith("done")) {
      return Claim.DUPLICATE;
    }
    if (body.isPresent()) {
      Instant at = millis(body.get(), 1);
      if (!future(key, at, now, "a claim") && at.plus(StoreFacts.CLAIM_STALE).isAfter(now)) {
        return Claim.IN_PROGRESS;
      }
    }
    write(key, "claimed " + now.toEpochMilli(), false); // released meanwhile, a dead invocation's, or not ours
    return Claim.FIRST;
  }

  @Override
  public void finishDelivery(String deliveryId, String contentHash, boolean handled, Instant now) {
    if (deliveryId.isEmpty()) {
      return;
    }
    String key = claimKey(deliveryId, contentHash);
    if (handled) {
      write(key, "done " + now.toEpochMilli(), false);
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
    Optional<Instant> last = read(base + "last").map(b -> millis(b, 0))
        .filter(t -> !future(base + "last", t, now, "a re-alert turn"));
    if (last.isPresent() && last.get().plus(window).isAfter(now)) {
      return AlertTurn.taken(fingerprint, last.get());
    }
    String turn = base + "after-" + last.map(Instant::toEpochMilli).orElse(0L);
    if (write(turn, Long.toString(now.toEpochMilli()), true)) {
      return AlertTurn.granted(fingerprint, turn);
    }
    Optional<Instant> other = read(turn).map(b -> millis(b, 0)).filter(t -> !future(turn, t, now, "a re-alert turn"));
    if (other.isPresent() && other.get().plus(window).isAfter(now)) {
      return AlertTurn.taken(fingerprint, other.get());
    }
    write(turn, Long.toString(now.toEpochMilli()), false); // its holder never recorded the alert, or not ours
    return AlertTurn.granted(fingerprint, turn);
  }

  @Override
  public void alertDone(AlertTurn turn, boolean delivered, Instant now) {
    if (!turn.mine() || turn.token().isEmpty()) {
      return;
    }
    if (delivered) {
      String last = turn.token().substring(0, turn.token().lastIndexOf('/') + 1) + "last";
      write(last, Long.toString(now.toEpochMilli()), false);
    } else {
      oss.delete(turn.token());
    }
  }

  @Override
  public void alerted(String fingerprint, Instant now) {
    String key = transientPrefix + "a/" + hash(fingerprint) + "/last";
    write(key, Long.toString(now.toEpochMilli()), false);
  }

  @Override
  public Optional<Pause> restoresPaused(String role, Instant now, FlapRule rule) {
    return pause(role, now, rule).filter(p -> p.until().isAfter(now));
  }

  /** The stored pause (body: until, started, actors) if the guard wrote it and it is plausible. */
  private Optional<Pause> pause(String role, Instant now, FlapRule rule) {
    String key = flapBase(role) + "paused";
    Optional<String> body = read(key);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    String[] lines = body.get().split("\n");
    Instant until = millis(lines[0], 0);
    Instant started = lines.length > 1 ? millis(lines[1], 0) : until.minus(rule.coolDown());
    if (future(key, started, now, "a pause's start")) {
      return Optional.empty();
    }
    if (until.isAfter(started.plus(rule.coolDown()).plus(StoreFacts.CLOCK_SKEW))
        || until.isAfter(now.plus(rule.coolDown()).plus(StoreFacts.CLOCK_SKEW))) {
      ignore(key, "a pause until " + until + " outlasts flapping.coolDownMinutes (" + rule.coolDown().toMinutes() + ")");
      return Optional.empty();
    }
    Set<String> actors = new LinkedHashSet<>(List.of(lines).subList(Math.min(2, lines.length), lines.length));
    return Optional.of(new Pause(until, started, actors));
  }

  @Override
  public Pause.Outcome restored(String role, Instant now, Set<String> actors, FlapRule rule) {
    String base = flapBase(role) + "r/";
    String rand = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    write(base + stamp(now.toEpochMilli()) + "-" + rand, String.join("\n", actors), false);
    if (rule.limit() == 0) {
      return new Pause.Outcome(false, actors);
    }
    long since = now.minus(rule.window()).toEpochMilli();
    Optional<Pause> paused = pause(role, now, rule);
    if (paused.isPresent()) {
      since = Math.max(since, paused.get().started().toEpochMilli());
    }
    String last = base + stamp(now.plus(StoreFacts.CLOCK_SKEW).toEpochMilli()) + "~";
    List<String> inWindow = oss.list(base, base + stamp(since) + "~", Math.min(1000, rule.limit() * 4));
    if (inWindow.size() < rule.limit()) {
      return new Pause.Outcome(false, actors); // too few to pause, whoever wrote them: no body is worth a read
    }
    int counted = 0;
    Set<String> who = new LinkedHashSet<>();
    for (String k : inWindow) {
      if (k.compareTo(last) > 0) {
        ignore(k, "a restore record in the future");
        continue;
      }
      Optional<String> b = read(k); // only the guard's own records count towards a pause
      if (b.isEmpty()) {
        continue;
      }
      counted++;
      for (String a : b.get().split("\n")) {
        if (!a.isEmpty() && who.size() < rule.limit() * 2) {
          who.add(a);
        }
      }
    }
    if (counted < rule.limit()) {
      return new Pause.Outcome(false, actors);
    }
    who.addAll(actors);
    StringBuilder body = new StringBuilder().append(now.plus(rule.coolDown()).toEpochMilli()).append('\n').append(now.toEpochMilli());
    who.forEach(a -> body.append('\n').append(a));
    write(flapBase(role) + "paused", body.toString(), false);
    return new Pause.Outcome(true, who);
  }

  @Override
  public void approve(String driftFingerprint, Approval approval) {
    String key = prefix + "approved/" + hash(driftFingerprint);
    write(key, approval.encode(), false);
  }

  @Override
  public Optional<Approval> approval(String driftFingerprint) {
    String key = prefix + "approved/" + hash(driftFingerprint);
    return read(key).flatMap(Approval::decode);
  }

  @Override
  public void delivered(Collection<DeliveredEvent> events, Instant now) {
    DeliveredEvent last = null;
    for (DeliveredEvent e : events) {
      if (!e.eventId().isEmpty()) {
        write(transientPrefix + "e/" + safe(e.eventId()), e.receivedAt().toEpochMilli() + " " + e.eventName(), false);
      }
      last = e;
    }
    if (last != null) {
      write(prefix + "last-delivery", last.receivedAt().toEpochMilli() + "\n" + last.eventId() + "\n" + last.eventName(), false);
    }
  }

  @Override
  public Set<String> deliveredIds(Collection<String> eventIds) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : eventIds) {
      if (read(transientPrefix + "e/" + safe(id)).isPresent()) {
        out.add(id);
      }
    }
    return out;
  }

  @Override
  public Optional<DeliveredEvent> lastDelivery() {
    String key = prefix + "last-delivery";
    return read(key).map(b -> {
      String[] l = (b + "\n\n").split("\n", -1);
      return new DeliveredEvent(l[1], l[2], millis(l[0], 0));
    });
  }

  @Override
  public boolean firstDeafnessReport(String eventId, Instant now) {
    String key = transientPrefix + "deaf/" + safe(eventId);
    if (write(key, Long.toString(now.toEpochMilli()), true)) {
      return true;
    }
    if (read(key).isPresent()) {
      return false;
    }
    write(key, Long.toString(now.toEpochMilli()), false); // someone else's object never silences a report
    return true;
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
