package io.github.sparkroleguard.handler;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import io.github.sparkroleguard.alert.AlertDispatcher;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.fleet.AccountDirectory;
import io.github.sparkroleguard.fleet.FleetRuntime;
import io.github.sparkroleguard.fleet.MemberSessions;
import io.github.sparkroleguard.fleet.ResourceDirectoryMembers;
import io.github.sparkroleguard.guard.DecisionLog;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.ram.SdkCaller;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.RateGate;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.transport.Timing;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Wires a central guard (configuration with {@code accounts:}): one STS session and one account
 * guard per member, built on first use and kept for the instance's life, alerts shared.
 */
final class CentralWiring {
  private CentralWiring() {}

  static FleetRuntime fleet(GuardConfig config, IAcsClient client, CredentialsHolder credentials, AlertDispatcher alerts,
      Consumer<String> logSink, Timing timing) {
    Clock clock = timing.clock();
    RateGate stsGate = new RateGate(config.accounts().stsQps(), clock, timing.sleeper());
    MemberSessions sessions = new MemberSessions(client, credentials, config.accounts(),
        c -> SdkCaller.profile(config.region()), stsGate);
    Map<String, FleetRuntime.MemberGuard> built = new ConcurrentHashMap<>();
    FleetRuntime.MemberFactory factory = account -> built.computeIfAbsent(account.id(), id -> member(config, account,
        sessions.credentials(account), credentials, alerts, logSink, timing));
    AccountDirectory.Members members = config.accounts().discover()
        ? new ResourceDirectoryMembers(new SdkCaller(client, config.resourceManagerEndpoint(), credentials,
            Retrier.standard(timing)))
        : null;
    AccountDirectory directory = new AccountDirectory(config.accounts(), config.roles(), members, clock);
    return new FleetRuntime(config.accounts(), directory, factory, alerts, new DecisionLog(logSink, clock), clock,
        Duration.ofMinutes(config.realertMinutes()));
  }

  private static FleetRuntime.MemberGuard member(GuardConfig config, MemberAccount account, CredentialsHolder session,
      CredentialsHolder central, AlertDispatcher alerts, Consumer<String> logSink, Timing timing) {
    GuardRuntime rt = GuardRuntime.account(config.forMember(account), SdkCaller.newClient(config.region(), session), session,
        central, alerts, logSink, timing, account.id());
    return new FleetRuntime.MemberGuard() {
      @Override
      public void connect() throws ClientException {
        session.getCredentials();
      }

      @Override
      public InvocationResult handle(GuardRequest request) {
        return rt.handle(request);
      }
    };
  }
}
