package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.HeadlessChromium;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardBrowserTest {

  private Vertx vertx;
  private RunningService service;
  private HeadlessChromium chromium;

  @BeforeEach
  void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 100));
    chromium = HeadlessChromium.launch(1280, 900);
  }

  @AfterEach
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (service != null) {
      service.close();
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void pageLoads() {
    chromium.driver.get(service.running.baseUrl() + "/");
    assertThat(chromium.driver.getTitle()).isEqualTo("Thermobus");
  }
}
