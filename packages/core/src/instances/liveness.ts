/** A process registered as owning work, with its last heartbeat: a server instance, a pipeline worker. */
export interface RegisteredProcess {
  id: string;
  host: string;
  pid: number;
  heartbeatAt: Date;
}

/** Whether a process of this host is alive (`process.kill(pid, 0)`; EPERM means it exists). */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
};

/**
 * Whether `peer` is dead, as `self` judges it: its heartbeat is older than `staleMs`, or it ran on the
 * same host and its pid is gone, or is `self`'s very pid (an earlier life of this process: a container
 * restarted as pid 1). So a restarted single server takes over its previous life's work at once, without
 * waiting for the heartbeat to age. `self` is never dead.
 */
export function isDeadPeer(
  peer: RegisteredProcess,
  self: Omit<RegisteredProcess, 'heartbeatAt'>,
  nowMs: number,
  staleMs: number,
  isAlive: (pid: number) => boolean = processAlive,
): boolean {
  if (peer.id === self.id) return false;
  if (nowMs - peer.heartbeatAt.getTime() > staleMs) return true;
  if (peer.host !== self.host) return false;
  return peer.pid === self.pid || !isAlive(peer.pid);
}
