package io.github.sparkroleguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.alert.AlertDispatcher;
import io.github.sparkroleguard.alert.LogChannel;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.deploy.ControlPolicy;
import io.github.sparkroleguard.guard.DecisionLog;
import io.github.sparkroleguard.guard.Guard;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.testing.TestJson;
import io.github.sparkroleguard.trail.TrailPort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {"action":"control-policy"} answers with the deployed configuration's control policy, reading nothing. */
class ControlPolicyManualCommandTest {
  @Test
  void handleRequest_controlPolicyCommand_answersWithTheGeneratedPolicyAndNoRamCall() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    GuardConfig config = new ConfigLoader(k -> null, Path.of(".")).parse("self: { roleName: my-guard }\n");
    RamPort ram = mock(RamPort.class);
    List<String> log = new ArrayList<>();
    Guard guard = new Guard(config, ram, mock(io.github.sparkroleguard.rm.ResourceManagerPort.class), mock(TrailPort.class), new AlertDispatcher(List.of(new LogChannel(log::add))),
        new DecisionLog(log::add, clock), clock);
    Retrier retrier = new Retrier(clock, d -> { }, b -> 0);
    GuardHandler handler = new GuardHandler(new AccountRuntime(guard, new CredentialsHolder(), retrier, retrier, clock, "123"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream("{\"action\":\"control-policy\"}".getBytes(StandardCharsets.UTF_8)), out, null);
    JsonNode result = TestJson.MAPPER.readTree(out.toByteArray());
    assertTrue(result.path("ok").asBoolean(), result.toString());
    assertEquals("control-policy", result.path("command").asText());
    assertEquals(ControlPolicy.generate(config).path("policies"), result.path("policies"));
    assertTrue(result.path("policies").toString().contains("acs:ram:*:*:role/my-guard/*"), result.toString());
    verifyNoInteractions(ram);
  }
}
