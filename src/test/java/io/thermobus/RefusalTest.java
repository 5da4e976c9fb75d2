package io.thermobus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.Test;

/** How a failed event-bus request becomes the refusal a client sees: written once, for every caller. */
class RefusalTest {

  private static final Refusal UNKNOWN = Refusal.of(404, "no such zone");

  @Test
  void shouldKeepARecipientsStatusAndDetail() {
    Refusal refused = Refusal.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 400, "out of range"), () -> UNKNOWN);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.detail()).isEqualTo("out of range");
    assertThat(refused.headers()).isEmpty();
  }

  @Test
  void shouldTellTheClientWhenToRetryARecipientsServiceUnavailable() {
    Refusal refused = Refusal.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503, "settings cannot be saved"), () -> UNKNOWN);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.detail()).isEqualTo("settings cannot be saved");
    assertThat(refused.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void shouldAskTheCallerWhatAMissingHandlerMeans() {
    assertThat(Refusal.of(new ReplyException(ReplyFailure.NO_HANDLERS, "none"), () -> UNKNOWN)).isSameAs(UNKNOWN);
  }

  @Test
  void shouldAnswerATimeoutAnInternalFailureOrAnythingElseWithARetryableServiceUnavailable() {
    for (Throwable failure : new Throwable[] {
        new ReplyException(ReplyFailure.TIMEOUT, "timed out"),
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, "java.lang.NullPointerException"),
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 7, "odd code"),
        new IllegalStateException("boom")}) {
      Refusal refused = Refusal.of(failure, () -> UNKNOWN);
      assertThat(refused.status()).as("%s", failure).isEqualTo(503);
      assertThat(refused.headers()).containsKey("Retry-After");
      assertThat(refused.detail()).doesNotContain("Exception");
    }
  }

  @Test
  void shouldPassARefusalThroughUnchanged() {
    Refusal refusal = Refusal.badRequest("bad");
    assertThat(Refusal.of(refusal, () -> UNKNOWN)).isSameAs(refusal);
  }
}
