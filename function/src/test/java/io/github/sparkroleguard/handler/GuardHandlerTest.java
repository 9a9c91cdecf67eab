package io.github.sparkroleguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.alert.AlertDispatcher;
import io.github.sparkroleguard.alert.LogChannel;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.guard.DecisionLog;
import io.github.sparkroleguard.guard.Guard;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.testing.TestJson;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.Retrier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardHandlerTest {
  final RamPort ram = mock(RamPort.class);
  final List<String> log = new ArrayList<>();
  final CredentialsHolder credentials = new CredentialsHolder();
  final GuardHandler handler;

  GuardHandlerTest() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    GuardConfig config = new ConfigLoader(k -> null, Path.of(".")).parse("");
    io.github.sparkroleguard.rm.ResourceManagerPort rm = mock(io.github.sparkroleguard.rm.ResourceManagerPort.class);
    org.mockito.Mockito.when(rm.getRole(io.github.sparkroleguard.config.Defaults.SERVICE_LINKED_ROLE)).thenReturn(Optional.of(
        new io.github.sparkroleguard.rm.RmRole(io.github.sparkroleguard.config.Defaults.SERVICE_LINKED_ROLE, "1", "", true, "")));
    Guard guard = new Guard(config, ram, rm, mock(io.github.sparkroleguard.trail.TrailPort.class), new AlertDispatcher(List.of(new LogChannel(log::add))), new DecisionLog(log::add, clock), clock);
    Retrier retrier = new Retrier(clock, d -> { }, b -> 0);
    handler = new GuardHandler(new AccountRuntime(guard, credentials, retrier, retrier, clock, "123"));
  }

  private JsonNode invokeExpectingFailure(String payload, Context context) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThrows(GuardFailedException.class,
        () -> handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context));
    return TestJson.MAPPER.readTree(out.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "{\"eventName\":[1]}", "{\"action\":\"restore\"}", "[[]]",
      "{\"specversion\":\"1.0\",\"type\":\"ram:ActionTrail:ApiCall\",\"data\":\"DeleteRole\"}"})
  void handleRequest_badInput_failsWithAClearErrorAndNoRamCall(String payload) throws Exception {
    JsonNode result = invokeExpectingFailure(payload, null);
    assertFalse(result.path("ok").asBoolean());
    assertEquals("BadInput", result.path("error").path("code").asText());
    assertFalse(result.path("error").path("message").asText().isEmpty());
    verifyNoInteractions(ram);
  }

  @Test
  void handleRequest_unprotectedRoleCommand_isRefusedWithoutRamCall() throws Exception {
    JsonNode result = invokeExpectingFailure("{\"action\":\"restore\",\"roleName\":\"someone-else\"}", null);
    assertEquals("NotProtected", result.path("error").path("code").asText());
    assertTrue(result.path("error").path("message").asText().contains("AliyunEMRSparkJobRunDefaultRole"));
    verifyNoInteractions(ram);
  }

  @Test
  void handleRequest_ramReadFails_failsTheInvocation_andTakesCredentialsFromTheContext() throws Exception {
    when(ram.getRole(anyString())).thenThrow(new CloudCallException("NoPermission", "not allowed", false));
    Context context = mock(Context.class);
    Credentials c = mock(Credentials.class);
    when(c.getAccessKeyId()).thenReturn("STS.FromContext");
    when(c.getAccessKeySecret()).thenReturn("ctx-secret");
    when(c.getSecurityToken()).thenReturn("ctx-token");
    when(context.getExecutionCredentials()).thenReturn(c);

    JsonNode result = invokeExpectingFailure("{\"action\":\"scan\"}", context);

    assertEquals("GuardFailed", result.path("error").path("code").asText());
    assertEquals("error", result.path("roles").get(0).path("status").asText());
    assertTrue(result.path("roles").get(0).path("error").asText().contains("NoPermission"));
    assertEquals("STS.FromContext", credentials.accessKeyId());
  }

  @Test
  void handleRequest_healthyRole_succeeds() throws Exception {
    when(ram.getRole(anyString())).thenReturn(Optional.of(new io.github.sparkroleguard.ram.RamRole(
        io.github.sparkroleguard.config.Defaults.SPARK_TRUST_POLICY, "acs:ram::123:role/x")));
    when(ram.listPoliciesForRole(anyString())).thenReturn(List.of(new io.github.sparkroleguard.drift.AttachedPolicy(
        io.github.sparkroleguard.config.PolicyType.SYSTEM, "AliyunEMRSparkJobRunDefaultRolePolicy")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream("{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8)), out, null);
    JsonNode result = TestJson.MAPPER.readTree(out.toByteArray());
    assertTrue(result.path("ok").asBoolean());
    assertEquals("in_sync", result.path("roles").get(0).path("status").asText());
  }

  @Test
  void readBounded_hugePayload_readsOnlyJustPastTheLimit() throws Exception {
    byte[] huge = new byte[12 * 1024 * 1024];
    assertEquals(io.github.sparkroleguard.event.InputParser.MAX_BYTES + 1,
        GuardHandler.readBounded(new ByteArrayInputStream(huge)).length);
  }
}
