package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.HeadlessChromium;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The overview of 10,000 zones in a real headless Chromium: only the visible cards exist, the
 * list filters and sorts, a card opens the zone's detail with its own chart only, and back returns
 * to the list as it was. Leaves a screenshot in {@code target/screenshots/}.
 */
class OverviewBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int ZONES = 10_000;

  private static Vertx vertx;
  private static RunningService service;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    JsonArray zones = new JsonArray();
    for (int i = 0; i < ZONES; i++) {
      // Each zone has its own setpoint; z1 starts far colder than z2, so their charts cannot be confused.
      double initial = i == 1 ? 10 : i == 2 ? 30 : 20;
      zones.add(new JsonObject().put("name", "z" + i).put("desired", 18 + (i % 5) * 0.5).put("initialTemperature", initial));
    }
    vertx = Vertx.vertx();
    // Simulated time nearly stands still: the page shows 10,000 zones without 10,000 zones' traffic.
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 0.01).put("zones", zones));
    chromium = HeadlessChromium.launch(1280, 1000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (service != null) {
      service.close();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldFilterSortOpenAZoneAndComeBack() throws Exception {
    chromium.driver.get(service.running.dashboardUrl());
    await().atMost(PATIENCE).until(() -> text("overview-count").equals("10,000 of 10,000 zones"));
    assertThat(shown()).as("only the visible cards are in the page").isNotEmpty().hasSizeLessThan(200);
    assertThat(shown().get(0)).isEqualTo("z0");

    WebElement filter = chromium.driver.findElement(By.id("overview-filter"));
    filter.sendKeys("z99");
    await().atMost(PATIENCE).until(() -> text("overview-count").equals("111 of 10,000 zones"));
    assertThat(shown()).allSatisfy(zone -> assertThat(zone).contains("z99"));

    new Select(chromium.driver.findElement(By.id("overview-sort"))).selectByValue("desired");
    await().atMost(PATIENCE).until(() -> firstCardText().contains("→ 18.00 °C"));
    new Select(chromium.driver.findElement(By.id("overview-sort"))).selectByValue("name");
    filter.clear();
    filter.sendKeys("z1");
    await().atMost(PATIENCE).until(() -> text("overview-count").equals("1,111 of 10,000 zones"));

    open("z1");
    assertThat(chart("z1")).as("z1's chart has z1's points only").allSatisfy(t -> assertThat(t).isLessThan(11.0));
    chromium.driver.findElement(By.id("back")).click();
    await().atMost(PATIENCE).until(() -> chromium.driver.findElement(By.id("overview")).isDisplayed());
    assertThat(text("overview-count")).as("the filter is kept").isEqualTo("1,111 of 10,000 zones");

    filter.clear();
    filter.sendKeys("z2");
    await().atMost(PATIENCE).until(() -> text("overview-count").equals("1,111 of 10,000 zones")
        && shown().stream().allMatch(zone -> zone.startsWith("z2")));
    open("z2");
    assertThat(chart("z2")).as("selecting another zone carries none of z1's points").allSatisfy(t -> assertThat(t).isGreaterThan(29.0));

    chromium.driver.findElement(By.id("back")).click();
    filter.clear();
    await().atMost(PATIENCE).until(() -> text("overview-count").equals("10,000 of 10,000 zones"));
    Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(screenshots.resolve("overview.png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
    assertThat(screenshots.resolve("overview.png")).isNotEmptyFile();
    assertThat(((Number) chromium.driver.executeScript("return window.thermobus.cspViolations.length")).intValue()).isZero();
  }

  /** Clicks the zone's card; found and clicked in one script, as the live list redraws its cards. */
  private static void open(String zone) {
    chromium.driver.executeScript("document.querySelector('#overview-canvas .zone-card[data-zone=\"' + arguments[0] + '\"]').click()", zone);
    await().atMost(PATIENCE).until(() -> chromium.driver.findElement(By.id("detail")).isDisplayed()
        && text("zone-name").equals(zone) && !text("temperature").equals("–"));
  }

  @SuppressWarnings("unchecked")
  private static List<Double> chart(String zone) {
    Map<String, Object> chart = await().atMost(PATIENCE).until(
        () -> (Map<String, Object>) chromium.driver.executeScript("return window.thermobus.chart()"),
        c -> zone.equals(c.get("zone")) && !((List<?>) c.get("temperatures")).isEmpty());
    return ((List<Number>) chart.get("temperatures")).stream().map(Number::doubleValue).toList();
  }

  /** The zones whose cards are in the page, in order; read in one script, as the live list redraws its cards. */
  @SuppressWarnings("unchecked")
  private static List<String> shown() {
    return (List<String>) chromium.driver.executeScript(
        "return [...document.querySelectorAll('#overview-canvas .zone-card')].map(card => card.dataset.zone)");
  }

  private static String firstCardText() {
    return (String) chromium.driver.executeScript(
        "const card = document.querySelector('#overview-canvas .zone-card'); return card ? card.innerText : ''");
  }

  private static String text(String id) {
    return chromium.driver.findElement(By.id(id)).getText();
  }
}
