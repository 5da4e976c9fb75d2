package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.HeadlessChromium;
import io.thermobus.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The zone's control panels and the experiments panel in a real headless Chromium against the
 * whole service on loopback: each control is used as a person would, and its effect is checked
 * over REST; a refused value shows the server's detail and changes nothing. Leaves a screenshot
 * of the zone, its panels and the experiments in {@code target/screenshots/}.
 */
class ControlPanelsBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private RunningService service;
  private HeadlessChromium chromium;

  @Test
  void shouldDriveEveryControlOfTheZoneAndRunAnExperiment() throws Exception {
    HeadlessChromium.assumeInstalled();
    try (RunningService running = RunningService.startInstrumented(new JsonObject().put("timeScale", 30));
        HeadlessChromium browser = HeadlessChromium.launch(1280, 1400)) {
      service = running;
      chromium = browser;
      driveEveryControl();
    }
  }

  private void driveEveryControl() throws Exception {
    chromium.driver.get(service.running.baseUrl() + "/");
    await().atMost(PATIENCE).until(() -> !value("[data-path='pid.kp']").isEmpty()
        && !chromium.driver.findElements(By.cssSelector("#experiment-scenario option")).isEmpty());
    for (String write : List.of("#settings-save", "#preset-select", "#presets-save", "#schedule-save", "#window-toggle", "#experiment-run")) {
      assertThat(find(write).isEnabled()).as("view only without the token: " + write).isFalse();
    }

    // Only the fragment changes: the page reads its token when it loads again.
    chromium.driver.get(service.running.dashboardUrl());
    chromium.driver.navigate().refresh();
    await().atMost(PATIENCE).until(() -> !value("[data-path='pid.kp']").isEmpty()
        && chromium.driver.findElement(By.id("settings-save")).isEnabled());
    assertThat(new Select(find("#settings-controller")).getFirstSelectedOption().getAttribute("value")).isEqualTo("onoff");

    changeTheController();
    refuseABadParameter();
    selectAPresetAndReturnToManual();
    editTheSchedule();
    openTheWindow();
    seeTheAnalytics();
    runTheChapterExperiment();

    Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
    chromium.driver.executeScript("window.scrollTo(0, 0)");
    Files.write(screenshots.resolve("zone-top.png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
    chromium.driver.executeScript("document.querySelector('.control').scrollIntoView()");
    Files.write(screenshots.resolve("control-panels.png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
    chromium.driver.executeScript("document.getElementById('experiments').scrollIntoView()");
    Files.write(screenshots.resolve("experiments.png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
    chromium.driver.manage().window().setSize(new Dimension(390, 844));
    chromium.driver.executeScript("document.querySelector('.setpoints').scrollIntoView()");
    Files.write(screenshots.resolve("control-panels-phone.png"), chromium.driver.getScreenshotAs(OutputType.BYTES));
    assertThat(((Number) chromium.driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
        .as("nothing wider than a phone").isLessThanOrEqualTo(0);
    assertThat(((Number) chromium.driver.executeScript("return window.thermobus.cspViolations.length")).intValue()).isZero();
  }

  private void changeTheController() {
    new Select(find("#settings-controller")).selectByValue("pid");
    assertThat(find("fieldset[data-controller='pid']").isDisplayed()).as("the pid parameters are shown").isTrue();
    assertThat(find("fieldset[data-controller='tpi']").isDisplayed()).isFalse();
    type("[data-path='pid.kp']", "1.5");
    type("[data-path='protections.minOnSeconds']", "120");
    new Select(find("[data-path='room.model']")).selectByValue("thermal");
    type("[data-path='room.outsideDaily']", "05:00 -6, 14:00 2.5");
    find("#settings-save").click();
    shows("settings-feedback", "Saved: pid controller.");
    JsonObject settings = get("/api/zones/home/settings");
    assertThat(settings.getString("controller")).isEqualTo("pid");
    assertThat(settings.getJsonObject("pid").getDouble("kp")).isEqualTo(1.5);
    assertThat(settings.getJsonObject("protections").getLong("minOnSeconds")).isEqualTo(120);
    assertThat(settings.getJsonObject("room").getString("model")).isEqualTo("thermal");
    assertThat(settings.getJsonObject("room").getJsonArray("outsideDaily")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("at", "05:00").put("celsius", -6.0)).add(new JsonObject().put("at", "14:00").put("celsius", 2.5)));
    startsWith("control-mode", "pid controller");
  }

  private void refuseABadParameter() {
    JsonObject before = get("/api/zones/home/settings");
    new Select(find("#settings-controller")).selectByValue("tpi");
    type("[data-path='tpi.coefInt']", "50");
    find("#settings-save").click();
    shows("settings-feedback", "tpi.coefInt must be between 0 and 10, got 50");
    assertThat(find("#settings-feedback").getAttribute("data-kind")).isEqualTo("error");
    assertThat(get("/api/zones/home/settings")).as("nothing changed").isEqualTo(before);

    type("[data-path='tpi.cycleSeconds']", "");
    find("#settings-save").click();
    shows("settings-feedback", "tpi.cycleSeconds: enter a number");
    assertThat(get("/api/zones/home/settings")).isEqualTo(before);

    type("[data-path='tpi.cycleSeconds']", "300");
    type("[data-path='room.outsideDaily']", "05:00 -6, 14 o'clock 2");
    find("#settings-save").click();
    shows("settings-feedback", "room.outsideDaily: write points as \"05:00 -6, 14:00 2\", not \"14 o'clock 2\"");
    assertThat(get("/api/zones/home/settings")).isEqualTo(before);

    find("#settings-revert").click();
    assertThat(value("[data-path='tpi.coefInt']")).isEqualTo("0.6");
    assertThat(value("[data-path='pid.kp']")).isEqualTo("1.5");
    assertThat(new Select(find("#settings-controller")).getFirstSelectedOption().getAttribute("value")).isEqualTo("pid");
  }

  private void selectAPresetAndReturnToManual() {
    type("[data-path='eco']", "16.5");
    find("#presets-save").click();
    shows("presets-feedback", "Preset temperatures saved.");
    assertThat(get("/api/zones/home/presets").getDouble("eco")).isEqualTo(16.5);

    new Select(find("#preset-select")).selectByValue("eco");
    await().atMost(PATIENCE).until(() -> "eco".equals(get("/api/zones/home/preset").getString("preset")));
    shows("preset-feedback", "Preset eco in force.");
    shows("desired", "16.50");

    new Select(find("#preset-select")).selectByValue("");
    await().atMost(PATIENCE).until(() -> get("/api/zones/home/preset").getValue("preset") == null);
    shows("preset-feedback", "Manual setpoint restored.");
  }

  private void editTheSchedule() {
    assertThat(find("#schedule-empty").isDisplayed()).isTrue();
    find("#schedule-add").click();
    WebElement row = find("#schedule-rows tr:last-child");
    row.findElement(By.cssSelector(".days input[value='mon']")).click();
    new Select(row.findElement(By.cssSelector(".kind"))).selectByValue("celsius");
    row.findElement(By.cssSelector(".celsius")).sendKeys("19.5");
    find("#schedule-save").click();
    shows("schedule-feedback", "Schedule saved: 1 entry.");
    JsonArray entries = get("/api/zones/home/schedule").getJsonArray("entries");
    assertThat(entries).hasSize(1);
    assertThat(entries.getJsonObject(0).getJsonArray("days").getList()).containsExactly("mon");
    assertThat(entries.getJsonObject(0).getString("at")).isEqualTo("07:00");
    assertThat(entries.getJsonObject(0).getDouble("celsius")).isEqualTo(19.5);

    find("#schedule-add").click();
    WebElement bad = find("#schedule-rows tr:last-child");
    new Select(bad.findElement(By.cssSelector(".kind"))).selectByValue("celsius");
    bad.findElement(By.cssSelector(".celsius")).sendKeys("50");
    find("#schedule-save").click();
    startsWith("schedule-feedback", "schedule.entries[].celsius must be between 5 and 35");
    assertThat(get("/api/zones/home/schedule").getJsonArray("entries")).as("nothing changed").isEqualTo(entries);
    bad.findElement(By.cssSelector(".remove")).click();
    assertThat(chromium.driver.findElements(By.cssSelector("#schedule-rows tr"))).hasSize(1);
  }

  private void openTheWindow() {
    find("#window-toggle").click();
    startsWith("window-state", "Window open for 10 min of simulated time");
    assertThat(find("#window-toggle").getText()).isEqualTo("Close window");
    find("#window-toggle").click();
    shows("window-state", "Window closed.");
  }

  private void seeTheAnalytics() {
    new Select(find("#analytics-seconds")).selectByValue("600");
    startsWith("analytics-updated", "updated");
    await().atMost(PATIENCE).until(() -> figure("dutyCycle").matches("\\d+\\.\\d %")
        && figure("switchesPerHour").matches("\\d+\\.\\d") && figure("energyKWh").matches("\\d+\\.\\d\\d kWh"));
    for (String field : List.of("overshoot", "undershoot", "rmsError", "degreeMinutesBelow", "secondsToSetpoint", "amplitude")) {
      assertThat(figure(field)).as(field).isNotEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private void runTheChapterExperiment() {
    await().atMost(PATIENCE).until(() -> !chromium.driver.findElements(By.cssSelector("#experiment-scenario option")).isEmpty());
    new Select(find("#experiment-scenario")).selectByValue("chapter");
    find("#experiment-run").click();
    shows("experiment-feedback", "chapter: 6 controllers compared.");

    JsonObject listed = get("/api/experiments").getJsonArray("experiments").getJsonObject(0);
    assertThat(listed.getString("scenario")).isEqualTo("chapter");
    JsonObject result = get("/api/experiments/" + listed.getString("id"));
    List<WebElement> rows = chromium.driver.findElements(By.cssSelector("#experiment-results tbody tr"));
    assertThat(rows).hasSize(result.getJsonArray("results").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject one = result.getJsonArray("results").getJsonObject(i);
      String row = rows.get(i).getText();
      assertThat(row).startsWith(one.getString("controller"))
          .contains(String.format(java.util.Locale.ROOT, "%.1f %%", one.getJsonObject("analytics").getDouble("dutyCycle") * 100));
    }
    await().atMost(PATIENCE).until(() -> text("experiment-list").contains("chapter"));

    Map<String, Object> chart = (Map<String, Object>) chromium.driver.executeScript("return window.thermobus.experimentChart()");
    assertThat(chart.get("id")).isEqualTo(listed.getString("id"));
    assertThat(((Number) chart.get("series")).intValue()).as("six controllers and the setpoint").isEqualTo(7);
    assertThat(((Number) chart.get("points")).intValue()).isEqualTo(result.getJsonObject("traces").getJsonArray("seconds").size());
    WebElement canvas = find("#experiment-chart canvas");
    assertThat(canvas.getSize().getWidth()).isPositive();
    assertThat((Boolean) chromium.driver.executeScript(
        "const c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + " for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true; return false;", canvas))
        .as("the canvas has something drawn on it").isTrue();
  }

  private JsonObject get(String path) {
    try {
      return service.send(HttpMethod.GET, path, null, null, null).bodyAsJsonObject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private WebElement find(String css) {
    return chromium.driver.findElement(By.cssSelector(css));
  }

  private void type(String css, String text) {
    WebElement input = find(css);
    input.clear();
    input.sendKeys(text);
  }

  private String value(String css) {
    return find(css).getAttribute("value");
  }

  private String figure(String field) {
    return find("#analytics-stats dd[data-field='" + field + "']").getText();
  }

  /** Waits until the element's text is {@code expected}; a failure says what it was instead. */
  private void shows(String id, String expected) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(text(id)).as("#" + id).isEqualTo(expected));
  }

  private void startsWith(String id, String expected) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(text(id)).as("#" + id).startsWith(expected));
  }

  private String text(String id) {
    return chromium.driver.findElement(By.id(id)).getText();
  }
}
