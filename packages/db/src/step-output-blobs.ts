import type { BlobStore } from '@agent-fleet/core';
import { storable } from './storable.js';

/** Default size (bytes of JSON) above which a step's output lives in the blob store instead of its row. */
export const STEP_OUTPUT_INLINE_BYTES = 64 * 1024;

/** Where a step run's big output is stored, inside its workspace. */
export const stepOutputKey = (runId: string, stepRunId: string): string =>
  `pipelines/runs/${runId}/steps/${stepRunId}/output.json`;

/** The step run an output belongs to. */
export interface OutputOwner {
  id: string;
  workspaceId: string;
  runId: string;
}

/** What a step run's row holds for its output: the value inline, or the key of the blob that holds it. */
export interface PlacedOutput {
  output: unknown;
  outputBlobKey: string | null;
}

/**
 * Keeps step outputs out of their rows when they are big (a map's list of results, a long reply, a large
 * HTTP response): the row stays small, so reading a run's steps, locking and updating rows cost the same
 * whatever the steps produced. The blob is written before the row that names it (a row must never name a
 * missing blob); if that row then does not commit, or is deleted later, the orphan sweep removes the blob.
 */
export class StepOutputBlobs {
  constructor(
    private readonly blobs: BlobStore,
    private readonly inlineBytes = STEP_OUTPUT_INLINE_BYTES,
  ) {}

  /**
   * Stores `output`: inline when small, else in the blob store under the step run `owner` (looked up
   * only then, so a caller that knows just the row's id pays a read only for big outputs).
   */
  async place(output: unknown, owner: () => OutputOwner | Promise<OutputOwner>): Promise<PlacedOutput> {
    const value = storable(output ?? null);
    if (value === null) return { output: null, outputBlobKey: null };
    const json = JSON.stringify(value);
    if (Buffer.byteLength(json) <= this.inlineBytes) return { output: value, outputBlobKey: null };
    const { id, workspaceId, runId } = await owner();
    const key = stepOutputKey(runId, id);
    await this.blobs.put(workspaceId, key, json, { contentType: 'application/json' });
    return { output: null, outputBlobKey: key };
  }

  /** The output a row names: its inline value, or its blob's (null when the blob is gone, e.g. a database restored without its blobs). */
  async read(workspaceId: string, row: PlacedOutput): Promise<unknown> {
    if (row.outputBlobKey === null) return row.output ?? null;
    const bytes = await this.blobs.get(workspaceId, row.outputBlobKey);
    return bytes === null ? null : (JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown);
  }
}
