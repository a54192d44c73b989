import { useContext } from 'react';
import type { ConnectionStatus } from './realtime-client';
import { ConnectionStatusContext } from './realtime-context';

/** The realtime connection's state; null while signed out. */
export function useConnectionStatus(): ConnectionStatus | null {
  return useContext(ConnectionStatusContext);
}
