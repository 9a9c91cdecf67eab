package io.github.sparkroleguard.alert;

/** A channel did not accept an alert; the message never contains the channel's URL or secret. */
public final class AlertDeliveryException extends RuntimeException {
  public AlertDeliveryException(String message) {
    super(message);
  }
}
