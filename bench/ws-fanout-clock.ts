/**
 * Milliseconds on the machine's monotonic clock (`CLOCK_MONOTONIC`), which every process reads alike: the
 * fan-out bench stamps an event in the server process and takes its latency in the clients' process.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
