package io.github.sparkroleguard.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.aliyuncs.actiontrail.model.v20200706.LookupEventsResponse;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdkTrailClientTest {
  @Test
  void lookup_isPacedToTwoCallsPerSecond_andMapsRecords() {
    FakeTime time = new FakeTime();
    SdkCaller caller = mock(SdkCaller.class);
    LookupEventsResponse resp = new LookupEventsResponse();
    resp.setEvents(List.of(Map.of("eventName", "DeleteRole", "eventId", "e1", "serviceName", "Ram",
        "requestParameters", Map.of("RoleName", "r"), "userIdentity", Map.of("type", "ram-user", "userName", "bob"))));
    resp.setNextToken("");
    when(caller.call(any())).thenReturn(resp);
    SdkTrailClient client = new SdkTrailClient(caller, time, time::sleep);
    Instant t = time.instant();

    for (int i = 0; i < 4; i++) {
      TrailPort.Page page = client.lookup("ResourceName", "r", t.minusSeconds(3600), t, "");
      assertEquals("bob", page.records().get(0).actor().name());
      assertEquals("r", page.records().get(0).requestParameters().get("RoleName"));
    }

    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500)), time.sleeps);
  }

  @Test
  void lookup_twoAttributes_sentAsTheSdkNumbersThem() {
    FakeTime time = new FakeTime();
    SdkCaller caller = mock(SdkCaller.class);
    LookupEventsResponse resp = new LookupEventsResponse();
    resp.setEvents(List.of());
    resp.setNextToken("");
    org.mockito.ArgumentCaptor<com.aliyuncs.actiontrail.model.v20200706.LookupEventsRequest> sent =
        org.mockito.ArgumentCaptor.forClass(com.aliyuncs.actiontrail.model.v20200706.LookupEventsRequest.class);
    when(caller.call(sent.capture())).thenReturn(resp);
    Instant t = time.instant();

    new SdkTrailClient(caller, time, time::sleep).lookup("ServiceName", "Ram", "EventRW", "Write", t.minusSeconds(3600), t, "");

    Map<String, String> q = sent.getValue().getSysQueryParameters();
    assertEquals("ServiceName", q.get("LookupAttribute.1.Key"));
    assertEquals("Ram", q.get("LookupAttribute.1.Value"));
    assertEquals("EventRW", q.get("LookupAttribute.2.Key"));
    assertEquals("Write", q.get("LookupAttribute.2.Value"));
  }
}
