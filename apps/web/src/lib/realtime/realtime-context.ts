import { createContext } from 'react';
import type { ConnectionStatus, RealtimeClient } from './realtime-client';

/** The signed-in tab's one realtime client; null when signed out (pages then simply get no events). */
export const RealtimeContext = createContext<RealtimeClient | null>(null);

/** The connection's state for the top bar; null while there is no client (signed out). */
export const ConnectionStatusContext = createContext<ConnectionStatus | null>(null);
