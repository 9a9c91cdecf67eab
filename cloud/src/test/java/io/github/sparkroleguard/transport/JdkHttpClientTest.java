package io.github.sparkroleguard.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyuncs.http.HttpClientConfig;
import org.junit.jupiter.api.Test;

class JdkHttpClientTest {
  @Test
  void ignoreSSLCertificate_isRefused() throws Exception {
    JdkHttpClient client = new JdkHttpClient(HttpClientConfig.getDefault());
    assertThrows(UnsupportedOperationException.class, client::ignoreSSLCertificate);
    assertFalse(client.isSingleton());
  }
}
