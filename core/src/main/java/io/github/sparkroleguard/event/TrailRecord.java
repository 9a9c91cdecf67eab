package io.github.sparkroleguard.event;

import java.util.Map;
import java.util.Objects;

/**
 * The fields of an ActionTrail record the guard uses. The record only says where to look and who
 * acted; the state itself is always re-read from RAM.
 */
public final class TrailRecord {
  private final String deliveryId;
  private final String eventId;
  private final String eventName;
  private final String eventSource;
  private final String serviceName;
  private final String eventRw;
  private final String eventTime;
  private final String errorCode;
  private final Map<String, String> requestParameters;
  private final Actor actor;
  private final String sourceIp;
  private final String userAgent;
  private final String accountId;

  private TrailRecord(Builder b) {
    this.deliveryId = b.deliveryId;
    this.eventId = b.eventId;
    this.eventName = b.eventName;
    this.eventSource = b.eventSource;
    this.serviceName = b.serviceName;
    this.eventRw = b.eventRw;
    this.eventTime = b.eventTime;
    this.errorCode = b.errorCode;
    this.requestParameters = Map.copyOf(b.requestParameters);
    this.actor = Objects.requireNonNull(b.actor, "actor");
    this.sourceIp = b.sourceIp;
    this.userAgent = b.userAgent;
    this.accountId = b.accountId;
  }

  /**
   * The account whose RAM the record is about: the event's {@code aliyunoriginalaccountid}
   * (routed from a member), else the record's {@code recipientAccountId}; empty when neither says.
   */
  public String accountId() {
    return accountId;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's fields. */
  public Builder toBuilder() {
    return new Builder().deliveryId(deliveryId).eventId(eventId).eventName(eventName).eventSource(eventSource)
        .serviceName(serviceName).eventRw(eventRw).eventTime(eventTime).errorCode(errorCode)
        .requestParameters(requestParameters).actor(actor).sourceIp(sourceIp).userAgent(userAgent).accountId(accountId);
  }

  /** The id to de-duplicate deliveries on: EventBridge source+id, else the ActionTrail eventId. */
  public String deliveryId() {
    return deliveryId;
  }

  public String eventId() {
    return eventId;
  }

  public String eventName() {
    return eventName;
  }

  public String eventSource() {
    return eventSource;
  }

  public String serviceName() {
    return serviceName;
  }

  public String eventRw() {
    return eventRw;
  }

  public String eventTime() {
    return eventTime;
  }

  public String errorCode() {
    return errorCode;
  }

  /** requestParameters with every value as text. */
  public Map<String, String> requestParameters() {
    return requestParameters;
  }

  public Actor actor() {
    return actor;
  }

  public String sourceIp() {
    return sourceIp;
  }

  public String userAgent() {
    return userAgent;
  }

  /** Builder; every text field defaults to empty. */
  public static final class Builder {
    private String deliveryId = "";
    private String eventId = "";
    private String eventName = "";
    private String eventSource = "";
    private String serviceName = "";
    private String eventRw = "";
    private String eventTime = "";
    private String errorCode = "";
    private Map<String, String> requestParameters = Map.of();
    private Actor actor = Actor.unknown();
    private String sourceIp = "";
    private String userAgent = "";
    private String accountId = "";

    public Builder deliveryId(String v) { deliveryId = nz(v); return this; }
    public Builder eventId(String v) { eventId = nz(v); return this; }
    public Builder eventName(String v) { eventName = nz(v); return this; }
    public Builder eventSource(String v) { eventSource = nz(v); return this; }
    public Builder serviceName(String v) { serviceName = nz(v); return this; }
    public Builder eventRw(String v) { eventRw = nz(v); return this; }
    public Builder eventTime(String v) { eventTime = nz(v); return this; }
    public Builder errorCode(String v) { errorCode = nz(v); return this; }
    public Builder requestParameters(Map<String, String> v) { requestParameters = v; return this; }
    public Builder actor(Actor v) { actor = v; return this; }
    public Builder sourceIp(String v) { sourceIp = nz(v); return this; }
    public Builder userAgent(String v) { userAgent = nz(v); return this; }
    public Builder accountId(String v) { accountId = nz(v); return this; }

    public TrailRecord build() {
      return new TrailRecord(this);
    }

    private static String nz(String v) {
      return v == null ? "" : v;
    }
  }
}
