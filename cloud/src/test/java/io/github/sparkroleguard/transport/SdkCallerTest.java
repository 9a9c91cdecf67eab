package io.github.sparkroleguard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.ram.model.v20150501.CreatePolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.CreatePolicyVersionResponse;
import com.aliyuncs.ram.model.v20150501.GetRoleRequest;
import com.aliyuncs.ram.model.v20150501.GetRoleResponse;
import io.github.sparkroleguard.config.Endpoint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retries of timeouts, and writes that may have been applied; no network, no sleeping. */
class SdkCallerTest {
  final IAcsClient client = mock(IAcsClient.class);
  final SdkCaller caller = new SdkCaller(client, Endpoint.parse("http://127.0.0.1:1", "e"), new CredentialsHolder(),
      new Retrier(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), d -> { }, bound -> 0));

  static ClientException timeout() {
    return new ClientException("SDK.ReadTimeout", "SocketTimeoutException has occurred on a socket read or accept.");
  }

  @Test
  void isRetryable_followsTheTerraformProviderClassification() {
    assertTrue(SdkCaller.isRetryable("Throttling.Api"));
    assertTrue(SdkCaller.isRetryable("ServiceUnavailable"));
    assertTrue(SdkCaller.isRetryable("SDK.ServerUnreachable"));
    assertTrue(SdkCaller.isRetryable("SDK.ReadTimeout"));
    assertFalse(SdkCaller.isRetryable("EntityNotExist.Role"));
  }

  @Test
  void mayHaveApplied_timeoutsAndServerErrorsYes_throttlingNo() {
    assertTrue(SdkCaller.mayHaveApplied("SDK.ReadTimeout"));
    assertTrue(SdkCaller.mayHaveApplied("SDK.ServerUnreachable"));
    assertTrue(SdkCaller.mayHaveApplied("InternalError"));
    assertFalse(SdkCaller.mayHaveApplied("Throttling.User"));
    assertFalse(SdkCaller.mayHaveApplied("NoPermission"));
  }

  @Test
  void call_readTimesOutThenAnswers_isRetried() throws Exception {
    GetRoleResponse answer = new GetRoleResponse();
    when(client.getAcsResponse(any(GetRoleRequest.class))).thenThrow(timeout()).thenReturn(answer);
    assertSame(answer, caller.call(new GetRoleRequest()));
    verify(client, times(2)).getAcsResponse(any(GetRoleRequest.class));
  }

  @Test
  void callUnlessApplied_timedOutAndReReadShowsItHappened_isNotSentAgain() throws Exception {
    when(client.getAcsResponse(any(CreatePolicyVersionRequest.class))).thenThrow(timeout());
    AtomicInteger reReads = new AtomicInteger();
    assertTrue(caller.callUnlessApplied(new CreatePolicyVersionRequest(), () -> reReads.incrementAndGet() > 0).isEmpty());
    verify(client, times(1)).getAcsResponse(any(CreatePolicyVersionRequest.class));
    assertEquals(1, reReads.get());
  }

  @Test
  void callUnlessApplied_timedOutAndReReadShowsItDidNot_isSentAgain() throws Exception {
    CreatePolicyVersionResponse answer = new CreatePolicyVersionResponse();
    when(client.getAcsResponse(any(CreatePolicyVersionRequest.class))).thenThrow(timeout()).thenReturn(answer);
    assertSame(answer, caller.callUnlessApplied(new CreatePolicyVersionRequest(), () -> false).orElseThrow());
    verify(client, times(2)).getAcsResponse(any(CreatePolicyVersionRequest.class));
  }

  @Test
  void callUnlessApplied_throttled_isRetriedWithoutAReRead() throws Exception {
    CreatePolicyVersionResponse answer = new CreatePolicyVersionResponse();
    when(client.getAcsResponse(any(CreatePolicyVersionRequest.class)))
        .thenThrow(new ClientException("Throttling.User", "Request was denied due to user flow control.")).thenReturn(answer);
    AtomicInteger reReads = new AtomicInteger();
    assertSame(answer, caller.callUnlessApplied(new CreatePolicyVersionRequest(), () -> reReads.incrementAndGet() > 0)
        .orElseThrow());
    assertEquals(0, reReads.get());
  }

  /** A Resource Management failure names Resource Management, never RAM (it used to read "... from RAM failed"). */
  @Test
  void failure_namesTheServiceThatFailed() throws Exception {
    when(client.getCommonResponse(any())).thenThrow(new ClientException("Forbidden.RAM", "not authorized"));
    CloudCallException rm = org.junit.jupiter.api.Assertions.assertThrows(CloudCallException.class,
        () -> caller.callCommon("ResourceManager", "2020-03-31", "ListPolicyAttachments", java.util.Map.of()));
    assertEquals("Resource Management", rm.service());
    assertTrue(rm.getMessage().startsWith("Resource Management: Forbidden.RAM: "), rm.getMessage());
    when(client.getAcsResponse(any(GetRoleRequest.class))).thenThrow(new ClientException("EntityNotExist.Role", "gone"));
    CloudCallException ram = org.junit.jupiter.api.Assertions.assertThrows(CloudCallException.class,
        () -> caller.call(new GetRoleRequest()));
    assertEquals("RAM", ram.service());
    assertTrue(ram.getMessage().startsWith("RAM: EntityNotExist.Role: "), ram.getMessage());
  }

  /**
   * A member account's session failing: its own credentials are not there yet, so nothing is known
   * to redact, yet the echoed string to sign holds the signer's (the central role's) STS token.
   */
  @Test
  void failure_echoingTheStringToSign_hidesTheSecurityTokenWithNoCredentialsToRedact() throws Exception {
    String echoed = "Specified signature is not matched with our calculation. server string to sign is:"
        + "POST&%2F&AccessKeyId%3DSTS.x%26Action%3DAssumeRole%26SecurityToken%3DCAIS%252BtokSECRET%252F55%253D%253D"
        + "%26SignatureMethod%3DHMAC-SHA1";
    when(client.getAcsResponse(any(GetRoleRequest.class))).thenThrow(new ClientException("SignatureDoesNotMatch", echoed));
    CloudCallException e = org.junit.jupiter.api.Assertions.assertThrows(CloudCallException.class,
        () -> caller.call(new GetRoleRequest()));
    assertTrue(!e.getMessage().contains("tokSECRET"), e.getMessage());
    assertTrue(e.getMessage().contains("SecurityToken%3D[redacted]"), e.getMessage());
  }
}
