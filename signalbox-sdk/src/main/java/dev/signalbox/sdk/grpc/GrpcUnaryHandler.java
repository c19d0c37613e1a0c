package dev.signalbox.sdk.grpc;

import dev.signalbox.component.Context;

/**
 * Handles one unary call with raw protobuf bytes. Runs on a virtual thread and may block (to apply
 * back-pressure, for instance). Failures become statuses as {@link GrpcErrors#toStatus} says.
 */
@FunctionalInterface
public interface GrpcUnaryHandler {
  /**
   * @param context client metadata (when {@code include_metadata} is on) and transport {@code grpc}
   * @param request the request message, decompressed; the handler owns the array
   * @return the response message bytes
   */
  byte[] handle(Context context, byte[] request) throws Exception;
}
