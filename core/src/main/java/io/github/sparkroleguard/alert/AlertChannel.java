package io.github.sparkroleguard.alert;

/** A destination for alerts. */
public interface AlertChannel {
  /** Safe name for results and logs: the type and host, never a token-bearing URL. */
  String name();

  /** The log channel always works; it counts only when nothing else is configured. */
  default boolean isLog() {
    return false;
  }

  /** Sends the alert; throws {@link AlertDeliveryException} when the channel did not accept it. */
  void send(AlertMessage message);
}
