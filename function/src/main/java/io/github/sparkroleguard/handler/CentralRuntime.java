package io.github.sparkroleguard.handler;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.fleet.FanOut;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.transport.CredentialsHolder;

/** The wiring of a central guard of many accounts: every invocation goes to the fleet (with its fan-out). */
public final class CentralRuntime extends GuardRuntime {
  private final FanOut fleet;

  CentralRuntime(FanOut fleet, GuardConfig config, CredentialsHolder credentials) {
    super(config, credentials);
    this.fleet = fleet;
  }

  /** The central guard of many accounts, with its fan-out. */
  public FanOut fleet() {
    return fleet;
  }

  @Override
  InvocationResult dispatch(GuardRequest request) {
    return fleet.handle(request);
  }

  @Override
  public boolean usesHttps() {
    return super.usesHttps() || config().accounts().stsEndpoint().https();
  }
}
