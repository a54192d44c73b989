import { AppError } from '@agent-fleet/core';

/**
 * An outbound request the network policy forbids: a private or loopback address that is not allowed, or a
 * scheme other than http(s). Its `code` is `outbound_refused`, which the LLM error classifier treats as final
 * (no retry). Status 424, as for every `outbound_refused`: the request was fine, the provider it depends on
 * is configured with an address the policy forbids.
 */
export class OutboundRequestRefusedError extends AppError {
  constructor(
    readonly host: string,
    reason: string,
  ) {
    super('outbound_refused', `Outbound request to ${host} refused: ${reason}`);
    this.name = 'OutboundRequestRefusedError';
  }
}
