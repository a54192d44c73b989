import { describeWorkQueueContract } from '@agent-fleet/testing';
import { InProcessWorkQueue } from './in-process-work-queue.js';

describeWorkQueueContract('InProcessWorkQueue', async (options) => ({
  queue: new InProcessWorkQueue(options),
  cleanup: async () => undefined,
}));
