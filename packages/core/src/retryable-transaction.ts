/** PostgreSQL's "try again" errors: a deadlock or a serialisation failure aborts one transaction, not the work. */
const RETRYABLE_SQL = new Set(['40P01', '40001']);

/** The SQLSTATE of a database error, found through the wrappers (Drizzle's query error) around it. */
const sqlState = (error: unknown): string | undefined => {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
};

/** Whether the database rolled the transaction back only to break a deadlock or a serialisation conflict. */
export const isRetryableSqlError = (error: unknown): boolean => RETRYABLE_SQL.has(sqlState(error) ?? '');

/** How many times in all a transaction the database aborted that way is run. */
export const TRANSACTION_ATTEMPTS = 5;

/**
 * Runs `transaction` again when the database aborted it to break a deadlock or a serialisation
 * conflict: nothing of it was written, and the other transaction has gone ahead, so the next attempt
 * normally commits. Two requests that touch the same rows in opposite orders (deleting a conversation
 * while another server ends a turn in it) would otherwise fail one of them with a 500.
 */
export async function retryingTransaction<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt < TRANSACTION_ATTEMPTS && isRetryableSqlError(error)) continue;
      throw error;
    }
  }
}
