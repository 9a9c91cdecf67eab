package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.event.TrailRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a delivery says, as a short hash: a redelivery is a duplicate only when its id AND this
 * hash match, so an id reused for a different change (another event name, role, parameter,
 * actor or time) is handled, not skipped. Parameter order does not count.
 */
final class DeliveryContent {
  private DeliveryContent() {}

  static String hash(TrailRecord r) {
    StringBuilder s = new StringBuilder();
    field(s, r.eventId());
    field(s, r.eventName());
    field(s, r.eventSource());
    field(s, r.serviceName());
    field(s, r.eventRw());
    field(s, r.eventTime());
    field(s, r.errorCode());
    field(s, r.actor().type());
    field(s, r.actor().name());
    field(s, r.actor().principalId());
    field(s, r.actor().accountId());
    field(s, r.sourceIp());
    field(s, r.userAgent());
    for (Map.Entry<String, String> p : new TreeMap<>(r.requestParameters()).entrySet()) {
      field(s, p.getKey());
      field(s, p.getValue());
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        hex.append(String.format(Locale.ROOT, "%02x", d[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Length-prefixed, so no two different field lists give the same text. */
  private static void field(StringBuilder s, String v) {
    s.append(v.length()).append(':').append(v);
  }
}
