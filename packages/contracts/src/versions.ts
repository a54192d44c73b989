import { z } from 'zod';
import { MAX_VERSION_NUMBER } from './labels.js';

/**
 * A version number a client sends: a prompt's or pipeline's version, or a row's version for optimistic
 * concurrency. They are PostgreSQL `integer` columns, so a larger number is refused here (400) instead of
 * by the database (a 500).
 */
export const VersionNumberSchema = z.int().min(1).max(MAX_VERSION_NUMBER);
/** The same in a query string or path, where it arrives as text. */
export const VersionNumberTextSchema = z.coerce.number().int().min(1).max(MAX_VERSION_NUMBER);
