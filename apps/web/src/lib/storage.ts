export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * Web storage that never throws: it is unavailable in some private modes and when storage is
 * full or disabled, and a lost preference must not break the app.
 */
function safeStorage(storage: () => Storage): SafeStorage {
  return {
    get(key) {
      try {
        return storage().getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        storage().setItem(key, value);
      } catch {
        // Simply not remembered.
      }
    },
    remove(key) {
      try {
        storage().removeItem(key);
      } catch {
        // Nothing to forget.
      }
    },
  };
}

/** Survives restarts: choices such as the current workspace. */
export const preferences = safeStorage(() => window.localStorage);
