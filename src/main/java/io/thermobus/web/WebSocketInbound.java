package io.thermobus.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.thermobus.stream.WebSocketSink;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * What a WebSocket client may send: frames within the frame size and without reserved bits (no
 * extension is enabled), text that is UTF-8 (checked by Netty's validator as frames arrive), and
 * messages within the message limit however they are fragmented. A violation closes the connection
 * with the status RFC 6455 gives it: 1009, 1002, 1007, 1009. Owned by the connection's event loop.
 */
final class WebSocketInbound {

  static final short INVALID_PAYLOAD = 1007;
  static final short MESSAGE_TOO_BIG = 1009;

  private final ServerWebSocket socket;
  private final WebSocketSink sink;
  private final int maxMessageBytes;
  private long messageBytes;

  private WebSocketInbound(ServerWebSocket socket, WebSocketSink sink, int maxMessageBytes) {
    this.socket = socket;
    this.sink = sink;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Watches what the client sends on {@code socket}, whose frames the sink answers. */
  static void watch(ServerWebSocket socket, Channel channel, WebSocketSink sink, int maxMessageBytes) {
    // After the frame decoder, before Vert.x's handler: an invalid text frame closes the connection with 1007.
    channel.pipeline().addBefore("handler", "utf8Validator", new Utf8FrameValidator(true))
        .addBefore("handler", "protocolErrors", new CloseOnProtocolError());
    WebSocketInbound inbound = new WebSocketInbound(socket, sink, maxMessageBytes);
    socket.frameHandler(inbound::received);
  }

  private void received(WebSocketFrame frame) {
    sink.received();
    if (frame.isText() || frame.isBinary()) {
      messageBytes = 0;
    }
    if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
      messageBytes += frame.binaryData().length();
      if (messageBytes > maxMessageBytes) {
        socket.close(MESSAGE_TOO_BIG, "messages are limited to " + maxMessageBytes + " bytes");
      }
    }
  }

  /**
   * Netty's frame decoder and UTF-8 validator report a bad frame as an exception carrying its close
   * status; Vert.x would drop the connection without saying why. This sends the close frame first,
   * as Netty's own WebSocket protocol handler does.
   */
  private static final class CloseOnProtocolError extends ChannelInboundHandlerAdapter {

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof CorruptedWebSocketFrameException corrupted && ctx.channel().isActive()) {
        ctx.writeAndFlush(new CloseWebSocketFrame(corrupted.closeStatus())).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.fireExceptionCaught(cause);
      }
    }
  }
}
