package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.HeadlessChromium;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in a real headless Chromium against the whole service on loopback: live values,
 * keyboard and exact entry reaching the server, view-only without the token, and a reconnect
 * that resumes from the last seq without a gap. Leaves screenshots in {@code target/}.
 */
class DashboardBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static Vertx vertx;
  private static RunningService service;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 60));
    chromium = HeadlessChromium.launch(1280, 1000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (service != null) {
      service.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldShowTheTemperatureChangingLiveAndDrawTheChart() {
    openWithToken();
    String first = text("temperature");
    await().atMost(PATIENCE).until(() -> !text("temperature").equals(first));
    assertThat(text("temperature")).matches("\\d+\\.\\d\\d");
    assertThat(text("connection-text")).isEqualTo("Live");
    assertThat(chromium.driver.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
    await().atMost(PATIENCE).until(() -> !text("bus-published").equals("–"));
    assertThat(number("return window.thermobus.cspViolations.length")).as("nothing blocked by the strict CSP").isZero();
  }

  @Test
  void shouldRaiseTheDesiredTemperatureWithArrowUpAndTheServerAgrees() throws Exception {
    openWithToken();
    double before = serverDesired();
    new Actions(chromium.driver).sendKeys(Keys.ARROW_UP).perform();
    await().atMost(PATIENCE).until(() -> near(serverDesired(), before + 0.5));
    await().atMost(PATIENCE).until(() -> text("desired").equals(String.format(Locale.ROOT, "%.2f", before + 0.5)));
    await().atMost(PATIENCE).until(() -> text("trace").endsWith("↑"));
    chromium.driver.findElement(By.id("lower")).click();
    await().atMost(PATIENCE).until(() -> near(serverDesired(), before));
    new Actions(chromium.driver).sendKeys(Keys.ARROW_UP).perform();
    await("keys still work with the button focused").atMost(PATIENCE).until(() -> near(serverDesired(), before + 0.5));
  }

  @Test
  void shouldApplyAnExactValueTypedWithDigitsThenEnter() throws Exception {
    openWithToken();
    new Actions(chromium.driver).sendKeys("23.5").perform();
    await().atMost(PATIENCE).until(() -> text("pending").equals("23.5"));
    new Actions(chromium.driver).sendKeys(Keys.ENTER).perform();
    await().atMost(PATIENCE).until(() -> near(serverDesired(), 23.5));
    await().atMost(PATIENCE).until(() -> text("desired").equals("23.50"));

    WebElement exact = chromium.driver.findElement(By.id("exact"));
    exact.sendKeys("19.5", Keys.ENTER);
    await().atMost(PATIENCE).until(() -> near(serverDesired(), 19.5));
    await().atMost(PATIENCE).until(() -> text("feedback").equals("Desired set to 19.50 °C"));
  }

  @Test
  void shouldBeViewOnlyWithoutAToken() throws Exception {
    open(service.running.baseUrl() + "/");
    chromium.driver.executeScript("sessionStorage.clear()");
    open(service.running.baseUrl() + "/");
    await().atMost(PATIENCE).until(() -> text("connection-text").equals("Live"));
    assertThat(text("access-text")).startsWith("View only");
    for (String control : List.of("lower", "raise", "exact", "exact-set")) {
      assertThat(chromium.driver.findElement(By.id(control)).isEnabled()).as(control).isFalse();
    }
    double before = serverDesired();
    new Actions(chromium.driver).sendKeys(Keys.ARROW_UP).perform();
    await().atMost(PATIENCE).until(() -> text("feedback").startsWith("View only"));
    assertThat(serverDesired()).isEqualTo(before);
  }

  @Test
  void shouldReconnectAfterTheServerClosesTheSocketAndHoldEverySeqWithoutAGap() throws Exception {
    openWithToken();
    await().atMost(PATIENCE).until(() -> seqs().size() > 20);
    long id = pageSubscriptionId();
    assertThat(service.client.delete("/api/bus/subscriptions/" + id)
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN).send().await(10, TimeUnit.SECONDS).statusCode())
        .as("the server ends the page's stream").isEqualTo(204);
    await().atMost(PATIENCE).until(() -> number("return window.thermobus.connections") == 2);
    int heldAtReconnect = seqs().size();
    await().atMost(PATIENCE).until(() -> seqs().size() > heldAtReconnect + 20);
    List<Long> seqs = seqs();
    for (int i = 1; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).as("seq after %d", seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
    }
    assertThat(number("return window.thermobus.gaps.length")).isZero();
    assertThat(text("connection-text")).isEqualTo("Live");
  }

  @Test
  void shouldLeaveScreenshotsOfTheDashboardForPeopleToLookAt() throws Exception {
    service.client.put("/api/zones/home/desired").putHeader("Authorization", "Bearer " + RunningService.TOKEN)
        .sendJsonObject(new JsonObject().put("celsius", 22.5)).await(10, TimeUnit.SECONDS);
    chromium.driver.manage().window().setSize(new Dimension(1280, 1500));
    try {
      openWithToken();
      new Actions(chromium.driver).sendKeys(Keys.ARROW_UP, Keys.ARROW_DOWN).perform();
      await().atMost(PATIENCE).until(() -> text("trace").endsWith("↑↓") && !text("bus-published").equals("–")
          && Double.parseDouble(text("temperature")) >= 22.4);
      Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
      Files.write(screenshots.resolve("dashboard.png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
      chromium.driver.manage().window().setSize(new Dimension(390, 1800));
      await().atMost(PATIENCE).until(() -> number("return document.documentElement.scrollWidth") <= 390);
      Files.write(screenshots.resolve("dashboard-phone.png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
      assertThat(screenshots.resolve("dashboard.png")).isNotEmptyFile();
    } finally {
      chromium.driver.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  private void openWithToken() {
    open(service.running.dashboardUrl());
    await().atMost(PATIENCE).until(() -> text("connection-text").equals("Live")
        && chromium.driver.findElement(By.id("raise")).isEnabled() && !text("temperature").equals("–"));
  }

  private static void open(String url) {
    chromium.driver.get("about:blank");
    chromium.driver.get(url);
  }

  private static String text(String id) {
    return chromium.driver.findElement(By.id(id)).getText();
  }

  private static long number(String script) {
    return ((Number) chromium.driver.executeScript(script)).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Long> seqs() {
    return ((List<Number>) chromium.driver.executeScript("return window.thermobus.seqs")).stream().map(Number::longValue).toList();
  }

  private static boolean near(double actual, double expected) {
    return Math.abs(actual - expected) < 0.001;
  }

  private static double serverDesired() throws Exception {
    return service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject().getDouble("desired");
  }

  /** The page's own subscription, as its socket's hello named it. */
  private static long pageSubscriptionId() {
    return await().atMost(PATIENCE).until(() -> (Number) chromium.driver.executeScript("return window.thermobus.subscription"),
        id -> id != null).longValue();
  }
}
