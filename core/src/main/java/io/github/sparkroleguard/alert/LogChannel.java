package io.github.sparkroleguard.alert;

import java.util.function.Consumer;

/** Writes alerts to the function's log: the zero-configuration channel. */
public final class LogChannel implements AlertChannel {
  private final Consumer<String> sink;

  public LogChannel(Consumer<String> sink) {
    this.sink = sink;
  }

  @Override
  public String name() {
    return "log";
  }

  @Override
  public boolean isLog() {
    return true;
  }

  @Override
  public void send(AlertMessage message) {
    sink.accept("ALERT " + message.title() + "\n" + Markdown.render(message));
  }
}
